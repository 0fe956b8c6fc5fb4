import type { EventEmitter } from 'node:events';
import { ChannelFaults } from '../faults/channel-faults.js';
import type { Dispatcher } from '../gateway/sessions.js';
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from '../options.js';
import { CommandPermissions } from '../permissions/command-permissions.js';
import { PermissionQueries } from '../permissions/queries.js';
import { ApiJson } from './api-json.js';
import { ChannelStore } from './channels.js';
import { CommandStore } from './commands.js';
import { DiscordRecords } from './discord-records.js';
import { GuildStore } from './guilds.js';
import { InteractionStore } from './interactions.js';
import { MessageStore } from './messages.js';
import { ScheduledEventStore } from './scheduled-events.js';

/**
 * The emulated Discord: the records and the objects that read and change them, each holding the
 * records (and the gateway's dispatcher where a change is dispatched). Passed to the REST routes, the
 * gateway and the simulated users.
 */
export interface EmulatorState {
  readonly records: DiscordRecords;
  readonly permissions: PermissionQueries;
  readonly json: ApiJson;
  readonly guilds: GuildStore;
  readonly channels: ChannelStore;
  readonly messages: MessageStore;
  readonly commands: CommandStore;
  readonly commandPermissions: CommandPermissions;
  readonly interactions: InteractionStore;
  readonly scheduledEvents: ScheduledEventStore;
  readonly channelFaults: ChannelFaults;
  readonly options: ResolvedOptions;
}

/**
 * Builds the emulated Discord. `events` receives the internal change notifications (records);
 * `gateway` receives the dispatches for the connected bots; `baseUrl` gives the emulator's own URL
 * (`http://127.0.0.1:PORT`), where attachment urls point.
 */
export function createEmulatorState(
  options: EmulatorOptions,
  events: EventEmitter,
  gateway: Dispatcher,
  baseUrl: () => string,
): EmulatorState {
  const records = new DiscordRecords(events, options.botUsername);
  const permissions = new PermissionQueries(records);
  const interactions = new InteractionStore(records, events);
  const json = new ApiJson(records, permissions, interactions, baseUrl);
  return {
    records,
    permissions,
    json,
    guilds: new GuildStore(records, json, gateway),
    channels: new ChannelStore(records, gateway),
    messages: new MessageStore(records),
    commands: new CommandStore(records),
    commandPermissions: new CommandPermissions(records, permissions),
    interactions,
    scheduledEvents: new ScheduledEventStore(records, json, gateway),
    channelFaults: new ChannelFaults(),
    options: resolveOptions(options),
  };
}
