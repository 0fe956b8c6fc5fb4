import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Client, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { KeyValueRepository, Store } from '../services/kernel/index.js';

/** The version of this release (package.json), recorded with the commands it registered. */
export const RELEASE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Longest a starting process waits for another one's registration to finish. */
const SYNC_WAIT_MS = 60_000;

/** What was registered last: the definitions' hash and the release that registered them. */
interface Registered {
  hash: string;
  version: string;
}

function parseRegistered(value: string | null): Registered | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as Partial<Registered>;
    if (typeof parsed.hash === 'string' && typeof parsed.version === 'string')
      return { hash: parsed.hash, version: parsed.version };
  } catch {
    // Recorded before versions were: the hash alone.
  }
  return { hash: value, version: '0.0.0' };
}

/** Compares dotted release numbers (1.10.0 > 1.9.3); a part that is not a number counts as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/u).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export type SyncOutcome = 'registered' | 'unchanged' | 'newer-registered' | 'busy';

/**
 * Registers the slash commands when their definitions changed since the last registration
 * (globally, or to one server when `guildId` is set, for instant updates while developing).
 *
 * Processes starting together take turns under `exclusive` (the second finds the work done), and
 * a process of an older release never replaces the definitions a newer one registered (during a
 * rolling update, the old processes still running must not undo it).
 */
export async function syncCommands(
  client: Client<true>,
  definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  state: KeyValueRepository,
  options: { guildId?: string; version?: string; exclusive?: Store['exclusive'] } = {},
): Promise<SyncOutcome> {
  const { guildId, version = RELEASE_VERSION } = options;
  const scope = guildId ? `guild:${guildId}` : 'global';
  const key = `commands:${client.application.id}:${scope}`;
  const hash = createHash('sha256').update(JSON.stringify(definitions)).digest('hex');
  let outcome: SyncOutcome = 'busy';
  const sync = async () => {
    const last = parseRegistered(await state.get(key));
    if (last?.hash === hash) return void (outcome = 'unchanged');
    if (last && compareVersions(last.version, version) > 0) return void (outcome = 'newer-registered');
    if (guildId) await client.application.commands.set(definitions, guildId);
    else await client.application.commands.set(definitions);
    await state.set(key, JSON.stringify({ hash, version } satisfies Registered));
    outcome = 'registered';
  };
  if (options.exclusive) await options.exclusive(`commands:${scope}`, sync, { waitMs: SYNC_WAIT_MS });
  else await sync();
  return outcome;
}
