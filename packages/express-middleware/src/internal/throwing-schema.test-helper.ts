import type { StandardSchemaV1 } from '@standard-schema/spec';

/** A Standard Schema whose `validate` throws, as a buggy schema library would: the middleware answers 422 and reports it. */
export const throwingSchema: StandardSchemaV1 = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: () => {
      throw new Error('schema bug');
    },
  },
};
