import type { EmulatorState } from '../../state/emulator-state.js';
import type { JsonObject } from '../../state/json.js';
import { apiUser } from '../../state/serialize/guild.js';
import { errors } from '../errors.js';
import type { Router } from '../router.js';

/** Registers user, gateway-info and application routes. `gatewayUrl` is read at request time. */
export function registerUserRoutes(rest: Router, state: EmulatorState, gatewayUrl: () => string): void {
  const { records, options } = state;

  rest.add('GET', '/gateway', () => ({ body: { url: gatewayUrl() } }), { auth: false });
  rest.add('GET', '/gateway/bot', () => ({
    body: {
      url: gatewayUrl(),
      shards: options.shards,
      session_start_limit: {
        total: 1000,
        remaining: 1000,
        reset_after: 0,
        max_concurrency: options.maxConcurrency,
      },
    },
  }));

  rest.add('GET', '/users/@me', () => ({ body: apiUser(records.user(records.botUserId)) }));
  rest.add('GET', '/users/:user', (ctx) => {
    const user = records.users.get(ctx.param('user'));
    if (!user) throw errors.unknownUser();
    return { body: apiUser(user) };
  });

  const application = (): JsonObject => {
    const bot = records.user(records.botUserId);
    return {
      id: records.applicationId,
      name: bot.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot: apiUser(bot),
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      team: null,
      owner: apiUser(bot),
      approximate_guild_count: [...records.guilds.values()].filter((g) => g.members.has(bot.id)).length,
      tags: [],
      install_params: null,
      integration_types_config: { '0': {} },
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      event_webhooks_url: null,
      event_webhooks_status: 1,
      event_webhooks_types: [],
    };
  };
  rest.add('GET', '/applications/@me', () => ({ body: application() }));
  rest.add('GET', '/oauth2/applications/@me', () => ({ body: application() }));
}
