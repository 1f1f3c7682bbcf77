// Creating and dropping the per-run test databases on a PostgreSQL server.
import pg from 'pg';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The same server URL pointing at another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Admin work happens from the `postgres` maintenance database. */
export const adminUrl = (serverUrl: string) => databaseUrl(serverUrl, 'postgres');

export async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(serverUrl) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabasesWithPrefix(serverUrl: string, prefix: string) {
  await withAdminClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${prefix}%`,
    ]);
    // Copies first, the template last (copies were created from it).
    for (const { datname } of rows.sort((a, b) => Number(a.datname.endsWith('_template')) - Number(b.datname.endsWith('_template')))) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    }
  });
}
