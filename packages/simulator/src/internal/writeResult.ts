/**
 * Checks what a user function returned (a number, or an array of `size` finite numbers) and
 * writes it into `out`; otherwise calls `fail` with what is wrong (the step is aborted).
 */
export function writeResult(r: unknown, out: Float64Array, size: number, fail: (message: string) => never): void {
  if (typeof r === "number") {
    if (size !== 1) fail(`returned a number but ${size} values are expected; return an array of ${size} numbers`);
    if (!Number.isFinite(r)) fail(`returned the non-finite value ${r}`);
    out[0] = r;
    return;
  }
  if (r === null || r === undefined || typeof r !== "object" || typeof (r as { length?: unknown }).length !== "number") {
    fail(`returned ${describe(r)}; return ${size === 1 ? "a number" : `an array of ${size} numbers`}`);
  }
  const a = r as ArrayLike<unknown>;
  if (a.length !== size) fail(`returned ${a.length} values, expected ${size}`);
  for (let i = 0; i < size; i++) {
    const v = a[i];
    if (typeof v !== "number") fail(`returned a non-number (${describe(v)}) at index ${i}`);
    if (!Number.isFinite(v)) fail(`returned the non-finite value ${v} at index ${i}`);
  }
  for (let i = 0; i < size; i++) out[i] = a[i] as number;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "object") return Array.isArray(v) ? "an array" : "an object";
  return `${typeof v} ${String(v)}`;
}
