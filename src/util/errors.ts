/**
 * Error classes and exit codes for the whole tool. Only src/main.ts turns these into a process exit.
 * A user mistake is an ExhibitsError subclass whose message says what is wrong, where, and what to do;
 * anything else is an internal error (exit 1) and gets a stack trace.
 */

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  invalidInput: 3,
  verificationFailed: 4,
  environment: 5,
  /** `capture`: at least one requested page was not captured (each outcome says why). */
  someCapturesFailed: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class for errors caused by the user's input or environment, never by a bug. */
export class ExhibitsError extends Error {
  readonly exitCode: ExitCode = ExitCode.invalidInput;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A location in a user's file, used to point at the mistake. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  field?: string;
}

export function formatLocation(loc: SourceLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`;
  if (loc.field) s += ` (field ${loc.field})`;
  return s;
}

/** The case folder or one of its evidence files is wrong. */
export class InvalidInputError extends ExhibitsError {
  constructor(
    readonly location: SourceLocation,
    readonly problem: string,
  ) {
    super(`${formatLocation(location)}: ${problem}`);
  }
}

/** Several problems found in one pass (all are reported, so the user can fix them together). */
export class InvalidInputErrors extends ExhibitsError {
  constructor(readonly errors: InvalidInputError[]) {
    super(errors.map((e) => e.message).join("\n"));
  }
}

/** Bad command-line usage. */
export class UsageError extends ExhibitsError {
  override readonly exitCode = ExitCode.usage;
}

/** Something the machine lacks (no Chromium, for example); the message says how to install it. */
export class EnvironmentError extends ExhibitsError {
  override readonly exitCode = ExitCode.environment;
}

/** `verify` found a problem with a bundle. */
export class VerificationFailedError extends ExhibitsError {
  override readonly exitCode = ExitCode.verificationFailed;
}
