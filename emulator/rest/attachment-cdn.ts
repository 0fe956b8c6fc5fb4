import type { DiscordRecords } from '../state/discord-records.js';

const ATTACHMENT_PATH = /^\/attachments\/(\d+)\/(\d+)\/([^/]+)$/;

/** An answer of the emulated CDN. */
export interface CdnAnswer {
  status: number;
  contentType: string;
  data: Buffer;
}

/** Path of an attachment's bytes on the emulated CDN (below the emulator's base URL), as in Discord's urls. */
export function attachmentPath(channelId: string, attachmentId: string, filename: string): string {
  return `/attachments/${channelId}/${attachmentId}/${encodeURIComponent(filename)}`;
}

/**
 * Serves `GET /attachments/:channel/:attachment/:filename` (no auth, like Discord's CDN): the bytes of an
 * attachment of a live message, or 404 once the message or the attachment is gone. Undefined for other paths.
 */
export function serveAttachment(records: DiscordRecords, pathname: string): CdnAnswer | undefined {
  const match = ATTACHMENT_PATH.exec(pathname);
  if (!match) return undefined;
  const [, channelId, attachmentId, encodedName] = match;
  let filename: string;
  try {
    filename = decodeURIComponent(encodedName ?? '');
  } catch {
    return notFound();
  }
  for (const message of records.messageMap.values()) {
    if (message.channelId !== channelId || message.deleted) continue;
    const attachment = message.attachments.find((a) => a.id === attachmentId && a.filename === filename);
    if (attachment) {
      return {
        status: 200,
        contentType: attachment.contentType ?? 'application/octet-stream',
        data: attachment.data,
      };
    }
  }
  return notFound();
}

function notFound(): CdnAnswer {
  return {
    status: 404,
    contentType: 'text/plain; charset=utf-8',
    data: Buffer.from('This content is no longer available.'),
  };
}
