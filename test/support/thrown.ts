/**
 * The error of class `type` that `f` throws, for a test to read its fields (`attr`, `message`);
 * a failed test when `f` returns, and `f`'s own error when it is of another class.
 */
export function thrownBy<E extends Error>(type: abstract new (...args: never[]) => E, f: () => unknown): E {
  try {
    f();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`did not throw a ${type.name}`);
}
