import type { EmulatorState } from '../../state/emulator-state.js';
import { ChannelKind, type GuildRecord } from '../../state/records.js';
import { errors } from '../errors.js';

/** Maximum channels per guild and per category, as on Discord. */
export const MAX_GUILD_CHANNELS = 500;
export const MAX_CATEGORY_CHANNELS = 50;

/** Validates a parent category for a channel in `guild`; 50035 otherwise. Returns the parent id or null. */
export function validateParent(
  state: EmulatorState,
  guild: GuildRecord,
  parentId: string | null | undefined,
  type: number,
  selfId?: string,
): string | null {
  if (parentId === undefined || parentId === null) return null;
  const parent = state.records.channelMap.get(parentId);
  if (
    !parent ||
    parent.guildId !== guild.id ||
    parent.type !== ChannelKind.Category ||
    type === ChannelKind.Category
  ) {
    throw errors.invalidForm('parent_id', 'CHANNEL_PARENT_INVALID_TYPE', 'Not a category');
  }
  const children = state.records
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
