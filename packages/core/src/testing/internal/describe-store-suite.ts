import { afterAll, afterEach, describe, it } from 'vitest';

/** What {@link describeStoreSuite} needs of a store: the lifecycle every store contract states. */
export interface SuiteStore {
  migrate(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The suite options every store contract shares. */
export interface StoreSuiteOptions {
  /** Runs once after every test of the suite. */
  cleanup?: () => void | Promise<void>;
  /** When set, the suite is registered but skipped, with this reason in its name. */
  skipReason?: string;
}

/**
 * Registers a store contract's `describe` block: skipped (with one placeholder test) when
 * `skipReason` is set; otherwise every store opened through `openStore` is migrated, and shut
 * down after its test, and `cleanup` runs after the suite. `body` registers the tests.
 */
export function describeStoreSuite<Store extends SuiteStore>(
  title: string,
  options: StoreSuiteOptions,
  body: (openStore: (create: () => Promise<Store>) => Promise<Store>) => void,
): void {
  if (options.skipReason !== undefined) {
    describe.skip(`${title} (skipped: ${options.skipReason})`, () => {
      it('is skipped', () => undefined);
    });
    return;
  }

  describe(title, () => {
    const open: Store[] = [];

    async function openStore(create: () => Promise<Store>): Promise<Store> {
      const store = await create();
      open.push(store);
      await store.migrate();
      return store;
    }

    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.shutdown()));
    });
    afterAll(async () => {
      await options.cleanup?.();
    });

    body(openStore);
  });
}
