import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvFileError, loadEnvFile } from '../src/env-file.js';

const tsx = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;

describe('loadEnvFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'circlekeeper-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fills in unset variables from .env in the working directory', () => {
    writeFileSync(join(dir, '.env'), 'LOG_LEVEL=debug\n# a comment\nDATABASE_URL="file:./x.db"\n');
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(env, dir)).toBe(join(dir, '.env'));
    expect(env).toEqual({ LOG_LEVEL: 'debug', DATABASE_URL: 'file:./x.db' });
  });

  it('lets variables already in the environment win, even empty ones', () => {
    writeFileSync(join(dir, '.env'), 'LOG_LEVEL=debug\nDEV_GUILD_ID=123456789012345678\nDATA_KEY=x\n');
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', DEV_GUILD_ID: '' };
    loadEnvFile(env, dir);
    expect(env).toEqual({ LOG_LEVEL: 'warn', DEV_GUILD_ID: '', DATA_KEY: 'x' });
  });

  it('is quiet without a .env, and refuses an ENV_FILE that does not exist', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(env, dir)).toBeNull();
    expect(env).toEqual({});
    expect(() => loadEnvFile({ ENV_FILE: 'missing.env' }, dir)).toThrow(EnvFileError);
  });

  it('reads the file named by ENV_FILE instead of .env', () => {
    writeFileSync(join(dir, '.env'), 'LOG_LEVEL=debug\n');
    writeFileSync(join(dir, 'prod.env'), 'LOG_LEVEL=error\n');
    const env: NodeJS.ProcessEnv = { ENV_FILE: 'prod.env' };
    loadEnvFile(env, dir);
    expect(env.LOG_LEVEL).toBe('error');
  });

  it('applies the same precedence to process.env in a real process', () => {
    writeFileSync(join(dir, '.env'), 'CK_FROM_FILE=file\nCK_BOTH=file\n');
    const script = `import { loadEnvFile } from ${JSON.stringify(join(process.cwd(), 'src/env-file.ts'))};
loadEnvFile();
console.log(JSON.stringify([process.env.CK_FROM_FILE, process.env.CK_BOTH]));`;
    const out = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
      cwd: dir,
      env: { ...process.env, CK_BOTH: 'environment', CK_FROM_FILE: undefined },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual(['file', 'environment']);
  });
});
