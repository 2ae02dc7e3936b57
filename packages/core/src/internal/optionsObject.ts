import { ValidationError } from "../errors.js";

/** What a value is, for a message: `null`, `an array`, `a string`, ... */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  const t = typeof value;
  return t === "object" ? "an object" : `a ${t}`;
}

/**
 * The options argument of a constructor or function, checked: `undefined` gives `{}`; anything
 * but a plain object (null, a number, a string, an array, a function) is a ValidationError on
 * `object`'s `options`, thrown before any field is read.
 * @throws ValidationError when `options` is not an object
 */
export function optionsObject<T extends object>(options: T | undefined, object: string): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ValidationError({ object, attr: "options", message: `must be an options object, e.g. {} for the defaults (got ${kindOf(options)})` });
  }
  return options;
}

/**
 * A label, checked: `undefined` stays undefined; anything but a string (a symbol, a number, an
 * object) is a ValidationError on `object`'s `label`.
 * @throws ValidationError when `label` is given and is not a string
 */
export function labelText(label: unknown, object: string): string | undefined {
  if (label === undefined || typeof label === "string") return label;
  throw new ValidationError({ object, attr: "label", message: `must be a string (got ${kindOf(label)})` });
}
