/** Plain SQL against a test database, bypassing the store: to seed rows as an older schema had them. */
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqliteFilePath } from '../../../src/db/migrations/migrate.js';
import type { TestDatabase } from '../../support/databases.js';

/** Runs the statements in order with the plain driver of the database. */
export async function executeSql(db: TestDatabase, statements: readonly string[]): Promise<void> {
  if (db.name === 'sqlite') {
    const sqlite = new Database(sqliteFilePath(db.url));
    try {
      for (const sql of statements) sqlite.exec(sql);
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Every row of every table of the app (not Prisma's migration table), as JSON text: to search for an id. */
export async function allRowsText(db: TestDatabase): Promise<string> {
  const rows: Record<string, unknown[]> = {};
  if (db.name === 'sqlite') {
    const sqlite = new Database(sqliteFilePath(db.url), { readonly: true });
    try {
      const tables = sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'",
        )
        .all() as { name: string }[];
      for (const { name } of tables) rows[name] = sqlite.prepare(`SELECT * FROM "${name}"`).all();
    } finally {
      sqlite.close();
    }
    return JSON.stringify(rows);
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_prisma%'",
    );
    for (const { table_name: name } of tables.rows)
      rows[name] = (await client.query(`SELECT * FROM "${name}"`)).rows;
  } finally {
    await client.end();
  }
  return JSON.stringify(rows);
}
