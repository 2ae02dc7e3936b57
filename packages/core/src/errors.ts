/**
 * The one error root of Plexus. Every error thrown on purpose by a Plexus package is a
 * `PlexusError` with a discriminating `code`, the `label` of the object at fault (its label, or
 * its kind and index) where there is one, and the `cause` where another error led to it.
 */
export const ErrorCode = Object.freeze({
  validation: "VALIDATION",
  build: "BUILD",
  port: "PORT",
  simulation: "SIMULATION",
  training: "TRAINING",
  coupling: "COUPLING",
  bundle: "BUNDLE",
  snapshot: "SNAPSHOT",
  internal: "INTERNAL",
} as const);

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface PlexusErrorOptions {
  /** The object at fault, by label or `Kind[index]`. */
  readonly label?: string | undefined;
  readonly cause?: unknown;
}

export class PlexusError extends Error {
  readonly code: ErrorCode;
  readonly label: string | undefined;

  constructor(code: ErrorCode, message: string, options: PlexusErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.label = options.label;
  }
}

/** One problem found by validation: the object, the attribute and what to do. */
export interface Issue {
  /** The object at fault, e.g. `Ensemble 'a'` or `Connection[3]`. */
  readonly object: string;
  /** The attribute at fault, e.g. `nNeurons`. */
  readonly attr?: string | undefined;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

export function formatIssue(issue: Issue): string {
  const i: Partial<Record<keyof Issue, unknown>> | null = typeof issue === "object" ? issue : null;
  if (i === null || typeof i.object !== "string" || typeof i.message !== "string" || (i.attr !== undefined && typeof i.attr !== "string")) {
    throw new ValidationError({
      object: "formatIssue",
      attr: "issue",
      message: `must be an Issue, an object { object, attr?, message } of strings, e.g. { object: "Ensemble 'a'", attr: "nNeurons", message: "must be >= 1" }`,
    });
  }
  return issueText(issue);
}

/** An issue as one line, unchecked (the errors' own issues are built by the library). */
function issueText(issue: Issue): string {
  return issue.attr === undefined ? `${issue.object}: ${issue.message}` : `${issue.object}.${issue.attr}: ${issue.message}`;
}

/** A parameter or structure is invalid. Carries every problem found, not only the first. */
export class ValidationError extends PlexusError {
  readonly attr: string | undefined;
  readonly issues: readonly Issue[];

  constructor(issues: Issue | readonly Issue[], options: PlexusErrorOptions = {}) {
    const list = Array.isArray(issues) ? (issues as readonly Issue[]) : [issues as Issue];
    const first = list[0];
    const message =
      list.length === 1 && first !== undefined ? issueText(first) : `${list.length} problems:\n${list.map((i) => `  - ${issueText(i)}`).join("\n")}`;
    super(ErrorCode.validation, message, { label: options.label ?? first?.object, cause: options.cause });
    this.attr = first?.attr;
    this.issues = list;
  }
}

/** A network could not be turned into a plan (or a training graph). */
export class BuildError extends PlexusError {
  constructor(message: string, options: PlexusErrorOptions = {}) {
    super(ErrorCode.build, message, options);
  }
}

/** A port was named or sized wrongly. */
export class PortError extends PlexusError {
  constructor(message: string, options: PlexusErrorOptions = {}) {
    super(ErrorCode.port, message, options);
  }
}

/** A running simulation failed; data probed up to the failure stays readable. */
export class SimulationError extends PlexusError {
  /** The step (1-based) during which the failure happened. */
  readonly step: number | undefined;
  constructor(message: string, options: PlexusErrorOptions & { readonly step?: number } = {}) {
    super(ErrorCode.simulation, message, options);
    this.step = options.step;
  }
}

export class TrainingError extends PlexusError {
  constructor(message: string, options: PlexusErrorOptions = {}) {
    super(ErrorCode.training, message, options);
  }
}

/** Wiring or running a coupled system failed; data up to the failure stays readable. */
export class CouplingError extends PlexusError {
  /** The coupled step (1-based) during which the failure happened, if it happened while running. */
  readonly step: number | undefined;
  /** The name of the subsystem at fault (its key in the coupled system), if one is. */
  readonly subsystem: string | undefined;
  constructor(message: string, options: PlexusErrorOptions & { readonly step?: number | undefined; readonly subsystem?: string | undefined } = {}) {
    super(ErrorCode.coupling, message, options);
    this.step = options.step;
    this.subsystem = options.subsystem;
  }
}

/** A saved bundle is missing, truncated, corrupted or from an unknown format version. */
export class BundleError extends PlexusError {
  constructor(message: string, options: PlexusErrorOptions = {}) {
    super(ErrorCode.bundle, message, options);
  }
}

/**
 * A simulator snapshot was refused: truncated or corrupted bytes, an unknown format version, or
 * a snapshot of another plan (its structure hash differs) or another number format.
 */
export class SnapshotError extends PlexusError {
  constructor(message: string, options: PlexusErrorOptions = {}) {
    super(ErrorCode.snapshot, message, options);
  }
}

/**
 * An index fell outside its array, or a key was missing from a table, where Plexus's own code
 * guarantees it is there: a broken internal invariant, not a problem with your model. The message
 * names the array or table and the index; please report it.
 */
export class InternalError extends PlexusError {
  constructor(message: string, options: PlexusErrorOptions = {}) {
    super(ErrorCode.internal, message, options);
  }
}
