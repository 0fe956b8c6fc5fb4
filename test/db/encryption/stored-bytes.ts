/** Looking for stored values in the bytes a copy of a SQLite database would hold. */
import { readFile } from 'node:fs/promises';
import { sqliteFilePath } from '../../../src/db/migrations/migrate.js';

/**
 * The bytes of a SQLite database's main file, write-ahead log and shared-memory file (each when it
 * exists) as lower-case Latin-1 text, one string per file, to search for UTF-8 text without regard
 * to case.
 */
export async function sqliteFiles(url: string): Promise<string[]> {
  const file = sqliteFilePath(url);
  const files = await Promise.all(
    [file, `${file}-wal`, `${file}-shm`].map((path) => readFile(path).catch(() => Buffer.alloc(0))),
  );
  return files.map((bytes) => bytes.toString('latin1').toLowerCase());
}

/** Which of `needles` occur in one of `haystacks` (from `sqliteFiles`), as UTF-8 bytes, case ignored. */
export function foundIn(haystacks: readonly string[], needles: readonly string[]): string[] {
  return needles.filter((needle) => {
    const bytes = Buffer.from(needle, 'utf8').toString('latin1').toLowerCase();
    return haystacks.some((haystack) => haystack.includes(bytes));
  });
}

/**
 * Pieces of encrypted values (`v1:<keyId>:<base64>`): every 12 characters of the base64 at steps
 * of 4, so that part of a value left in a page (an old cell partly covered by a new one) is found
 * too.
 */
export function pieces(...values: (string | null)[]): string[] {
  return values.flatMap((value) => {
    const payload = value?.split(':')[2] ?? '';
    const found: string[] = [];
    for (let i = 0; i + 12 <= payload.length; i += 4) found.push(payload.slice(i, i + 12));
    return found;
  });
}
