import pg from 'pg';

/**
 * Drops the demo's own PostgreSQL schemas (and everything in them), so that each run of the demo
 * starts from an empty registry. Only the names given are touched; they are quoted identifiers.
 *
 * @example
 * ```ts
 * await resetDemoSchemas(process.env.DATABASE_URL!, ['churn_demo', 'churn_demo_jobs']);
 * ```
 */
export async function resetDemoSchemas(connectionString: string, schemas: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}
