import type { Core } from './core.js';
import { ApiError, ErrorCode, errors } from './errors.js';
import type { RequestContext, RestServer } from './http.js';
import { botGuild } from './access.js';
import { P, has } from './permissions.js';
import { audit } from './rest-guilds.js';
import { applyEventBody, checkEventAccess } from './scheduled-event-input.js';
import { MAX_UNCOMPLETED_EVENTS } from './scheduled-events.js';
import type { GuildRecord, ScheduledEventRecord } from './types.js';

/** Registers `/guilds/:guild/scheduled-events` (list, create) and `/:event` (get, modify, delete). */
export function registerScheduledEventRoutes(rest: RestServer, core: Core): void {
  const { state, scheduledEvents: store } = core;
  const bot = () => state.botUserId;
  const withCount = (ctx: RequestContext) => ctx.query.get('with_user_count') === 'true';

  /** The event if it is in `guild` and the bot can see it (its channel, for voice / stage); 10070 otherwise. */
  const eventOf = (ctx: RequestContext, guild: GuildRecord): ScheduledEventRecord => {
    const event = store.find(ctx.param('event'));
    if (!event || event.guildId !== guild.id) throw errors.unknownScheduledEvent();
    if (event.channelId !== null) {
      const channel = state.channelMap.get(event.channelId);
      if (!channel || !has(state.permissionsIn(bot(), channel.id), P.ViewChannel))
        throw errors.unknownScheduledEvent();
    }
    return event;
  };

  rest.add('GET', '/guilds/:guild/scheduled-events', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const events = state.scheduledEventsVisibleTo(bot(), guild.id);
    return { body: events.map((e) => state.apiScheduledEvent(e, withCount(ctx))) };
  });

  rest.add('GET', '/guilds/:guild/scheduled-events/:event', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    return { body: state.apiScheduledEvent(eventOf(ctx, guild), withCount(ctx)) };
  });

  rest.add('POST', '/guilds/:guild/scheduled-events', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const draft = applyEventBody(ctx.body);
    checkEventAccess(core, guild, draft);
    if (store.uncompletedCount(guild.id) >= MAX_UNCOMPLETED_EVENTS) {
      throw new ApiError(
        400,
        ErrorCode.MaximumUncompletedGuildScheduledEvents,
        `Maximum number of uncompleted guild scheduled events reached (${MAX_UNCOMPLETED_EVENTS})`,
      );
    }
    const event = store.create({
      guildId: guild.id,
      channelId: draft.channelId,
      creatorId: bot(),
      name: draft.name,
      description: draft.description,
      start: draft.start,
      end: draft.end,
      entityType: draft.entityType,
      location: draft.location,
      image: draft.image,
      recurrenceRule: draft.recurrenceRule,
    });
    audit(core, ctx, guild.id, event.id);
    return { body: state.apiScheduledEvent(event) };
  });

  rest.add('PATCH', '/guilds/:guild/scheduled-events/:event', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const event = eventOf(ctx, guild);
    const draft = applyEventBody(ctx.body, event);
    checkEventAccess(core, guild, draft, event);
    Object.assign(event, draft);
    store.changed(event);
    audit(core, ctx, guild.id, event.id);
    return { body: state.apiScheduledEvent(event) };
  });

  rest.add('DELETE', '/guilds/:guild/scheduled-events/:event', (ctx) => {
    const guild = botGuild(core, ctx.param('guild'));
    const event = eventOf(ctx, guild);
    checkEventAccess(core, guild, event, event);
    store.delete(event);
    audit(core, ctx, guild.id, event.id);
    return undefined;
  });
}
