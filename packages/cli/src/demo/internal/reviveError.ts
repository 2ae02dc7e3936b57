import { BuildError, BundleError, CouplingError, PortError, SimulationError, TrainingError, ValidationError } from "@plexus/core";

const CLASSES = { BuildError, BundleError, CouplingError, PortError, SimulationError, TrainingError } as const;

/**
 * The error a worker thread posted (its class name, message and stack), rebuilt in this thread
 * as the same Plexus error class, so the command reports it as if it had been thrown here.
 */
export function reviveError(name: string, message: string, stack: string): Error {
  let error: Error;
  if (name in CLASSES) {
    error = new CLASSES[name as keyof typeof CLASSES](message);
  } else if (name === "ValidationError") {
    const at = message.indexOf(": ");
    error = at < 0 ? new ValidationError({ object: "worker", message }) : new ValidationError({ object: message.slice(0, at), message: message.slice(at + 2) });
  } else {
    error = new Error(message);
    error.name = name;
  }
  if (stack !== "") error.stack = stack;
  return error;
}
