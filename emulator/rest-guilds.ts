import type { Core } from './core.js';
import { ApiError, ErrorCode, errors } from './errors.js';
import type { RequestContext, RestServer } from './http.js';
import { botGuild, checkOverwriteGrant, requirePerms } from './access.js';
import { optArray, optInt, optString, parseBits, parseOverwrite, reqString } from './body.js';
import { ALL_PERMISSIONS, P } from './permissions.js';
import { apiRole } from './serialize.js';
import type { GuildRecord, Json, RoleRecord } from './types.js';
import { ChannelKind } from './types.js';

/** Maximum channels per guild and per category, as on Discord. */
export const MAX_GUILD_CHANNELS = 500;
export const MAX_CATEGORY_CHANNELS = 50;

/** Records an audit-log entry for a mutating REST call. */
export function audit(
  core: Core,
  ctx: RequestContext,
  guildId: string | null,
  targetId: string | null,
): void {
  core.state.auditLog.push({
    guildId,
    action: `${ctx.method} ${ctx.route}`,
    targetId,
    reason: ctx.auditLogReason,
    time: Date.now(),
  });
}

/** Validates a parent category for a channel in `guild`; 50035 otherwise. Returns the parent id or null. */
export function validateParent(
  core: Core,
  guild: GuildRecord,
  parentId: string | null | undefined,
  type: number,
  selfId?: string,
): string | null {
  if (parentId === undefined || parentId === null) return null;
  const parent = core.state.channelMap.get(parentId);
  if (
    !parent ||
    parent.guildId !== guild.id ||
    parent.type !== ChannelKind.Category ||
    type === ChannelKind.Category
  ) {
    throw errors.invalidForm('parent_id', 'CHANNEL_PARENT_INVALID_TYPE', 'Not a category');
  }
  const children = core.state
    .guildChannels(guild.id)
    .filter((c) => c.parentId === parentId && c.id !== selfId);
  if (children.length >= MAX_CATEGORY_CHANNELS) {
    throw errors.invalidForm(
      'parent_id',
      'CHANNEL_PARENT_MAX_CHANNELS',
      `Maximum number of channels in category reached (${MAX_CATEGORY_CHANNELS})`,
    );
  }
  return parentId;
}

