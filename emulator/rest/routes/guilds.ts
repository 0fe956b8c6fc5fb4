import { botGuild, checkOverwriteGrant, requirePerms } from '../../permissions/bot-access.js';
import { P } from '../../permissions/compute.js';
import type { EmulatorState } from '../../state/emulator-state.js';
import { ChannelKind } from '../../state/records.js';
import { audit } from '../audit.js';
import { ApiError, ErrorCode, errors } from '../errors.js';
import { optArray, optInt, optString, parseOverwrite, reqString } from '../input/body.js';
import { MAX_GUILD_CHANNELS, channelName, validateParent } from '../input/channel-input.js';
import type { Router } from '../router.js';

/** Registers guild and guild channel routes. */
export function registerGuildRoutes(rest: Router, state: EmulatorState): void {
  const { channels, json, permissions, records } = state;
  const bot = () => records.botUserId;

  rest.add('GET', '/guilds/:guild', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const body = json.restGuild(guild);
    if (ctx.query.get('with_counts') === 'true') {
      body['approximate_member_count'] = guild.members.size;
      body['approximate_presence_count'] = 0;
    }
    return { body };
  });

  rest.add('GET', '/guilds/:guild/channels', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    return { body: records.guildChannels(guild.id).map((c) => json.apiChannel(c)) };
  });

  rest.add('POST', '/guilds/:guild/channels', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const type = optInt(ctx.body, 'type') ?? ChannelKind.Text;
    if (
      ![ChannelKind.Text, ChannelKind.Voice, ChannelKind.Category, ChannelKind.Announcement].includes(
        type as 0,
      )
    ) {
      throw errors.invalidForm('type', 'BASE_TYPE_CHOICES', 'Value must be one of {0, 2, 4, 5}.');
    }
    const name = channelName(reqString(ctx.body, 'name'), type);
    const parentId = validateParent(state, guild, optString(ctx.body, 'parent_id'), type);
    const overwrites = (optArray(ctx.body, 'permission_overwrites') ?? []).map((o, i) =>
      parseOverwrite(o, `permission_overwrites.${i}`),
    );
    const context = parentId
      ? permissions.permissionsIn(bot(), parentId)
      : permissions.guildPermissions(guild.id, bot());
    requirePerms(context, P.ManageChannels);
    if (overwrites.length) {
      requirePerms(context, P.ManageRoles);
      checkOverwriteGrant(state, guild, overwrites, { parentId });
    }
    if (records.guildChannels(guild.id).length >= MAX_GUILD_CHANNELS) {
      throw new ApiError(
        400,
        ErrorCode.MaximumChannels,
        `Maximum number of guild channels reached (${MAX_GUILD_CHANNELS})`,
      );
    }
    const channel = channels.createChannel(guild.id, {
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
    audit(state, ctx, guild.id, channel.id);
    return { status: 201, body: json.apiChannel(channel) };
  });
}
