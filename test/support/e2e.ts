import { PermissionFlagsBits as P } from 'discord.js';
import { Writable } from 'node:stream';
import {
  type CommandInvocation,
  DiscordEmulator,
  type EmulatorOptions,
  type ReplyView,
} from '../../emulator/index.js';
import { startBot, type RunningBot } from '../../src/bot.js';
import { loadConfig } from '../../src/config.js';
import { startProxy, type RunningProxy } from '../../src/rest-proxy.js';
import { formatDataKey, generateDataKey } from '../../src/db/encryption/data-keys.js';
import { createLogger } from '../../src/logger.js';
import type { Clock } from '../../src/services/kernel/ports.js';

/** Log lines captured from the bot, as raw JSON text (to search for leaked text). */
export class CapturedLogs extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

export interface World {
  guildId: string;
  ownerId: string;
  moderatorRoleId: string;
  generalId: string;
  modLogId: string;
  /** A moderators' channel the bot was not let into. */
  staffOnlyId: string;
  /** The bot's managed role (its server permissions). */
  botRoleId: string;
  users: { moderator: string; alice: string; bob: string; carol: string; dan: string; erin: string };
}

export interface E2E {
  emu: DiscordEmulator;
  bot: RunningBot;
  world: World;
  logs: CapturedLogs;
  db: { url: string };
  /** The REST proxy between the bot and the emulator, when started with `proxy: true`. */
  proxy: RunningProxy | null;
  /** Runs a slash command as `userId` and waits for the final visible reply. */
  run(userId: string, command: string, spec?: CommandInvocation): Promise<ReplyView>;
  /** Clicks a button on a message and waits for the final visible reply. */
  click(userId: string, message: { id: string } | undefined, customId: string): Promise<ReplyView>;
  /** Stops the bot and starts it again against the same emulator and database. */
  restartBot(): Promise<RunningBot>;
  /** Starts another bot process against the same emulator and database (stopped by `close`). */
  startAnotherBot(): Promise<RunningBot>;
  /** What a "changes nothing" assertion compares on the emulator: channels, overwrites, messages. */
  discordSnapshot(): unknown;
  close(): Promise<void>;
}

export interface E2EOptions {
  emulator?: EmulatorOptions;
  /** Bot log level (default debug; every line is captured in `logs`). */
  logLevel?: string;
  /** The bot's clock (default the system clock). */
  clock?: Clock;
  /** The scheduler's node-cron tick (default off: tests tick with `bot.tick()`). */
  scheduleTick?: string | false;
  /** Starts the health and metrics endpoint on this port (0: a free one). */
  healthPort?: number;
  /** Sends the bot's REST requests through a `@discordjs/proxy` in front of the emulator. */
  proxy?: boolean;
}

/**
 * Builds a small clinic server on the emulator (an owner, a moderator with the Organisers role,
 * five members, #general and a private #mod-log) and starts the real bot against it.
 */
