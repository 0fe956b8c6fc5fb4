/** Brings the stored name keys of circles up to the current rule ({@link nameKeyOf}). */
import { DuplicateError } from '../../services/kernel/index.js';
import { mapDuplicate } from '../errors.js';
import { nameKeyOf } from '../repositories/prisma-circle-repository.js';
import type { DbClient } from '../prisma-client.js';
import { PrismaKeyValueRepository } from '../repositories/prisma-key-value-repository.js';

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

/** The key-value entry that records which name-key rule the stored keys follow. */
const RULE_KEY = 'circle-name-key-rule';
/** Bumped whenever {@link nameKeyOf} changes what it returns. */
const RULE = 'nfkc-casefold-uts39-1';

/**
 * {@link rekeyCircleNames} once per rule: start-ups after the first read one key-value row
 * instead of every circle. Returns null when the keys already follow the rule.
 */
export async function rekeyCircleNamesOnce(
  db: DbClient,
): Promise<{ rekeyed: number; clashes: number } | null> {
  const values = new PrismaKeyValueRepository(db);
  if ((await values.get(RULE_KEY)) === RULE) return null;
  const result = await rekeyCircleNames(db);
  await values.set(RULE_KEY, RULE);
  return result;
}
