import { attachmentPath } from '../../rest/attachment-cdn.js';
import type { Json, JsonObject } from '../json.js';
import type { AttachmentRecord, MessageRecord, UserRecord } from '../records.js';
import { apiUser } from './guild.js';

const USER_MENTION = /<@!?(\d+)>/g;
const ROLE_MENTION = /<@&(\d+)>/g;

/**
 * Discord message object. `lookupUser` resolves author and mentions; attachment urls point below `cdnBase`
 * (the emulator's own base URL).
 */
export function apiMessage(
  message: MessageRecord,
  lookupUser: (id: string) => UserRecord | undefined,
  cdnBase: string,
  interaction?: { id: string; type: number; userId: string; name?: string; owners?: JsonObject },
): JsonObject {
  const author = lookupUser(message.authorId);
  const mentions: Json[] = [];
  for (const match of message.content.matchAll(USER_MENTION)) {
    const user = match[1] ? lookupUser(match[1]) : undefined;
    if (user) mentions.push(apiUser(user));
  }
  const out: JsonObject = {
    id: message.id,
    type: message.type,
    channel_id: message.channelId,
    author: author ? apiUser(author) : null,
    content: message.content,
    timestamp: message.timestamp,
    edited_timestamp: message.editedTimestamp,
    tts: message.tts,
    mention_everyone: /@(everyone|here)/.test(message.content),
    mentions,
    mention_roles: [...message.content.matchAll(ROLE_MENTION)].map((m) => m[1] ?? ''),
    attachments: message.attachments.map((a) =>
      apiAttachment(a, message.channelId, cdnBase, message.ephemeralFor !== undefined),
    ),
    embeds: message.embeds,
    components: message.components,
    pinned: message.pinned,
    flags: message.flags,
  };
  if (message.guildId) out['guild_id'] = message.guildId;
  if (message.nonce !== null) out['nonce'] = message.nonce;
  if (message.webhookId) {
    out['webhook_id'] = message.webhookId;
    out['application_id'] = message.webhookId;
  }
  if (interaction) {
    const user = lookupUser(interaction.userId);
    out['interaction_metadata'] = {
      id: interaction.id,
      type: interaction.type,
      user: user ? apiUser(user) : null,
      authorizing_integration_owners:
        interaction.owners ?? (message.guildId ? { '0': message.guildId } : { '0': '0' }),
      ...(interaction.name !== undefined ? { name: interaction.name } : {}),
    };
  }
  return out;
}

/** Discord attachment object; `url` and `proxy_url` serve the bytes from the emulator. */
export function apiAttachment(
  attachment: AttachmentRecord,
  channelId: string,
  cdnBase: string,
  ephemeral: boolean,
): JsonObject {
  const url = `${cdnBase}${attachmentPath(channelId, attachment.id, attachment.filename)}`;
  return {
    id: attachment.id,
    filename: attachment.filename,
    size: attachment.size,
    url,
    proxy_url: url,
    ...(attachment.description !== null ? { description: attachment.description } : {}),
    ...(attachment.contentType !== null ? { content_type: attachment.contentType } : {}),
    ...(ephemeral ? { ephemeral: true } : {}),
  };
}
