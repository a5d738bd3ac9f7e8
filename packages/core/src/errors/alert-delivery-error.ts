import { DriftwatchError } from '@driftwatch/drift';

/** Options for {@link AlertDeliveryError}. */
export interface AlertDeliveryErrorOptions {
  message: string;
  /** The sink's name. */
  sink: string;
  /** HTTP or SMTP status code, when there was one. */
  statusCode?: number;
  /** True when a later attempt might succeed. */
  retryable: boolean;
  cause?: unknown;
}

/**
 * A sink could not deliver an alert. Sinks return it inside their result rather than throwing
 * into the Monitor; it exists as a class because it carries fields the base error does not.
 *
 * @example
 * ```ts
 * import { AlertDeliveryError } from '@driftwatch/core';
 * const error = new AlertDeliveryError({ message: 'HTTP 503', sink: 'webhook', statusCode: 503, retryable: true });
 * AlertDeliveryError.isInstance(error); // true
 * ```
 */
export class AlertDeliveryError extends DriftwatchError {
  readonly sink: string;
  readonly statusCode: number | undefined;
  readonly retryable: boolean;

  constructor(options: AlertDeliveryErrorOptions) {
    super({
      code: 'ALERT_DELIVERY_FAILED',
      message: options.message,
      cause: options.cause,
      details: { sink: options.sink, statusCode: options.statusCode, retryable: options.retryable },
    });
    this.name = 'AlertDeliveryError';
    this.sink = options.sink;
    this.statusCode = options.statusCode;
    this.retryable = options.retryable;
  }

  /** True for an alert delivery error, even one thrown by another copy of the package. */
  static override isInstance(error: unknown): error is AlertDeliveryError {
    return DriftwatchError.isInstance(error) && error.code === 'ALERT_DELIVERY_FAILED' && typeof (error as AlertDeliveryError).sink === 'string';
  }
}
