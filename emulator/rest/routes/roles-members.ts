import { botGuild, grantable, manageableRole, requirePerms } from '../../permissions/bot-access.js';
import { P } from '../../permissions/compute.js';
import type { EmulatorState } from '../../state/emulator-state.js';
import type { Json } from '../../state/json.js';
import type { GuildRecord } from '../../state/records.js';
import { apiRole } from '../../state/serialize/guild.js';
import { audit } from '../audit.js';
import { ApiError, errors } from '../errors.js';
import { optInt, optString, parseBits } from '../input/body.js';
import type { RequestContext } from '../route-types.js';
import type { Router } from '../router.js';

/** Registers role, member role and member routes. */
export function registerRoleAndMemberRoutes(rest: Router, state: EmulatorState): void {
  const { guilds, json, records } = state;
  const bot = () => records.botUserId;

  rest.add('GET', '/guilds/:guild/roles', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    return { body: [...guild.roles.values()].map(apiRole) };
  });

  rest.add('POST', '/guilds/:guild/roles', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    requirePerms(state.permissions.guildPermissions(guild.id, bot()), P.ManageRoles);
    const permissions = parseBits(ctx.body['permissions'], 'permissions');
    grantable(state, guild, permissions);
    const role = guilds.createRole(guild.id, {
      name: optString(ctx.body, 'name') ?? 'new role',
      permissions,
      color: optInt(ctx.body, 'color') ?? 0,
      hoist: ctx.body['hoist'] === true,
      mentionable: ctx.body['mentionable'] === true,
    });
    audit(state, ctx, guild.id, role.id);
    return { body: apiRole(role) };
  });

  rest.add('PATCH', '/guilds/:guild/roles/:role', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const role = manageableRole(state, guild, ctx.param('role'));
    if ('permissions' in ctx.body) {
      const permissions = parseBits(ctx.body['permissions'], 'permissions');
      grantable(state, guild, permissions);
      role.permissions = permissions;
    }
    const name = optString(ctx.body, 'name');
    if (name !== undefined) role.name = name;
    const color = optInt(ctx.body, 'color');
    if (color !== undefined) role.color = color;
    if (typeof ctx.body['hoist'] === 'boolean') role.hoist = ctx.body['hoist'];
    if (typeof ctx.body['mentionable'] === 'boolean') role.mentionable = ctx.body['mentionable'];
    guilds.roleChanged(role);
    audit(state, ctx, guild.id, role.id);
    return { body: apiRole(role) };
  });

  rest.add('DELETE', '/guilds/:guild/roles/:role', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const role = manageableRole(state, guild, ctx.param('role'));
    if (role.id === guild.id || role.botId) throw new ApiError(400, 50028, 'Invalid Role');
    guilds.deleteRole(guild.id, role.id);
    audit(state, ctx, guild.id, role.id);
    return undefined;
  });

  const memberRole = (add: boolean) => (ctx: RequestContext) => {
    const guild = botGuild(state, ctx.param('guild'));
    const member = guild.members.get(ctx.param('user'));
    if (!member) throw errors.unknownMember();
    const role = manageableRole(state, guild, ctx.param('role'));
    const roles = member.roles.filter((r) => r !== role.id);
    guilds.setMemberRoles(guild.id, member.userId, add ? [...roles, role.id] : roles);
    audit(state, ctx, guild.id, member.userId);
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
    const guild = botGuild(state, ctx.param('guild'));
    const query = ctx.query.get('query');
    if (query === null) throw errors.invalidForm('query', 'BASE_TYPE_REQUIRED', 'This field is required');
    const q = query.toLowerCase();
    const hits = membersOf(guild).filter((m) => {
      const user = records.user(m.userId);
      return [user.username, user.globalName, m.nick].some((n) => n?.toLowerCase().startsWith(q));
    });
    return { body: hits.slice(0, limitOf(ctx)).map((m) => json.apiMember(guild, m)) as Json[] };
  });

  rest.add('GET', '/guilds/:guild/members', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const after = BigInt(ctx.query.get('after') ?? '0');
    const page = membersOf(guild)
      .filter((m) => BigInt(m.userId) > after)
      .slice(0, limitOf(ctx));
    return { body: page.map((m) => json.apiMember(guild, m)) };
  });

  rest.add('GET', '/guilds/:guild/members/:user', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const member = guild.members.get(ctx.param('user'));
    if (!member) throw errors.unknownMember();
    return { body: json.apiMember(guild, member) };
  });
}
