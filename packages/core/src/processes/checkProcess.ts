import { ValidationError } from "../errors.js";
import { showValue } from "../internal/showValue.js";

/** @throws ValidationError when `value` is not a finite number > 0. */
export function requirePositive(object: string, attr: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError({ object, attr, message: `must be a finite number > 0 (got ${showValue(value)})` });
  }
  return value;
}

/** @throws ValidationError when a process is made with a size it cannot produce. */
export function requireSize(object: string, attr: "sizeIn" | "sizeOut", got: number, expected: number): void {
  if (got !== expected) {
    throw new ValidationError({ object, attr, message: `must be ${expected} for this process (got ${got})` });
  }
}
