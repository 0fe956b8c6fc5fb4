/**
 * `npm run demo`: the real bot against the local Discord emulator on a fresh SQLite file, on a
 * moved clock. A moderator sets up the server, creates and schedules a circle; three members join
 * and accept its agreement; a case is refused for an identifier and one is queued; then the clock
 * moves to the first meeting: the confidentiality reminder and check-ins, the facilitator named and
 * told, the start prompt, the next case taken, the reflection prompt. Prints what each person sees.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import type { ReplyView } from '../emulator/index.js';
import { buttonId, firstMeetingTomorrow, startE2E, weeklyAt, type E2E } from '../test/support/e2e.js';
import { FakeClock } from '../test/support/fake-chat-platform.js';

const MINUTE = 60_000;
const dir = await mkdtemp(join(tmpdir(), 'circlekeeper-demo-'));
const clock = new FakeClock(new Date());
const t = await startE2E({ url: `file:${join(dir, 'demo.db')}` }, { logLevel: 'warn', clock });
const { moderator, alice, bob, carol, dan } = t.world.users;

function nameOf(id: string): string {
  if (id === t.emu.botUserId) return 'Circlekeeper (bot)';
  if (id === t.world.ownerId) return 'owner';
  return Object.entries(t.world.users).find(([, userId]) => userId === id)?.[0] ?? id;
}

/** A Discord timestamp as a reader in UTC sees it (each reader sees their own time zone). */
function timestamp(seconds: number, style = 'f'): string {
  const date = new Date(seconds * 1000);
  if (style === 'R') {
    const minutes = Math.round((date.getTime() - clock.now().getTime()) / MINUTE);
    if (Math.abs(minutes) < 1) return 'now';
    const span =
      Math.abs(minutes) >= 120
        ? `${Math.round(Math.abs(minutes) / 60)} hours`
        : `${Math.abs(minutes)} minutes`;
    return minutes > 0 ? `in ${span}` : `${span} ago`;
  }
  const time = date.toISOString().slice(11, 16);
  if (style === 't') return `${time} UTC`;
  const day = date.toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${day} ${time} UTC`;
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
    .replace(/<t:(\d+)(?::([a-zA-Z]))?>/g, (_m, seconds: string, style?: string) =>
      timestamp(Number(seconds), style),
    )
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

/** Prints a post the bot made in a channel, as the channel sees it. */
function showPost(channelId: string, what: string): APIMessage {
  const message = t.emu.messages(channelId).at(-1);
  check(message !== undefined, `the bot posted ${what}`);
  const notified = t.emu.notified(message!.id).users.map(nameOf);
  console.log(
    `  #${t.emu.channel(channelId)?.name} (the circle sees${notified.length ? `; notifies ${notified.join(', ')}` : ''}):`,
  );
  for (const line of readable(message!).split('\n')) console.log(`  │ ${line}`);
  console.log('');
  return message!;
}

/** Moves the clock and runs one scheduler tick, as the bot's timer would. */
async function at(instant: Date, label: string): Promise<void> {
  clock.set(instant);
  console.log(`⏱  ${label} (${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC)\n`);
  await t.bot.tick();
}

