import { RETENTION_LIMITS, type RetentionKind } from '../privacy/index.js';
import {
  type Actor,
  type GuildSettings,
  type PermissionReport,
  type Repositories,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { recordAudit } from '../audit/index.js';
import { type Circle, requireModerator } from '../circles/index.js';

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
  ): Promise<{ settings: GuildSettings; report: PermissionReport; exposed: Circle[] }> {
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
    return { settings, report, exposed: circles.filter((c) => c.exposure !== null) };
  }
}
