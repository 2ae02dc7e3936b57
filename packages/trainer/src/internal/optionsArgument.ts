// The options argument of a trainer's constructor or `fit`, and user values in messages, checked
// so that hostile input (null, a number, a symbol) ends in a TrainingError, never a TypeError.
import { TrainingError } from "@plexus/core";
import { kindOf } from "@plexus/core/runtime";

/** A user-given value as a message shows it, never throwing (a symbol in a template literal throws). */
export function shown(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/**
 * `options`, checked to be an options object (or undefined) before any field is read.
 * @throws TrainingError on `where`'s `options` for null, an array or a primitive
 */
export function optionsArgument(options: unknown, where: string): void {
  if (options === undefined || (typeof options === "object" && options !== null && !Array.isArray(options))) return;
  throw new TrainingError(`${where}.options: must be an options object, e.g. {} for the defaults (got ${kindOf(options)})`, { label: where });
}
