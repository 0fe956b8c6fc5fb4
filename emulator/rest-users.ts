import type { Core } from './core.js';
import { errors } from './errors.js';
import type { RestServer } from './http.js';
import { apiUser } from './serialize.js';
import type { JsonObject } from './types.js';

/** Registers user, gateway-info and application routes. `gatewayUrl` is read at request time. */
export function registerUserRoutes(rest: RestServer, core: Core, gatewayUrl: () => string): void {
  const { state } = core;

  rest.add('GET', '/gateway', () => ({ body: { url: gatewayUrl() } }), { auth: false });
  rest.add('GET', '/gateway/bot', () => ({
    body: {
      url: gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    },
  }));

  rest.add('GET', '/users/@me', () => ({ body: apiUser(state.user(state.botUserId)) }));
  rest.add('GET', '/users/:user', (ctx) => {
    const user = state.users.get(ctx.param('user'));
    if (!user) throw errors.unknownUser();
    return { body: apiUser(user) };
  });

  const application = (): JsonObject => {
    const bot = state.user(state.botUserId);
    return {
      id: state.applicationId,
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
      approximate_guild_count: [...state.guilds.values()].filter((g) => g.members.has(bot.id)).length,
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
