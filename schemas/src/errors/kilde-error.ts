/**
 * The one base error of Kilde. Every package wraps external failures into a subclass of this
 * at its edge so callers see a stable `code`, an HTTP-ish `status` and structured `details`.
 */
export class KildeError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(
    code: string,
    message: string,
    options: { status?: number; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details;
  }
}
