import { ApiError, ErrorCode, errors } from '../rest/errors.js';
import type { EventDraft } from '../rest/input/scheduled-event-input.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { ChannelKind, type GuildRecord, type ScheduledEventRecord } from '../state/records.js';
import { EventEntity } from '../state/scheduled-events.js';
import { P, has } from './compute.js';

/**
 * The bot's right to create (`existing` undefined) or modify / delete an event, as Discord checks it:
 * voice / stage events need View Channel + Connect in the channel (stage also Manage Channels, Mute Members,
 * Move Members); Create Events allows creating and changing the bot's own events, Manage Events any event.
 * Channel-bound permissions are computed in the channel (overwrites apply), external ones guild-wide.
 */
export function checkEventAccess(
  state: EmulatorState,
  guild: GuildRecord,
  draft: Pick<EventDraft, 'entityType' | 'channelId'>,
  existing?: ScheduledEventRecord,
): void {
  const { permissions, records } = state;
  const bot = records.botUserId;
  let perms = permissions.guildPermissions(guild.id, bot);
  if (draft.entityType !== EventEntity.External) {
    const channel = draft.channelId ? records.channelMap.get(draft.channelId) : undefined;
    if (!channel || channel.guildId !== guild.id) throw errors.unknownChannel();
    const wanted = draft.entityType === EventEntity.Voice ? ChannelKind.Voice : ChannelKind.Stage;
    if (channel.type !== wanted)
      throw new ApiError(
        400,
        ErrorCode.EventEntityTypeMismatch,
        'The entity type of the event is different from the entity you are trying to start the event for',
      );
    perms = permissions.permissionsIn(bot, channel.id);
    if (!has(perms, P.ViewChannel)) throw errors.missingAccess();
    const needed =
      draft.entityType === EventEntity.Voice
        ? P.Connect
        : P.Connect | P.ManageChannels | P.MuteMembers | P.MoveMembers;
    if (!has(perms, needed)) throw errors.missingPermissions();
  }
  if (has(perms, P.ManageEvents)) return;
  const own = !existing || existing.creatorId === bot;
  if (!own || !has(perms, P.CreateEvents)) throw errors.missingPermissions();
}
