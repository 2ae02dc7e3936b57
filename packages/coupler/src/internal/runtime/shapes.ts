import type { RatePolicy } from "../model.js";

/**
 * What a unit actor knows of its unit: sizes and names only (no networks, no wiring), so that it
 * can be described in a message and run on any host. Slots are the unit's inputs fed by links
 * (edges first, then streamed inputs), outputs the ports its out-edges read, probes its probes.
 */
export interface UnitShape {
  /** `ctrl`, or `ctrl+plant` for a fused unit (how messages name it). */
  readonly name: string;
  /** Whether several subsystems run fused in it (messages say "Fused subsystems"). */
  readonly fused: boolean;
  /** Its dt in base steps. */
  readonly multiple: number;
  /** The system's base time step (s), for the times in messages. */
  readonly baseDt: number;
  /** Its own time step (s), the dt of its probes' data. */
  readonly dt: number;
  /** Values per step of each slot (the source's size, before any transform). */
  readonly slotDims: readonly number[];
  /** How messages name what feeds each slot (`ctrl.out.u -> plant.in.u`, `input plant.in.u`). */
  readonly slotNames: readonly string[];
  /** Values per step of each output read for the out-edges. */
  readonly outDims: readonly number[];
  /** Names (as results name them) and values per step of its probes. */
  readonly probes: readonly { readonly name: string; readonly dims: number }[];
}

/** What both ends of an edge agree on: how windows change between the sender's steps and the receiver's. */
export interface EdgeShape {
  /** `ctrl.out.u -> plant.in.u`. */
  readonly name: string;
  /** Values per step crossing (the source port's size). */
  readonly dims: number;
  readonly delaySteps: number;
  readonly rate: RatePolicy;
  /** The sender's and the receiver's dt in base steps. */
  readonly fromMultiple: number;
  readonly toMultiple: number;
  /** Base steps the sender may be ahead of the receiver (delay + both multiples + buffer). */
  readonly capacitySteps: number;
}
