import { RETENTION_LIMITS, type RetentionKind } from '../privacy/index.js';
import {
  type Actor,
  type GuildSettings,
  type PermissionReport,
  type Repositories,
  type ServiceDeps,
  errorFields,
  ValidationError,
} from '../kernel/index.js';
import { recordAudit } from '../audit/index.js';
import { type Circle, requireModerator } from '../circles/index.js';
import { type CircleReadiness, nextStepLine, readinessOf } from './readiness.js';

/** The server a bot was just added to. */
export interface JoinedGuild {
  guildId: string;
  ownerId: string;
  /** Where Discord posts its own notices (joins, boosts); null when the server has none. */
  systemChannelId: string | null;
}

/** A second join event for a server within this time is the same join: it is not welcomed twice. */
const WELCOME_AGAIN_AFTER_MS = 60 * 60_000;

/** What the bot says when it joins a server: how to start, for whoever can manage it. */
export const WELCOME_TEXT = [
  '👋 **Circlekeeper** is here. It runs private peer consultation circles (Balint groups, peer consultation and supervision groups): locked channels, a confidentiality agreement, reminders before each meeting, a fair facilitator rotation, a case queue and attendance records.',
  '',
  '**To start**, someone with Manage Server runs, in order:',
  '1. `/setup`: a moderator role, a category for circle channels and a private mod-log channel. It checks the bot’s permissions and says what is missing.',
  '2. `/circle-admin create`: a circle with its private text and voice channels.',
  '3. `/circle-admin schedule`: when it meets. Reminders follow the schedule.',
  '4. `/circle-admin settings`: reminder times, leaders, the agreement, drop-in places.',
  '5. `/circle-admin add` or `/circle-admin announce`: bring members in. Each accepts the agreement before seeing anything.',
  '',
  '`/help` lists every command by who uses it.',
].join('\n');

export interface SetupInput {
  moderatorRoleId?: string | null;
  categoryId?: string | null;
  modLogChannelId?: string | null;
  keepAttendanceYears?: number | null;
  keepAuditYears?: number | null;
  keepEndedMembershipYears?: number | null;
}

/** Saves the given settings of a server, keeping the ones not given (null or absent). */
export async function updateSettings(
  repos: Repositories,
  guildId: string,
  input: SetupInput,
): Promise<GuildSettings> {
  const current = await repos.guilds.get(guildId);
  return repos.guilds.save({
    guildId,
    moderatorRoleId: input.moderatorRoleId ?? current?.moderatorRoleId ?? null,
    categoryId: input.categoryId ?? current?.categoryId ?? null,
    modLogChannelId: input.modLogChannelId ?? current?.modLogChannelId ?? null,
    keepAttendanceYears: input.keepAttendanceYears ?? current?.keepAttendanceYears ?? null,
    keepAuditYears: input.keepAuditYears ?? current?.keepAuditYears ?? null,
    keepEndedMembershipYears: input.keepEndedMembershipYears ?? current?.keepEndedMembershipYears ?? null,
  });
}

/** `/setup`: the server's moderator role, category for circle channels and mod-log channel. */
export class ServerSettingsService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Saves what was given (keeping the rest) and reports the bot's missing permissions. */
  async setup(
    actor: Actor,
    input: SetupInput,
  ): Promise<{
    settings: GuildSettings;
    report: PermissionReport;
    exposed: Circle[];
    /** The server's circles that are not archived, with what each still lacks. */
    circles: CircleReadiness[];
  }> {
    const { store, platform, clock } = this.deps;
    await requireModerator(store, actor);
    const keep: [number | null | undefined, RetentionKind, string][] = [
      [input.keepAttendanceYears, 'attendance', 'keep-attendance'],
      [input.keepAuditYears, 'audit', 'keep-audit'],
      [input.keepEndedMembershipYears, 'ended-memberships', 'keep-ended-memberships'],
    ];
    for (const [years, kind, option] of keep) {
      const { min, max } = RETENTION_LIMITS[kind];
      if (years != null && (!Number.isInteger(years) || years < min || years > max))
        throw new ValidationError(`\`${option}\` must be a whole number of years from ${min} to ${max}.`);
    }
    if (input.modLogChannelId && !(await platform.canPost(input.modLogChannelId))) {
      throw new ValidationError(
        `The bot cannot post in <#${input.modLogChannelId}>. Allow it View Channel and Send Messages there, then run /setup again.`,
      );
    }
    const moderatorRoleId =
      input.moderatorRoleId ?? (await store.guilds.get(actor.guildId))?.moderatorRoleId ?? null;
    if (
      input.modLogChannelId &&
      (await platform.nonModeratorsCanView(input.modLogChannelId, moderatorRoleId))
    ) {
      throw new ValidationError(
        `<#${input.modLogChannelId}> can be read by people who are not moderators (through @everyone or a role without Manage Server), and the mod-log tells moderators about private circles. Let only the moderators and the bot view it, or choose a private channel, then run /setup again. Nothing was changed.`,
      );
    }
    const report = await platform.permissionReport(actor.guildId);
    const settings = await store.transaction(async (tx) => {
      const saved = await updateSettings(tx, actor.guildId, input);
      const changed = (Object.keys(input) as (keyof SetupInput)[]).filter((key) => input[key] != null);
      await recordAudit(tx, {
        guildId: actor.guildId,
        circleId: null,
        actorId: actor.userId,
        action: 'server.setup',
        detail: { changed },
        at: clock.now(),
      });
      return saved;
    });
    // Circles whose channels the bot could not keep private: the server's permissions may look
    // complete while a channel's own overwrites keep the bot out.
    const circles = await store.circles.list(actor.guildId, { states: ['open', 'locked', 'archived'] });
    const live = circles.filter((c) => c.state !== 'archived');
    return {
      settings,
      report,
      exposed: circles.filter((c) => c.exposure !== null),
      circles: await Promise.all(live.map((c) => readinessOf(store, c))),
    };
  }

  /** The next step a moderator should take for a circle (what it still lacks before it can meet). */
  async nextStep(circle: Circle): Promise<string> {
    return nextStepLine(await readinessOf(this.deps.store, circle));
  }

  /**
   * Tells a server the bot just joined how to start: in its system channel when the bot may post
   * there, otherwise the owner by direct message. Said once per join, also when the join event
   * comes twice. Returns where it was said, or null when nobody could be told.
   */
  async welcome(guild: JoinedGuild): Promise<'system-channel' | 'owner' | null> {
    const { store, platform, clock, log } = this.deps;
    const key = `welcome:${guild.guildId}`;
    const last = await store.keyValues.get(key);
    const now = clock.now();
    if (last && now.getTime() - Date.parse(last) < WELCOME_AGAIN_AFTER_MS) return null;
    await store.keyValues.set(key, now.toISOString());
    const message = { content: WELCOME_TEXT };
    try {
      if (guild.systemChannelId && (await platform.canPost(guild.systemChannelId))) {
        await platform.postMessage(guild.systemChannelId, message);
        return 'system-channel';
      }
      if (await platform.sendDirectMessage(guild.ownerId, message)) return 'owner';
      log.warn(
        { guildId: guild.guildId },
        'nobody could be told how to start: no system channel, owner DMs closed',
      );
    } catch (error) {
      log.warn({ guildId: guild.guildId, ...errorFields(error) }, 'welcome not sent');
    }
    return null;
  }
}
