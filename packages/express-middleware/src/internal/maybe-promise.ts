/** A value, or a promise of it: the hot path stays synchronous when nothing asynchronous is configured. */
export type MaybePromise<Value> = Value | Promise<Value>;

/** True for promises and other thenables (a cache or a schema written by someone else). */
export function isPromiseLike<Value>(value: MaybePromise<Value> | PromiseLike<Value>): value is Promise<Value> {
  return typeof (value as PromiseLike<Value> | undefined)?.then === 'function';
}

/**
 * Runs `step` on a value at once, or on a promise's value once it settles; errors of the
 * asynchronous path go to `fail` (synchronous ones propagate to the caller). Lets a request path
 * be written once and stay free of promises when every part of it is synchronous.
 */
export function chain<Value>(value: MaybePromise<Value>, step: (value: Value) => void, fail: (error: unknown) => void): void {
  if (isPromiseLike(value)) Promise.resolve(value).then(step).catch(fail);
  else step(value);
}
