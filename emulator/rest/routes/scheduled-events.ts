import { botGuild } from '../../permissions/bot-access.js';
import { P, has } from '../../permissions/compute.js';
import { checkEventAccess } from '../../permissions/event-access.js';
import type { EmulatorState } from '../../state/emulator-state.js';
import type { GuildRecord, ScheduledEventRecord } from '../../state/records.js';
import { MAX_UNCOMPLETED_EVENTS } from '../../state/scheduled-events.js';
import { audit } from '../audit.js';
import { ApiError, ErrorCode, errors } from '../errors.js';
import { applyEventBody } from '../input/scheduled-event-input.js';
import type { RequestContext } from '../route-types.js';
import type { Router } from '../router.js';

/** Registers `/guilds/:guild/scheduled-events` (list, create) and `/:event` (get, modify, delete). */
export function registerScheduledEventRoutes(rest: Router, state: EmulatorState): void {
  const { json, permissions, records, scheduledEvents: store } = state;
  const bot = () => records.botUserId;
  const withCount = (ctx: RequestContext) => ctx.query.get('with_user_count') === 'true';

  /** The event if it is in `guild` and the bot can see it (its channel, for voice / stage); 10070 otherwise. */
  const eventOf = (ctx: RequestContext, guild: GuildRecord): ScheduledEventRecord => {
    const event = store.find(ctx.param('event'));
    if (!event || event.guildId !== guild.id) throw errors.unknownScheduledEvent();
    if (event.channelId !== null) {
      const channel = records.channelMap.get(event.channelId);
      if (!channel || !has(permissions.permissionsIn(bot(), channel.id), P.ViewChannel))
        throw errors.unknownScheduledEvent();
    }
    return event;
  };

  rest.add('GET', '/guilds/:guild/scheduled-events', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const events = permissions.scheduledEventsVisibleTo(bot(), guild.id);
    return { body: events.map((e) => json.apiScheduledEvent(e, withCount(ctx))) };
  });

  rest.add('GET', '/guilds/:guild/scheduled-events/:event', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    return { body: json.apiScheduledEvent(eventOf(ctx, guild), withCount(ctx)) };
  });

  rest.add('POST', '/guilds/:guild/scheduled-events', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const draft = applyEventBody(ctx.body);
    checkEventAccess(state, guild, draft);
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
    audit(state, ctx, guild.id, event.id);
    return { body: json.apiScheduledEvent(event) };
  });

  rest.add('PATCH', '/guilds/:guild/scheduled-events/:event', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const event = eventOf(ctx, guild);
    const draft = applyEventBody(ctx.body, event);
    checkEventAccess(state, guild, draft, event);
    Object.assign(event, draft);
    store.changed(event);
    audit(state, ctx, guild.id, event.id);
    return { body: json.apiScheduledEvent(event) };
  });

  rest.add('DELETE', '/guilds/:guild/scheduled-events/:event', (ctx) => {
    const guild = botGuild(state, ctx.param('guild'));
    const event = eventOf(ctx, guild);
    checkEventAccess(state, guild, event, event);
    store.delete(event);
    audit(state, ctx, guild.id, event.id);
    return undefined;
  });
}
