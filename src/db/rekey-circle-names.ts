/** Brings the stored name keys of circles up to the current rule ({@link nameKeyOf}). */
import { DuplicateError } from '../services/errors.js';
import { mapDuplicate } from './errors.js';
import { nameKeyOf } from './mappers.js';
import type { DbClient } from './prisma-client.js';

/**
 * Re-keys every circle whose stored key differs from what {@link nameKeyOf} gives today (keys
 * written before look-alike characters were folded). Idempotent and cheap when nothing changed:
 * one read of ids, names and keys. Two existing circles whose names now look alike both keep
 * working: the second keeps its old key (the rule applies to new names and renames), and
 * `findByName` finds each by its exact name.
 *
 * @returns How many circles were re-keyed and how many kept their old key because of a clash.
 */
export async function rekeyCircleNames(db: DbClient): Promise<{ rekeyed: number; clashes: number }> {
  const rows = await db.circle.findMany({ select: { id: true, name: true, nameKey: true } });
  let rekeyed = 0;
  let clashes = 0;
  for (const row of rows) {
    const key = nameKeyOf(row.name);
    if (key === row.nameKey) continue;
    try {
      await mapDuplicate('Circle', () => db.circle.update({ where: { id: row.id }, data: { nameKey: key } }));
      rekeyed++;
    } catch (error) {
      if (!(error instanceof DuplicateError)) throw error;
      clashes++;
    }
  }
  return { rekeyed, clashes };
}
