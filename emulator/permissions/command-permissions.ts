import type { DiscordRecords } from '../state/discord-records.js';
import { text } from '../state/json.js';
import type { CommandRecord } from '../state/records.js';
import { P, has } from './compute.js';
import type { PermissionQueries } from './queries.js';

/** One override a server admin set in Server Settings → Integrations (Discord's application command permission). */
export interface CommandPermission {
  /** Role id (the guild id means @everyone) or user id. */
  id: string;
  /** 1 role, 2 user (channel overrides are not emulated). */
  type: 1 | 2;
  permission: boolean;
}

/**
 * Who may use a command, as Discord decides it: owner and Administrators always; then a user
 * override; then role overrides (any allow wins over denies); then the @everyone override; and
 * without overrides, the command's `default_member_permissions`.
 */
export class CommandPermissions {
  private readonly overrides = new Map<string, CommandPermission[]>();

  constructor(
    private readonly records: DiscordRecords,
    private readonly permissions: PermissionQueries,
  ) {}

  /** Replaces the overrides of one command in one guild. */
  set(guildId: string, commandName: string, permissions: CommandPermission[]): void {
    this.overrides.set(`${guildId}:${commandName}`, permissions);
  }

  /** Null when the user may use the command, else the reason they cannot see it. */
  refusal(guildId: string, userId: string, command: CommandRecord): string | null {
    const perms = this.permissions.guildPermissions(guildId, userId);
    if (has(perms, P.Administrator)) return null;
    const name = text(command.data['name']);
    const list = this.overrides.get(`${guildId}:${name}`) ?? [];
    const user = list.find((o) => o.type === 2 && o.id === userId);
    if (user) return user.permission ? null : 'denied by a user override';
    const roles = this.records.guild(guildId).members.get(userId)?.roles ?? [];
    const roleOverrides = list.filter((o) => o.type === 1 && o.id !== guildId && roles.includes(o.id));
    if (roleOverrides.some((o) => o.permission)) return null;
    if (roleOverrides.length > 0) return 'denied by a role override';
    const everyone = list.find((o) => o.type === 1 && o.id === guildId);
    if (everyone) return everyone.permission ? null : 'denied by the @everyone override';
    const dmp = command.data['default_member_permissions'];
    if (typeof dmp === 'string' && !has(perms, BigInt(dmp)))
      return `default_member_permissions ${dmp} not held`;
    return null;
  }
}
