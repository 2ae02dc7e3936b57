import { type Issue, ValidationError } from "@plexus/core";

/** At most this many problems are collected before checking stops adding more. */
const MAX_ISSUES = 20;

/**
 * Walks a parsed JSON value and collects every problem, each naming the field by its path
 * (`seedRescaling.runs[2].portMse`). Readers return a placeholder after a problem so the walk
 * goes on; {@link JsonChecker.done} throws one `ValidationError` listing them all.
 */
export class JsonChecker {
  readonly issues: Issue[] = [];

  /** @param object The thing being checked, as messages name it, e.g. `Results 'out/results.json'`. */
  constructor(readonly object: string) {}

  fail(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ object: this.object, attr: path, message });
  }

  record(value: unknown, path: string): Record<string, unknown> {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.fail(path, `must be an object (got ${describe(value)})`);
    return {};
  }

  array(value: unknown, path: string): readonly unknown[] {
    if (Array.isArray(value)) return value;
    this.fail(path, `must be an array (got ${describe(value)})`);
    return [];
  }

  /** A number; non-finite values may be spelled "inf", "-inf", "nan" (only when `finite` is false). */
  number(value: unknown, path: string, options: { readonly finite?: boolean; readonly min?: number; readonly integer?: boolean } = {}): number {
    const n = decodeNumber(value);
    if (n === undefined) {
      this.fail(path, `must be a number (got ${describe(value)})`);
      return NaN;
    }
    if ((options.finite ?? true) && !Number.isFinite(n)) {
      this.fail(path, `must be a finite number (got ${describe(value)})`);
    } else if (options.integer === true && !Number.isInteger(n)) {
      this.fail(path, `must be an integer (got ${n})`);
    } else if (options.min !== undefined && n < options.min) {
      this.fail(path, `must be >= ${options.min} (got ${n})`);
    }
    return n;
  }

  /** An array of numbers (non-finite spelled as strings allowed unless `finite`). */
  numbers(value: unknown, path: string, options: { readonly finite?: boolean } = {}): number[] {
    return this.array(value, path).map((v, i) => this.number(v, `${path}[${i}]`, options));
  }

  string(value: unknown, path: string, options: { readonly nonEmpty?: boolean } = {}): string {
    if (typeof value !== "string") {
      this.fail(path, `must be a string (got ${describe(value)})`);
      return "";
    }
    if (options.nonEmpty === true && value.length === 0) this.fail(path, "must not be empty");
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value === "boolean") return value;
    this.fail(path, `must be true or false (got ${describe(value)})`);
    return false;
  }

  literal<T extends string | number>(value: unknown, path: string, expected: T): T {
    if (value !== expected) this.fail(path, `must be ${JSON.stringify(expected)} (got ${describe(value)})`);
    return expected;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    this.fail(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")} (got ${describe(value)})`);
    return allowed[0] as T;
  }

  /** `null`, or what `read` makes of the value. */
  nullable<T>(value: unknown, path: string, read: (v: unknown, path: string) => T): T | null {
    return value === null ? null : read(value, path);
  }

  /** Throws the collected problems, if any. */
  done(): void {
    if (this.issues.length > 0) throw new ValidationError(this.issues, { label: this.object });
  }
}

function decodeNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (value === "inf") return Infinity;
  if (value === "-inf") return -Infinity;
  if (value === "nan") return NaN;
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
