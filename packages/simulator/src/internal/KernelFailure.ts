/** Thrown by a kernel's code during a step; the simulator turns it into a SimulationError with the step. */
export class KernelFailure extends Error {
  constructor(
    readonly owner: string,
    message: string,
    readonly detail: unknown,
  ) {
    super(message);
    this.name = "KernelFailure";
  }
}
