import { botChannel, checkOverwriteGrant, requirePerms } from '../../permissions/bot-access.js';
import { P } from '../../permissions/compute.js';
import type { EmulatorState } from '../../state/emulator-state.js';
import { isObject } from '../../state/json.js';
import { ChannelKind } from '../../state/records.js';
import { audit } from '../audit.js';
import { errors } from '../errors.js';
import { optArray, optInt, parseOverwrite } from '../input/body.js';
import { channelName, validateParent } from '../input/channel-input.js';
import type { Router } from '../router.js';

/** Registers `/channels/:channel` and overwrite routes. */
export function registerChannelRoutes(rest: Router, state: EmulatorState): void {
  const { channels, json } = state;

  rest.add('GET', '/channels/:channel', (ctx) => ({
    body: json.apiChannel(botChannel(state, ctx.param('channel')).channel),
  }));

  rest.add('PATCH', '/channels/:channel', (ctx) => {
    const { channel, perms, guild } = botChannel(state, ctx.param('channel'));
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
      next.parentId = validateParent(state, guild, parent, channel.type, channel.id);
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
      checkOverwriteGrant(state, guild, changed, { parentId: next.parentId, channel });
      if (state.channelFaults.frozen.has(channel.id)) next.overwrites = channel.overwrites;
    }
    Object.assign(channel, next);
    channels.channelChanged(channel);
    audit(state, ctx, guild.id, channel.id);
    return { body: json.apiChannel(channel) };
  });

  rest.add('DELETE', '/channels/:channel', (ctx) => {
    const { channel, perms, guild } = botChannel(state, ctx.param('channel'));
    if (guild) requirePerms(perms, P.ManageChannels);
    const body = json.apiChannel(channel);
    if (guild) {
      channels.deleteChannel(channel.id);
      audit(state, ctx, guild.id, channel.id);
    }
    return { body };
  });

  rest.add('PUT', '/channels/:channel/permissions/:overwrite', (ctx) => {
    const { channel, perms, guild } = botChannel(state, ctx.param('channel'));
    if (!guild || channel.type === ChannelKind.DM) throw errors.missingPermissions();
    requirePerms(perms, P.ManageRoles);
    if (!isObject(ctx.rawBody))
      throw errors.invalidForm('type', 'BASE_TYPE_REQUIRED', 'This field is required');
    const overwrite = parseOverwrite(ctx.body, 'overwrite', ctx.param('overwrite'));
    checkOverwriteGrant(state, guild, [overwrite], { parentId: channel.parentId, channel });
    const index = channel.overwrites.findIndex((o) => o.id === overwrite.id);
    if (state.channelFaults.frozen.has(channel.id)) {
      // Accepted, not applied.
    } else if (index >= 0) channel.overwrites[index] = overwrite;
    else channel.overwrites.push(overwrite);
    channels.channelChanged(channel);
    audit(state, ctx, guild.id, channel.id);
    return undefined;
  });

  rest.add('DELETE', '/channels/:channel/permissions/:overwrite', (ctx) => {
    const { channel, perms, guild } = botChannel(state, ctx.param('channel'));
    if (!guild) throw errors.missingPermissions();
    requirePerms(perms, P.ManageRoles);
    const index = channel.overwrites.findIndex((o) => o.id === ctx.param('overwrite'));
    if (index < 0) throw errors.unknownOverwrite();
    if (!state.channelFaults.frozen.has(channel.id)) channel.overwrites.splice(index, 1);
    channels.channelChanged(channel);
    audit(state, ctx, guild.id, channel.id);
    return undefined;
  });
}