export async function startE2E(db: { url: string }, options: E2EOptions = {}): Promise<E2E> {
  // One shard; restarts and second processes identify at once (the pacing is tested on its own).
  const emu = await DiscordEmulator.start({ identifyIntervalMs: 0, ...options.emulator });
  const ownerId = emu.createUser({ username: 'owner' });
  const guild = emu.createGuild({ name: 'Riverside Clinic', ownerId });
  const moderatorRoleId = emu.createRole(guild.id, { name: 'Organisers', permissions: P.ManageGuild });
  const names = ['moderator', 'alice', 'bob', 'carol', 'dan', 'erin'] as const;
  const users = Object.fromEntries(
    names.map((name) => [name, emu.createUser({ username: name })]),
  ) as World['users'];
  for (const id of Object.values(users)) emu.addMember(guild.id, id);
  emu.setMemberRoles(guild.id, users.moderator, [moderatorRoleId]);
  const generalId = emu.createChannel(guild.id, { name: 'general', type: 0 });
  const modLogId = emu.createChannel(guild.id, {
    name: 'mod-log',
    type: 0,
    overwrites: [
      { id: guild.id, type: 0, allow: '0', deny: P.ViewChannel.toString() },
      { id: moderatorRoleId, type: 0, allow: P.ViewChannel.toString(), deny: '0' },
      { id: emu.botUserId, type: 1, allow: (P.ViewChannel | P.SendMessages).toString(), deny: '0' },
    ],
  });
  const staffOnlyId = emu.createChannel(guild.id, {
    name: 'staff-only',
    type: 0,
    overwrites: [{ id: guild.id, type: 0, allow: '0', deny: P.ViewChannel.toString() }],
  });
  const world: World = {
    guildId: guild.id,
    ownerId,
    moderatorRoleId,
    generalId,
    modLogId,
    staffOnlyId,
    botRoleId: guild.botRoleId,
    users,
  };

  const logs = new CapturedLogs();
  const proxy = options.proxy
    ? await startProxy({ token: emu.botToken, apiBase: emu.restBase, port: 0 })
    : null;
  const config = loadConfig({
    DISCORD_TOKEN: emu.botToken,
    DISCORD_API_BASE: proxy?.apiBase ?? emu.restBase,
    DATABASE_URL: db.url,
    // With SQLite the bot makes its key file beside the database, as on a first start; PostgreSQL
    // needs DATA_KEY.
    ...(db.url.startsWith('file:') ? {} : { DATA_KEY: formatDataKey(generateDataKey()) }),
  });
  const start = (extra: { clock?: Clock } = {}) =>
    startBot({
      config: { ...config, HEALTH_PORT: options.healthPort },
      logger: createLogger(options.logLevel ?? 'debug', logs),
      clock: extra.clock ?? options.clock,
      scheduleTick: options.scheduleTick ?? false,
    });
  let bot = await start();
  const others: RunningBot[] = [];

  return {
    emu,
    get bot() {
      return bot;
    },
    world,
    logs,
    db,
    proxy,
    run: (userId, command, spec = {}) =>
      emu.as(userId).runCommand(world.guildId, command, spec, { channelId: generalId }).reply(),
    click: (userId, message, customId) => {
      if (!message) throw new Error(`no message to click "${customId}" on`);
      return emu.as(userId).clickButton(world.guildId, message, customId).reply();
    },
    async restartBot() {
      await bot.stop();
      bot = await start();
      return bot;
    },
    async startAnotherBot() {
      const another = await start();
      others.push(another);
      return another;
    },
    discordSnapshot() {
      const channels = emu
        .channels(world.guildId)
        .map((c) => ({ ...c, messages: emu.messages(c.id).map((m) => [m.id, m.content]) }));
      const dms = Object.values(users).map((id) => emu.dmMessages(id).map((m) => [m.id, m.content]));
      return JSON.parse(JSON.stringify({ channels, dms })) as unknown;
    },
    async close() {
      for (const other of others) await other.stop();
      await bot.stop();
      await proxy?.close();
      await emu.stop();
    },
  };
}

/** Finds a button's custom id on a reply or message by its label. */
export function buttonId(view: { components?: unknown[] } | undefined, label: string): string {
  const find = (components: unknown[]): string | undefined => {
    for (const c of components as { label?: string; custom_id?: string; components?: unknown[] }[]) {
      if (c.label === label && c.custom_id) return c.custom_id;
      const inner = c.components ? find(c.components) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  const id = find(view?.components ?? []);
  if (!id) throw new Error(`no button labelled "${label}"`);
  return id;
}

const HOUR = 60 * 60_000;

/** Tomorrow at a whole hour (UTC): a first meeting that Discord accepts an event for. */
export function firstMeetingTomorrow(): Date {
  return new Date(Math.ceil((Date.now() + 24 * HOUR) / HOUR) * HOUR);
}

/** The `/circle-admin schedule` options for a weekly meeting at `instant`, in UTC. */
export function weeklyAt(instant: Date): { weekday: number; time: string; timezone: string } {
  const time = instant.toISOString().slice(11, 16);
  return { weekday: ((instant.getUTCDay() + 6) % 7) + 1, time, timezone: 'UTC' };
}

/**
 * Runs a command that asks to confirm (archive, cancel a meeting, remove a member) and presses its
 * danger button `label`: the question must be ephemeral and carry the button. Returns the result.
 */
export async function runConfirmed(
  t: E2E,
  userId: string,
  command: string,
  spec: CommandInvocation,
  label: string,
): Promise<ReplyView> {
  const question = await t.run(userId, command, spec);
  if (!question.ephemeral) throw new Error(`the question of /${command} is not ephemeral`);
  return t.click(userId, question.message, buttonId(question, label));
}
