import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { dataKeyId, generateDataKey } from '../../../src/db/encryption/data-keys.js';
import { DataKeyError, keyFilePath, resolveDataKeys } from '../../../src/db/encryption/key-file.js';
import { MemoryLog } from '../../support/service-harness.js';

describe('the data key of a start', () => {
  let dir: string;
  let url: string;
  let keyFile: string;
  let log: MemoryLog;

  const config = (env: Record<string, string> = {}) =>
    loadConfig({ DISCORD_TOKEN: 'abc', DATABASE_URL: url, ...env });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'circlekeeper-key-'));
    url = `file:${join(dir, 'data', 'circlekeeper.db')}`;
    keyFile = keyFilePath(join(dir, 'data', 'circlekeeper.db'));
    log = new MemoryLog();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('with SQLite and no DATA_KEY, generates a key beside the database, owner-only, and logs it without the key', async () => {
    expect(keyFile).toBe(join(dir, 'data', 'circlekeeper.db.key'));
    const keys = resolveDataKeys(config(), log);

    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const written = (await readFile(keyFile, 'utf8')).trim();
    expect(Buffer.from(written, 'base64').equals(keys.current.key)).toBe(true);
    expect(log.lines).toEqual([
      {
        level: 'info',
        fields: { file: keyFile, keyId: keys.current.id },
        message:
          'generated the data key that encrypts case text; keep this file with the database, and back it up apart from it',
      },
    ]);
    const logged = JSON.stringify(log.lines);
    for (const form of ['base64', 'base64url', 'hex'] as const) {
      expect(logged).not.toContain(keys.current.key.toString(form).replace(/=+$/, ''));
    }
    expect(existsSync(join(dir, 'data'))).toBe(true);
  });

  it('reuses the key file on the next start, and generates nothing', async () => {
    const first = resolveDataKeys(config(), log);
    log.lines.length = 0;
    const second = resolveDataKeys(config(), log);
    expect(second.current.key.equals(first.current.key)).toBe(true);
    expect(log.lines).toEqual([]);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it('accepts DATA_KEY_PREVIOUS beside the key file', () => {
    const old = generateDataKey();
    const keys = resolveDataKeys(config({ DATA_KEY_PREVIOUS: old.toString('hex') }), log);
    expect(keys.ids).toEqual([keys.current.id, dataKeyId(old)]);
  });

  it('uses DATA_KEY when it is set, and writes no file', () => {
    const key = generateDataKey();
    const keys = resolveDataKeys(config({ DATA_KEY: key.toString('base64') }), log);
    expect(keys.current.key.equals(key)).toBe(true);
    expect(existsSync(keyFile)).toBe(false);
    expect(log.lines).toEqual([]);
  });

  it('refuses PostgreSQL without DATA_KEY, saying why', () => {
    url = 'postgresql://127.0.0.1:5432/circlekeeper';
    expect(() => resolveDataKeys(config(), log)).toThrow(DataKeyError);
    expect(() => resolveDataKeys(config(), log)).toThrow(
      /^DATA_KEY is required with PostgreSQL: .* a key file on one machine cannot give the others/,
    );
    const key = generateDataKey();
    expect(resolveDataKeys(config({ DATA_KEY: key.toString('hex') }), log).current.key.equals(key)).toBe(
      true,
    );
  });

  it('refuses a key file that holds no key, without overwriting it', async () => {
    resolveDataKeys(config(), log);
    await writeFile(keyFile, 'not a key\n');
    expect(() => resolveDataKeys(config(), log)).toThrow(
      new DataKeyError(
        `${keyFile} does not hold a data key (32 bytes as base64 (44 characters) or 64 hex digits).`,
      ),
    );
    expect(await readFile(keyFile, 'utf8')).toBe('not a key\n');
  });

  it('warns when the key file can be read by other users', async () => {
    const first = resolveDataKeys(config(), log);
    await chmod(keyFile, 0o644);
    log.lines.length = 0;
    expect(resolveDataKeys(config(), log).current.id).toBe(first.current.id);
    expect(log.lines).toEqual([
      {
        level: 'warn',
        fields: { file: keyFile, mode: '644' },
        message:
          'the data key file can be read by other users; make it readable by its owner only (chmod 600)',
      },
    ]);
  });
});