/** Normalises a channel name like Discord (text channels: lowercase, dashes). */
export function channelName(name: string, type: number): string {
  if (name.length > 100)
    throw errors.invalidForm('name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  return type === ChannelKind.Text || type === ChannelKind.Announcement
    ? name.toLowerCase().replace(/\s+/g, '-')
    : name;
}

function highestRole(guild: GuildRecord, userId: string): number {
  const roles = guild.members.get(userId)?.roles ?? [];
  return Math.max(0, ...roles.map((r) => guild.roles.get(r)?.position ?? 0));
}

function manageableRole(core: Core, guild: GuildRecord, roleId: string): RoleRecord {
  const role = guild.roles.get(roleId);
  if (!role) throw errors.unknownRole();
  const botId = core.state.botUserId;
  requirePerms(core.state.guildPermissions(guild.id, botId), P.ManageRoles);
  if (guild.ownerId !== botId && role.position >= highestRole(guild, botId))
    throw errors.missingPermissions();
  return role;
}

function grantable(core: Core, guild: GuildRecord, permissions: bigint): void {
  const base = core.state.guildPermissions(guild.id, core.state.botUserId);
  if (base !== ALL_PERMISSIONS && (permissions & ~base) !== 0n) throw errors.missingPermissions();
}

/** Registers guild, guild channel, role and member routes. */
export function registerGuildRoutes(rest: RestServer, core: Core): void {
  const { state } = core;
  const bot = () => state.botUserId;

  rest.add('GET', '/guilds/:guild', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const body = state.restGuild(guild);
    if (ctx.query.get('with_counts') === 'true') {
      body['approximate_member_count'] = guild.members.size;
      body['approximate_presence_count'] = 0;
    }
    return { body };
  });

  rest.add('GET', '/guilds/:guild/channels', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    return { body: state.guildChannels(guild.id).map((c) => state.apiChannel(c)) };
  });

  rest.add('POST', '/guilds/:guild/channels', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const type = optInt(ctx.body, 'type') ?? ChannelKind.Text;
    if (
      ![ChannelKind.Text, ChannelKind.Voice, ChannelKind.Category, ChannelKind.Announcement].includes(
        type as 0,
      )
    ) {
      throw errors.invalidForm('type', 'BASE_TYPE_CHOICES', 'Value must be one of {0, 2, 4, 5}.');
    }
    const name = channelName(reqString(ctx.body, 'name'), type);
    const parentId = validateParent(core, guild, optString(ctx.body, 'parent_id'), type);
    const overwrites = (optArray(ctx.body, 'permission_overwrites') ?? []).map((o, i) =>
      parseOverwrite(o, `permission_overwrites.${i}`),
    );
    const context = parentId ? state.permissionsIn(bot(), parentId) : state.guildPermissions(guild.id, bot());
    requirePerms(context, P.ManageChannels);
    if (overwrites.length) {
      requirePerms(context, P.ManageRoles);
      checkOverwriteGrant(core, guild, overwrites, { parentId });
    }
    if (state.guildChannels(guild.id).length >= MAX_GUILD_CHANNELS) {
      throw new ApiError(
        400,
        ErrorCode.MaximumChannels,
        `Maximum number of guild channels reached (${MAX_GUILD_CHANNELS})`,
      );
    }
    const channel = state.createChannel(guild.id, {
      name,
      type,
      parentId,
      topic: optString(ctx.body, 'topic') ?? null,
      overwrites: overwrites.map((o) => ({ ...o })),
      ...(optInt(ctx.body, 'position') !== undefined ? { position: optInt(ctx.body, 'position') } : {}),
      ...(optInt(ctx.body, 'bitrate') !== undefined ? { bitrate: optInt(ctx.body, 'bitrate') } : {}),
      ...(optInt(ctx.body, 'user_limit') !== undefined ? { userLimit: optInt(ctx.body, 'user_limit') } : {}),
      ...(optInt(ctx.body, 'rate_limit_per_user') !== undefined
        ? { rateLimitPerUser: optInt(ctx.body, 'rate_limit_per_user') }
        : {}),
      nsfw: ctx.body['nsfw'] === true,
    });
    audit(core, ctx, guild.id, channel.id);
    return { status: 201, body: state.apiChannel(channel) };
  });

  rest.add('GET', '/guilds/:guild/roles', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    return { body: [...guild.roles.values()].map(apiRole) };
  });

  rest.add('POST', '/guilds/:guild/roles', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    requirePerms(state.guildPermissions(guild.id, bot()), P.ManageRoles);
    const permissions = parseBits(ctx.body['permissions'], 'permissions');
    grantable(core, guild, permissions);
    const role = state.createRole(guild.id, {
      name: optString(ctx.body, 'name') ?? 'new role',
      permissions,
      color: optInt(ctx.body, 'color') ?? 0,
      hoist: ctx.body['hoist'] === true,
      mentionable: ctx.body['mentionable'] === true,
    });
    audit(core, ctx, guild.id, role.id);
    return { body: apiRole(role) };
  });

  rest.add('PATCH', '/guilds/:guild/roles/:role', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const role = manageableRole(core, guild, ctx.param('role'));
    if ('permissions' in ctx.body) {
      const permissions = parseBits(ctx.body['permissions'], 'permissions');
      grantable(core, guild, permissions);
      role.permissions = permissions;
    }
    const name = optString(ctx.body, 'name');
    if (name !== undefined) role.name = name;
    const color = optInt(ctx.body, 'color');
    if (color !== undefined) role.color = color;
    if (typeof ctx.body['hoist'] === 'boolean') role.hoist = ctx.body['hoist'];
    if (typeof ctx.body['mentionable'] === 'boolean') role.mentionable = ctx.body['mentionable'];
    state.roleChanged(role);
    audit(core, ctx, guild.id, role.id);
    return { body: apiRole(role) };
  });

  rest.add('DELETE', '/guilds/:guild/roles/:role', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const role = manageableRole(core, guild, ctx.param('role'));
    if (role.id === guild.id || role.botId) throw new ApiError(400, 50028, 'Invalid Role');
    state.deleteRole(guild.id, role.id);
    audit(core, ctx, guild.id, role.id);
    return undefined;
  });

  const memberRole = (add: boolean) => (ctx: RequestContext) => {
    const guild = botGuild(core, ctx.param('guild'));
    const member = guild.members.get(ctx.param('user'));
    if (!member) throw errors.unknownMember();
    const role = manageableRole(core, guild, ctx.param('role'));
    const roles = member.roles.filter((r) => r !== role.id);
    state.setMemberRoles(guild.id, member.userId, add ? [...roles, role.id] : roles);
    audit(core, ctx, guild.id, member.userId);
    return undefined;
  };
  rest.add('PUT', '/guilds/:guild/members/:user/roles/:role', memberRole(true));
  rest.add('DELETE', '/guilds/:guild/members/:user/roles/:role', memberRole(false));

  const limitOf = (ctx: RequestContext): number => {
    const limit = Number(ctx.query.get('limit') ?? '1');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw errors.invalidForm('limit', 'NUMBER_TYPE_MAX', 'int value should be between 1 and 1000.');
    return limit;
  };
  const membersOf = (guild: GuildRecord) =>
    [...guild.members.values()].sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1));

  rest.add('GET', '/guilds/:guild/members/search', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const query = ctx.query.get('query');
    if (query === null) throw errors.invalidForm('query', 'BASE_TYPE_REQUIRED', 'This field is required');
    const q = query.toLowerCase();
    const hits = membersOf(guild).filter((m) => {
      const user = state.user(m.userId);
      return [user.username, user.globalName, m.nick].some((n) => n?.toLowerCase().startsWith(q));
    });
    return { body: hits.slice(0, limitOf(ctx)).map((m) => state.apiMember(guild, m)) as Json[] };
  });

  rest.add('GET', '/guilds/:guild/members', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const after = BigInt(ctx.query.get('after') ?? '0');
    const page = membersOf(guild)
      .filter((m) => BigInt(m.userId) > after)
      .slice(0, limitOf(ctx));
    return { body: page.map((m) => state.apiMember(guild, m)) };
  });

  rest.add('GET', '/guilds/:guild/members/:user', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const member = guild.members.get(ctx.param('user'));
    if (!member) throw errors.unknownMember();
    return { body: state.apiMember(guild, member) };
  });
}