let failed = false;
try {
  console.log(
    'Circlekeeper demo: the real bot, the real discord.js client, a local Discord emulator, a fresh SQLite file, a moved clock.\n',
  );
  const first = firstMeetingTomorrow();
  const circleName = 'Tuesday Peers';
  await run(moderator, '/setup moderator-role:@Organisers mod-log:#mod-log', 'setup', {
    options: { 'moderator-role': t.world.moderatorRoleId, 'mod-log': t.world.modLogId },
  });
  await run(
    moderator,
    `/circle-admin create name:"${circleName}" kind:peer-consultation capacity:6`,
    'circle-admin',
    {
      subcommand: 'create',
      options: { name: circleName, kind: 'peer-consultation', capacity: 6 },
    },
  );
  const when = weeklyAt(first);
  await run(
    moderator,
    `/circle-admin schedule circle:"${circleName}" weekday:${when.weekday} time:${when.time} timezone:${when.timezone}`,
    'circle-admin',
    { subcommand: 'schedule', options: { circle: circleName, ...when } },
  );
  await run(moderator, `/circle-admin settings circle:"${circleName}" reflection:true`, 'circle-admin', {
    subcommand: 'settings',
    options: { circle: circleName, reflection: true },
  });
  const circle = await t.bot.store.circles.findByName(t.world.guildId, circleName);
  check(circle !== null, 'the circle exists');
  const textId = circle!.textChannelId;

  for (const member of [alice, bob, carol]) {
    const joined = await run(member, `/circle join circle:"${circleName}"`, 'circle', {
      subcommand: 'join',
      options: { circle: circleName },
    });
    check(!t.emu.canView(member, textId), `${nameOf(member)} cannot see the channel before accepting`);
    await step(member, 'clicks [I accept]', () =>
      t.click(member, joined.message, buttonId(joined, 'I accept')),
    );
    check(t.emu.canView(member, textId), `${nameOf(member)} can see the channel after accepting`);
  }
  for (const member of [alice, bob]) {
    await run(member, `/facilitator pool circle:"${circleName}" action:join`, 'facilitator', {
      subcommand: 'pool',
      options: { circle: circleName, action: 'join' },
    });
  }

  const form = await t.run(bob, 'case', { subcommand: 'submit', options: { circle: circleName } });
  console.log(`▶ bob runs /case submit circle:"${circleName}" and gets the case form\n`);
  const refused = await step(bob, 'submits "Mr Alvarez, seen 3/9/2026, keeps missing sessions"', () =>
    t.emu
      .as(bob)
      .submitModal(t.world.guildId, form.modal!, {
        label: 'Mr Alvarez, seen 3/9/2026, keeps missing sessions',
        question: '',
      })
      .reply(),
  );
  check(refused.content.includes('Your label was not saved'), 'the case with a name and a date is refused');
  const again = await t.click(bob, refused.message, buttonId(refused, 'Edit and resubmit'));
  await step(bob, 'edits it and submits "A client who keeps missing sessions"', () =>
    t.emu
      .as(bob)
      .submitModal(t.world.guildId, again.modal!, {
        label: 'A client who keeps missing sessions',
        question: 'How firm should I be about the fee?',
      })
      .reply(),
  );

  await at(new Date(first.getTime() - 15 * MINUTE), 'Fifteen minutes before the first meeting');
  const reminder = showPost(textId, 'the confidentiality reminder');
  for (const member of [alice, carol]) {
    await step(member, 'clicks [Check in]', () => t.click(member, reminder, buttonId(reminder, 'Check in')));
  }
  await at(new Date(first.getTime() - 14 * MINUTE), 'A minute later, the facilitator is told');
  const facilitator = (
    await t.bot.store.meetings.listUpcoming(circle!.id, clock.now(), { statuses: ['scheduled'] })
  )[0]?.facilitatorId;
  check(facilitator === alice, 'alice, first in the pool, facilitates');
  const brief = t.emu.dmMessages(alice).at(-1);
  check(brief?.content.includes('You facilitate') === true, 'the facilitator was told by direct message');
  console.log('  alice’s direct messages (only she sees):');
  for (const line of readable(brief!).split('\n')) console.log(`  │ ${line}`);
  console.log('');

  await at(new Date(first.getTime() + 5_000), 'The meeting starts');
  const prompt = showPost(textId, 'the start prompt');
  check(prompt !== undefined, 'the start prompt was posted');
  await run(alice, `/case next circle:"${circleName}"`, 'case', {
    subcommand: 'next',
    options: { circle: circleName },
  });
  showPost(textId, 'who presents');

  await at(new Date(first.getTime() + 91 * MINUTE), 'The meeting has ended');
  showPost(textId, 'the reflection prompt');

  console.log('Each person’s view of #' + (t.emu.channel(textId)?.name ?? 'the circle') + ':');
  for (const id of [alice, bob, carol, dan, moderator]) {
    const seen = t.emu.messages(textId).length;
    console.log(
      `  ${nameOf(id).padEnd(9)} ${t.emu.canView(id, textId) ? `sees its ${seen} posts` : 'cannot see the channel'}`,
    );
  }
  check(!t.emu.canView(dan, textId) && !t.emu.canView(moderator, textId), 'outsiders see nothing');
  const label = 'A client who keeps missing sessions';
  check(
    t.emu.messages(textId).every((m) => !m.content.includes(label)),
    'the case label never appears in the channel',
  );
  console.log(`  The case label never appears in the channel: only who presents.`);
  console.log('(The server owner, and any Administrator, can see every channel: /setup names them.)');
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  await t.close();
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
