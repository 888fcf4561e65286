/**
 * The base of every error Pulse raises on purpose. Errors are data: a stable snake_case `code`
 * that callers switch on, a class that says what to do about it, and a message a person can act on.
 * Subclasses exist only where callers behave differently (see STYLE.md, "Errors").
 */

/** What an error calls for. Mirrors DESIGN.md's error table. */
export type ErrorClass = 'transient' | 'auth' | 'limit' | 'data' | 'config';

export interface AppErrorOptions {
  readonly errorClass: ErrorClass;
  readonly cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly errorClass: ErrorClass;

  constructor(code: string, message: string, options: AppErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.errorClass = options.errorClass;
  }
}

/** For `switch` statements over unions: a missing case is a compile error, and a run-time one. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
