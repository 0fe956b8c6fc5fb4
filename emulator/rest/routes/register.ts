import type { EmulatorState } from '../../state/emulator-state.js';
import type { Router } from '../router.js';
import { registerChannelRoutes } from './channels.js';
import { registerCommandRoutes } from './commands.js';
import { registerGuildRoutes } from './guilds.js';
import { registerInteractionCallbackRoute } from './interaction-callback.js';
import { registerInteractionWebhookRoutes } from './interaction-webhooks.js';
import { registerMessageRoutes } from './messages.js';
import { registerRoleAndMemberRoutes } from './roles-members.js';
import { registerScheduledEventRoutes } from './scheduled-events.js';
import { registerUserRoutes } from './users.js';

/** Registers every emulated REST route, in matching order. `gatewayUrl` is read at request time. */
export function registerRoutes(rest: Router, state: EmulatorState, gatewayUrl: () => string): void {
  registerUserRoutes(rest, state, gatewayUrl);
  registerCommandRoutes(rest, state);
  registerGuildRoutes(rest, state);
  registerRoleAndMemberRoutes(rest, state);
  registerChannelRoutes(rest, state);
  registerMessageRoutes(rest, state);
  registerScheduledEventRoutes(rest, state);
  registerInteractionCallbackRoute(rest, state);
  registerInteractionWebhookRoutes(rest, state);
}
