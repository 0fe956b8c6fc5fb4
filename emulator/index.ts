/**
 * The emulator's public entry: {@link DiscordEmulator} and the types and helpers tests use with it.
 * The folders hold the emulator by concern (see README.md, "Layout").
 */
import type { DiscordEmulator } from './discord-emulator.js';

export { DiscordEmulator } from './discord-emulator.js';
export type { EmulatorOptions } from './options.js';
export type { Contest } from './faults/channel-faults.js';
export type { DelayInjection, FailureInjection, InjectedFailure } from './faults/injections.js';
export type { CreateScheduledEventOptions } from './state/scheduled-events.js';
export type { CommandPermission } from './permissions/command-permissions.js';
export type { CreateChannelOptions } from './state/channels.js';
export type { CreateGuildOptions } from './state/guilds.js';
export type { AuditLogEntry } from './state/discord-records.js';
export type { OverwriteInput } from './state/records.js';
export type { RecordedRequest } from './rest/route-types.js';
export type { ReplyView, ReplyAttachment, ModalView } from './simulated-users/interaction-handle.js';
export type { InteractionHandle } from './simulated-users/interaction-handle.js';
export type { CommandInvocation, OptionValue } from './simulated-users/command-data.js';
export type { InteractionPlace } from './simulated-users/command-context.js';
export type { SimulatedUser } from './simulated-users/simulated-user.js';
export type { EmulatedChannel } from './state/json-views.js';
export type { EmulatorEvents } from './state/public-events.js';
export { SimulationError } from './simulated-users/simulation-error.js';
export {
  ALL_PERMISSIONS,
  DEFAULT_BOT_PERMISSIONS,
  computeBasePermissions,
  computeOverwrites,
  computeChannelPermissions,
} from './permissions/compute.js';
export { ChannelKind } from './state/records.js';

/** The emulated world's test-facing API, now part of {@link DiscordEmulator} itself (the name is kept). */
export type EmulatorWorld = DiscordEmulator;
