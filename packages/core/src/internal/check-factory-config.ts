import { DriftwatchError } from '@driftwatch/drift';
import type { z } from 'zod';
import type { EventStore } from '../contracts/event-store.js';

/**
 * The checks every core factory runs on its config before applying defaults: an object, a
 * store that has the methods the factory calls, and the zod schema of its plain fields. Each
 * failure is a `VALIDATION_FAILED` error thrown at construction, never later.
 */
export function checkFactoryConfig<Schema extends z.ZodType>(
  config: unknown,
  options: { factory: string; subject: string; storeMethods: readonly (keyof EventStore)[]; schema: Schema },
): z.infer<Schema> {
  if (typeof config !== 'object' || config === null) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `${options.factory} needs a config object.` });
  }
  const store = (config as { store?: Partial<EventStore> }).store;
  const missing = options.storeMethods.filter((method) => typeof store?.[method] !== 'function');
  if (missing.length > 0) {
    throw new DriftwatchError({
      code: 'VALIDATION_FAILED',
      message: `config.store must be an EventStore; missing ${missing.join(', ')}.`,
      details: { missing },
    });
  }
  const parsed = options.schema.safeParse(config);
  if (!parsed.success) {
    throw new DriftwatchError({
      code: 'VALIDATION_FAILED',
      message: `Invalid ${options.subject} config: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}.`,
      details: { issues: parsed.error.issues },
    });
  }
  return parsed.data;
}
