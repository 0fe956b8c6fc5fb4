import { circleAdminCommand, settingsModal } from './circle-admin.js';
import { circleCommand } from './circle.js';
import { helpCommand } from './help.js';
import { acceptButton, acknowledgeButton, waitlistButton } from './membership-buttons.js';
import { setupCommand } from './setup.js';
import type { ComponentHandler, SlashCommand } from './types.js';

/** Every slash command, in the order they are registered. */
export const commands: readonly SlashCommand[] = [
  setupCommand,
  circleAdminCommand,
  circleCommand,
  helpCommand,
];

/** Every button and modal handler, by custom id prefix. */
export const componentHandlers: readonly ComponentHandler[] = [
  acceptButton,
  acknowledgeButton,
  waitlistButton,
  settingsModal,
];
