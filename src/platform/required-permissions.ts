import { PermissionFlagsBits } from 'discord.js';

/** Permissions the bot needs in a server, by name. */
export const REQUIRED_PERMISSIONS = {
  'View Channels': PermissionFlagsBits.ViewChannel,
  'Manage Channels': PermissionFlagsBits.ManageChannels,
  'Manage Roles': PermissionFlagsBits.ManageRoles,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
  'Read Message History': PermissionFlagsBits.ReadMessageHistory,
  Connect: PermissionFlagsBits.Connect,
  'Manage Events': PermissionFlagsBits.ManageEvents,
  // Set on member overwrites: a bot can write an overwrite bit only if it holds it (see overwrites.ts).
  'Add Reactions': PermissionFlagsBits.AddReactions,
  'Attach Files': PermissionFlagsBits.AttachFiles,
  Speak: PermissionFlagsBits.Speak,
  'Use Voice Activity': PermissionFlagsBits.UseVAD,
} as const;
