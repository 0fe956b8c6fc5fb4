/** A server's settings (moderator role, category, mod-log channel), which every feature reads. */
export interface GuildSettings {
  guildId: string;
  moderatorRoleId: string | null;
  categoryId: string | null;
  modLogChannelId: string | null;
  /** The server's retention policy, in years; null keeps the default (see `RETENTION_DEFAULTS`). */
  keepAttendanceYears: number | null;
  keepAuditYears: number | null;
  keepEndedMembershipYears: number | null;
}

export interface GuildSettingsRepository {
  get(guildId: string): Promise<GuildSettings | null>;
  save(settings: GuildSettings): Promise<GuildSettings>;
}
