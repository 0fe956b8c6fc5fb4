import type { EmulatorState } from '../../state/emulator-state.js';
import { errors } from '../errors.js';
import type { Router } from '../router.js';

/** Registers the application command routes. */
export function registerCommandRoutes(rest: Router, state: EmulatorState): void {
  const { commands, records } = state;
  const app = (id: string) => {
    if (id !== records.applicationId) throw errors.missingAccess();
  };
  const guildScope = (id: string) => {
    const guild = records.guilds.get(id);
    if (!guild || !guild.members.has(records.botUserId)) throw errors.missingAccess();
    return id;
  };
  for (const [prefix, scope] of [
    ['/applications/:app/commands', () => null],
    ['/applications/:app/guilds/:guild/commands', (g: string) => guildScope(g)],
  ] as const) {
    const scopeOf = (ctx: { param(n: string): string }) => {
      app(ctx.param('app'));
      return prefix.includes(':guild') ? scope(ctx.param('guild')) : null;
    };
    rest.add('GET', prefix, (ctx) => ({ body: commands.list(scopeOf(ctx)).map((c) => c.data) }));
    rest.add('PUT', prefix, (ctx) => {
      const guildId = scopeOf(ctx);
      if (!Array.isArray(ctx.rawBody))
        throw errors.invalidForm('_errors', 'LIST_TYPE_CONVERT', 'Must be an array.');
      return { body: commands.overwrite(guildId, ctx.rawBody).map((c) => c.data) };
    });
    rest.add('POST', prefix, (ctx) => {
      const { record, created } = commands.upsert(scopeOf(ctx), ctx.body);
      return { status: created ? 201 : 200, body: record.data };
    });
    rest.add('GET', `${prefix}/:command`, (ctx) => ({
      body: commands.get(ctx.param('command'), scopeOf(ctx)).data,
    }));
    rest.add('PATCH', `${prefix}/:command`, (ctx) => {
      const record = commands.get(ctx.param('command'), scopeOf(ctx));
      return { body: commands.patch(record, ctx.body).data };
    });
    rest.add('DELETE', `${prefix}/:command`, (ctx) => {
      commands.delete(commands.get(ctx.param('command'), scopeOf(ctx)));
      return undefined;
    });
  }
}
