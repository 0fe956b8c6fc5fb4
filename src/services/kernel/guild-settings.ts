/** A server's settings (moderator role, category, mod-log channel), which every feature reads. */
export interface GuildSettings {
  guildId: string;
  moderatorRoleId: string | null;
  categoryId: string | null;
  modLogChannelId: string | null;
}

export interface GuildSettingsRepository {
  get(guildId: string): Promise<GuildSettings | null>;
  save(settings: GuildSettings): Promise<GuildSettings>;
}
