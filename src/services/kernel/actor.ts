import type { GuildSettings } from './guild-settings.js';

/** The person behind a request, as the platform knows them. */
export interface Actor {
  userId: string;
  guildId: string;
  roleIds: readonly string[];
  /** Holds Manage Server (or Administrator) in the server. */
  hasManageGuild: boolean;
}

/** A moderator holds Manage Server or the server's configured moderator role. */
export function isModerator(actor: Actor, settings: GuildSettings | null): boolean {
  if (actor.hasManageGuild) return true;
  const role = settings?.moderatorRoleId;
  return role != null && actor.roleIds.includes(role);
}
