/**
 * What an action answers: an HTTP status and a JSON body.
 *
 * @example
 * ```ts
 * import type { ActionResult } from './action-result.js';
 * const conflict: ActionResult = { status: 409, body: { error: 'The champion moved; reload and try again.' } };
 * ```
 */
export interface ActionResult {
  status: number;
  body: Record<string, unknown>;
}
