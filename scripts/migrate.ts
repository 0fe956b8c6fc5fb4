/**
 * Applies the committed migrations to DATABASE_URL (default `file:./data/circlekeeper.db`):
 *
 *   npm run db:migrate
 */
import { applyMigrations } from '../src/db/migrations/migrate.js';

const url = process.env['DATABASE_URL'] ?? 'file:./data/circlekeeper.db';

try {
  const report = await applyMigrations(url, { onApplied: (name) => console.log(`applied ${name}`) });
  if (report.applied.length === 0)
    console.log(`${report.provider}: up to date (${report.skipped.length} migrations)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
