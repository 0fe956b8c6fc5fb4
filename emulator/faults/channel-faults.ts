import type { EventEmitter } from 'node:events';
import { toOverwriteRecord } from '../permissions/compute.js';
import type { ChannelRecord, OverwriteInput } from '../state/records.js';

/** Channel-level faults: channels whose overwrites take no change from the bot. */
export class ChannelFaults {
  /** Channels that accept overwrite edits (200 / 204, CHANNEL_UPDATE) but do not apply them. */
  readonly frozen = new Set<string>();
}

/** A running contest (see `DiscordEmulator.contestOverwrite`). */
export interface Contest {
  /** How many times the other actor put its overwrite back. */
  readonly restored: number;
  stop(): void;
}

/**
 * Another actor (a second bot, an integration) that wants `overwrite` on a channel: it puts it
 * there now, and again `delayMs` after every change that removed or altered it, until stopped.
 */
export function contestOverwrite(
  events: EventEmitter,
  channelId: string,
  overwrite: OverwriteInput,
  put: () => void,
  delayMs: number,
): Contest {
  const wanted = toOverwriteRecord(overwrite);
  const present = (channel: ChannelRecord) =>
    channel.overwrites.some(
      (o) =>
        o.id === wanted.id && o.type === wanted.type && o.allow === wanted.allow && o.deny === wanted.deny,
    );
  let restored = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const onUpdate = (channel: ChannelRecord) => {
    if (stopped || channel.id !== channelId || present(channel) || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped) return;
      restored += 1;
      put();
    }, delayMs);
  };
  const onDelete = (channel: ChannelRecord) => {
    if (channel.id === channelId) stop();
  };
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    events.off('channelUpdate', onUpdate);
    events.off('channelDelete', onDelete);
  };
  events.on('channelUpdate', onUpdate);
  events.on('channelDelete', onDelete);
  put();
  return {
    get restored() {
      return restored;
    },
    stop,
  };
}
