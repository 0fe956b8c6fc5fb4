/**
 * `npm run demo`: the real bot against the local Discord emulator on a fresh SQLite file.
 * A moderator sets up the server and creates a circle, two members join and accept its
 * agreement, the moderator locks it, and a third member is refused. Prints what each person sees.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplyView } from '../emulator/index.js';
import { buttonId, startE2E, type E2E } from '../test/support/e2e.js';

const dir = await mkdtemp(join(tmpdir(), 'circlekeeper-demo-'));
const t = await startE2E({ url: `file:${join(dir, 'demo.db')}` }, { logLevel: 'warn' });
const { moderator, alice, bob, carol } = t.world.users;

function nameOf(id: string): string {
  if (id === t.emu.botUserId) return 'Circlekeeper (bot)';
  if (id === t.world.ownerId) return 'owner';
  return Object.entries(t.world.users).find(([, userId]) => userId === id)?.[0] ?? id;
}

/** Renders Discord markup as a person would read it. */
function readable(view: { content?: string; embeds?: unknown[]; components?: unknown[] }): string {
  const panels = (view.embeds ?? []).map((e) => {
    const { title = '', description = '' } = e as { title?: string; description?: string };
    return `┌ ${title}\n${description
      .split('\n')
      .map((line) => `│ ${line}`)
      .join('\n')}`;
  });
  const text = [view.content ?? '', ...panels]
    .join('\n')
    .replace(/<@&(\d+)>/g, (_m, id: string) => (id === t.world.moderatorRoleId ? '@Organisers' : '@role'))
    .replace(/<@!?(\d+)>/g, (_m, id: string) => `@${nameOf(id)}`)
    .replace(/<#(\d+)>/g, (_m, id: string) => {
      const channel = t.emu.channel(id);
      return `${channel?.type === 2 ? '🔊' : '#'}${channel?.name ?? id}`;
    })
    .replace(/\*\*/g, '');
  const buttons = JSON.stringify(view.components ?? []).match(/"label":"[^"]+"/g) ?? [];
  const row = buttons.map((b) => `[${b.slice(9, -1)}]`).join(' ');
  return [text, row].filter(Boolean).join('\n');
}

function show(who: string, view: ReplyView): void {
  const audience = view.ephemeral ? 'only they see' : 'the channel sees';
  console.log(`  ${who} (${audience}):`);
  for (const line of readable(view).split('\n')) console.log(`  │ ${line}`);
  console.log('');
}

async function step(userId: string, label: string, action: () => Promise<ReplyView>): Promise<ReplyView> {
  console.log(`▶ ${nameOf(userId)} ${label}`);
  const view = await action();
  show(nameOf(userId), view);
  return view;
}

const run = (userId: string, label: string, command: string, spec: Parameters<E2E['run']>[2]) =>
  step(userId, `runs ${label}`, () => t.run(userId, command, spec));

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`demo expectation failed: ${what}`);
}

let failed = false;
try {
  console.log(
    'Circlekeeper demo: the real bot, the real discord.js client, a local Discord emulator, a fresh SQLite file.\n',
  );
  await run(moderator, '/setup moderator-role:@Organisers mod-log:#mod-log', 'setup', {
    options: { 'moderator-role': t.world.moderatorRoleId, 'mod-log': t.world.modLogId },
  });
  await run(moderator, '/circle-admin create name:"Tuesday Balint" kind:balint capacity:6', 'circle-admin', {
    subcommand: 'create',
    options: { name: 'Tuesday Balint', kind: 'balint', capacity: 6 },
  });
  const circle = await t.bot.store.circles.findByName(t.world.guildId, 'Tuesday Balint');
  check(circle !== null, 'the circle exists');
  const textId = circle!.textChannelId;

  for (const member of [alice, bob]) {
    const join = await run(member, '/circle join circle:"Tuesday Balint"', 'circle', {
      subcommand: 'join',
      options: { circle: 'Tuesday Balint' },
    });
    check(!t.emu.canView(member, textId), `${nameOf(member)} cannot see the channel before accepting`);
    console.log(`  can ${nameOf(member)} see #tuesday-balint before accepting? no\n`);
    await step(member, 'clicks [I accept]', () => t.click(member, join.message, buttonId(join, 'I accept')));
    check(t.emu.canView(member, textId), `${nameOf(member)} can see the channel after accepting`);
    console.log(`  can ${nameOf(member)} see #tuesday-balint now? yes\n`);
  }

  await run(moderator, '/circle-admin lock circle:"Tuesday Balint"', 'circle-admin', {
    subcommand: 'lock',
    options: { circle: 'Tuesday Balint' },
  });
  const refused = await run(carol, '/circle join circle:"Tuesday Balint"', 'circle', {
    subcommand: 'join',
    options: { circle: 'Tuesday Balint' },
  });
  check(refused.content.includes('is locked'), 'carol is refused after lock');
  check(!t.emu.canView(carol, textId), 'carol cannot see the channel');

  await run(carol, '/circle info circle:"Tuesday Balint"', 'circle', {
    subcommand: 'info',
    options: { circle: 'Tuesday Balint' },
  });
  await run(alice, '/circle info circle:"Tuesday Balint"', 'circle', {
    subcommand: 'info',
    options: { circle: 'Tuesday Balint' },
  });

  const viewers = t.emu.viewersOf(textId).map(nameOf).sort();
  console.log(`Who can see #tuesday-balint: ${viewers.join(', ')}`);
  console.log('(The server owner, and any Administrator, can see every channel: /setup names them.)');
  console.log(
    `Can carol see it? ${t.emu.canView(carol, textId) ? 'yes' : 'no'}. Can the moderator? ${t.emu.canView(moderator, textId) ? 'yes' : 'no'}.`,
  );
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  await t.close();
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
