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
