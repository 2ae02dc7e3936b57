// Test helpers shared by the operator specs (not exported by the package).

import { TestScheduler } from "rxjs/testing";
import { expect } from "vitest";
import { Window } from "../../src/Window.js";

/** A TestScheduler comparing with vitest's deep equality. */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A 1-D window of `values` from step `start`. */
export function win(start: number, ...values: number[]): Window {
  return new Window(start, values.length, 1, Float64Array.from(values));
}
