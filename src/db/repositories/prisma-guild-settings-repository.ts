/** Per-server settings. */
import type { GuildSettings, GuildSettingsRepository } from '../../services/kernel/index.js';
import type { GuildSettings as GuildSettingsRow } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import { withoutColumns, type DomainColumns } from './rows.js';

/** Maps a `guild_settings` row (its bookkeeping `created_at` / `updated_at` stay behind). */
export function toGuildSettings(row: GuildSettingsRow): GuildSettings {
  const columns: DomainColumns<GuildSettings, GuildSettingsRow, 'createdAt' | 'updatedAt'> = withoutColumns(
    row,
    'createdAt',
    'updatedAt',
  );
  return { ...columns };
}

/** `GuildSettingsRepository` over Prisma. */
export class PrismaGuildSettingsRepository implements GuildSettingsRepository {
  constructor(private readonly db: Db) {}

  async get(guildId: string): Promise<GuildSettings | null> {
    const row = await this.db.guildSettings.findUnique({ where: { guildId } });
    return row === null ? null : toGuildSettings(row);
  }

  /** Creates or replaces the settings of `settings.guildId`. */
  async save(settings: GuildSettings): Promise<GuildSettings> {
    const values = {
      moderatorRoleId: settings.moderatorRoleId,
      categoryId: settings.categoryId,
      modLogChannelId: settings.modLogChannelId,
      keepAttendanceYears: settings.keepAttendanceYears,
      keepAuditYears: settings.keepAuditYears,
      keepEndedMembershipYears: settings.keepEndedMembershipYears,
    };
    const row = await this.db.guildSettings.upsert({
      where: { guildId: settings.guildId },
      create: { guildId: settings.guildId, ...values },
      update: values,
    });
    return toGuildSettings(row);
  }
}
