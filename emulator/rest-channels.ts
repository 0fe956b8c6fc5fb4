import type { Core } from './core.js';
import { errors } from './errors.js';
import type { RestServer } from './http.js';
import { botChannel, checkOverwriteGrant, requirePerms } from './access.js';
import { isObject, optArray, optInt, parseOverwrite } from './body.js';
import { P } from './permissions.js';
import { audit, channelName, validateParent } from './rest-guilds.js';
import { ChannelKind } from './types.js';

/** Registers `/channels/:channel` and overwrite routes. */
export function registerChannelRoutes(rest: RestServer, core: Core): void {
  const { state } = core;

  rest.add('GET', '/channels/:channel', (ctx) => ({
    body: state.apiChannel(botChannel(core, ctx.param('channel')).channel),
  }));

  rest.add('PATCH', '/channels/:channel', (ctx) => {
    const { channel, perms, guild } = botChannel(core, ctx.param('channel'));
    if (!guild) throw errors.missingPermissions();
    requirePerms(perms, P.ManageChannels);
    const body = ctx.body;
    const next = { ...channel, overwrites: [...channel.overwrites] };
    if ('name' in body) {
      if (typeof body['name'] !== 'string' || !body['name'])
        throw errors.invalidForm('name', 'BASE_TYPE_REQUIRED', 'This field is required');
      next.name = channelName(body['name'], channel.type);
    }
    if ('topic' in body) next.topic = typeof body['topic'] === 'string' ? body['topic'] : null;
    if ('parent_id' in body) {
      const parent = body['parent_id'];
      if (parent !== null && typeof parent !== 'string')
        throw errors.invalidForm('parent_id', 'CHANNEL_PARENT_INVALID_TYPE', 'Not a category');
      next.parentId = validateParent(core, guild, parent, channel.type, channel.id);
    }
    const position = optInt(body, 'position');
    if (position !== undefined) next.position = position;
    if (typeof body['nsfw'] === 'boolean') next.nsfw = body['nsfw'];
    const rate = optInt(body, 'rate_limit_per_user');
    if (rate !== undefined) next.rateLimitPerUser = rate;
    const bitrate = optInt(body, 'bitrate');
    if (bitrate !== undefined) next.bitrate = bitrate;
    const userLimit = optInt(body, 'user_limit');
    if (userLimit !== undefined) next.userLimit = userLimit;
    const overwrites = optArray(body, 'permission_overwrites');
    if (overwrites) {
      requirePerms(perms, P.ManageRoles);
      next.overwrites = overwrites.map((o, i) => parseOverwrite(o, `permission_overwrites.${i}`));
      const changed = next.overwrites.filter(
        (o) =>
          !channel.overwrites.some(
            (c) => c.id === o.id && c.type === o.type && c.allow === o.allow && c.deny === o.deny,
          ),
      );
      checkOverwriteGrant(core, guild, changed, { parentId: next.parentId, channel });
      if (core.channelFaults.frozen.has(channel.id)) next.overwrites = channel.overwrites;
    }
    Object.assign(channel, next);
    state.channelChanged(channel);
    audit(core, ctx, guild.id, channel.id);
    return { body: state.apiChannel(channel) };
  });

  rest.add('DELETE', '/channels/:channel', (ctx) => {
    const { channel, perms, guild } = botChannel(core, ctx.param('channel'));
    if (guild) requirePerms(perms, P.ManageChannels);
    const body = state.apiChannel(channel);
    if (guild) {
      state.deleteChannel(channel.id);
      audit(core, ctx, guild.id, channel.id);
    }
    return { body };
  });

  rest.add('PUT', '/channels/:channel/permissions/:overwrite', (ctx) => {
    const { channel, perms, guild } = botChannel(core, ctx.param('channel'));
    if (!guild || channel.type === ChannelKind.DM) throw errors.missingPermissions();
    requirePerms(perms, P.ManageRoles);
    if (!isObject(ctx.rawBody))
      throw errors.invalidForm('type', 'BASE_TYPE_REQUIRED', 'This field is required');
    const overwrite = parseOverwrite(ctx.body, 'overwrite', ctx.param('overwrite'));
    checkOverwriteGrant(core, guild, [overwrite], { parentId: channel.parentId, channel });
    const index = channel.overwrites.findIndex((o) => o.id === overwrite.id);
    if (core.channelFaults.frozen.has(channel.id)) {
      // Accepted, not applied.
    } else if (index >= 0) channel.overwrites[index] = overwrite;
    else channel.overwrites.push(overwrite);
    state.channelChanged(channel);
    audit(core, ctx, guild.id, channel.id);
    return undefined;
  });

  rest.add('DELETE', '/channels/:channel/permissions/:overwrite', (ctx) => {
    const { channel, perms, guild } = botChannel(core, ctx.param('channel'));
    if (!guild) throw errors.missingPermissions();
    requirePerms(perms, P.ManageRoles);
    const index = channel.overwrites.findIndex((o) => o.id === ctx.param('overwrite'));
    if (index < 0) throw errors.unknownOverwrite();
    if (!core.channelFaults.frozen.has(channel.id)) channel.overwrites.splice(index, 1);
    state.channelChanged(channel);
    audit(core, ctx, guild.id, channel.id);
    return undefined;
  });
}
