const marker = 'driftwatch.error';
const symbol = Symbol.for(marker);

/**
 * Every failure Driftwatch reports carries one of these codes.
 * The union is closed so that callers can switch over it exhaustively.
 */
export const driftwatchErrorCodes = [
  'EMPTY_SAMPLE',
  'INVALID_ARGUMENT',
  'UNKNOWN_COLUMN',
  'INCOMPATIBLE_PROFILES',
  'INVALID_PROFILE',
  'VALIDATION_FAILED',
  'PARSE_FAILED',
  'STORE_FAILED',
  'ALERT_DELIVERY_FAILED',
  'CONFLICT',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'SHUTDOWN',
  'TRAINING_FAILED',
] as const;

/** A code from {@link driftwatchErrorCodes}. */
export type DriftwatchErrorCode = (typeof driftwatchErrorCodes)[number];

/** Options for {@link DriftwatchError}. */
export interface DriftwatchErrorOptions {
  /** Machine-readable code. */
  code: DriftwatchErrorCode;
  /** Human-readable, one line. */
  message: string;
  /** The underlying error, if any. */
  cause?: unknown;
  /** Structured data about the failure, such as validation issues or the column name. */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * The one error family of Driftwatch. Use {@link DriftwatchError.isInstance}
 * rather than `instanceof`, which fails when two copies of the package are installed.
 *
 * @example
 * ```ts
 * import { DriftwatchError, psi } from '@driftwatch/drift';
 * try {
 *   psi([], [1, 2, 3]);
 * } catch (error) {
 *   if (DriftwatchError.isInstance(error) && error.code === 'EMPTY_SAMPLE') {
 *     console.log('nothing to compare yet');
 *   }
 * }
 * ```
 */
export class DriftwatchError extends Error {
  private readonly [symbol] = true;
  /** Machine-readable code. */
  readonly code: DriftwatchErrorCode;
  /** Structured data about the failure. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor({ code, message, cause, details }: DriftwatchErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DriftwatchError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }

  /** True for any Driftwatch error, even one thrown by another copy of the package. */
  static isInstance(error: unknown): error is DriftwatchError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true;
  }
}
