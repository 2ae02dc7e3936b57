import type { Window } from "./Window.js";

/** A window of one probe of a running system, as `system.stream()` emits it. */
export interface OutputWindow {
  /** The probe, as results name it (`plant.out.x`, or the probe's label). */
  readonly probe: string;
  /** The values, stamped with the probed subsystem's steps (step k is at time k·dt). */
  readonly window: Window;
  /** The probed subsystem's time step (s). */
  readonly dt: number;
}
