import type { EmulatorState } from '../../state/emulator-state.js';
import { CallbackKind, type InteractionRecord } from '../../state/interactions.js';
import { MessageFlag } from '../../state/messages.js';
import type { MessageRecord } from '../../state/records.js';
import { errors } from '../errors.js';
import { attachmentInput } from '../input/attachment-input.js';
import { messageInput } from '../input/message-input.js';
import type { RequestContext } from '../route-types.js';
import type { Router } from '../router.js';

/** Registers the interaction webhook routes (follow-ups, `@original` and follow-up edits and deletes). */
export function registerInteractionWebhookRoutes(rest: Router, state: EmulatorState): void {
  const { json, records, messages, interactions, options } = state;
  const exempt = { auth: false, globalExempt: true };
  const nextId = () => records.ids.next();

  const resolve = (ctx: RequestContext): InteractionRecord => {
    const record = interactions.byToken(ctx.param('token'));
    if (!record || ctx.param('app') !== records.applicationId) throw errors.unknownWebhook();
    if (Date.now() - record.createdAt > options.interactionTokenLifetimeMs)
      throw errors.invalidWebhookToken();
    return record;
  };
  const target = (record: InteractionRecord, id: string): MessageRecord => {
    const messageId = id === '@original' ? record.originalMessageId : id;
    const allowed =
      messageId === record.originalMessageId ||
      (messageId !== undefined && record.followUpIds.includes(messageId));
    const message = messageId && allowed ? records.messageMap.get(messageId) : undefined;
    if (!message || message.deleted) throw errors.unknownMessage();
    return message;
  };

  rest.add(
    'POST',
    '/webhooks/:app/:token',
    (ctx) => {
      const record = resolve(ctx);
      if (!record.callback) throw errors.unknownWebhook();
      const attachments = attachmentInput(ctx.body, ctx.files, { nextId });
      const input = messageInput(ctx.body, { requireContent: true, attachments });
      const original = record.originalMessageId
        ? records.messageMap.get(record.originalMessageId)
        : undefined;
      let message: MessageRecord;
      if (
        record.callback.type === CallbackKind.DeferredChannelMessage &&
        original &&
        !record.originalEdited
      ) {
        message = messages.edit(original, ctx.body, { attachments });
        record.originalEdited = true;
      } else {
        const ephemeral = ((input.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
        message = messages.create(record.channelId, records.botUserId, {
          ...input,
          webhookId: records.applicationId,
          interactionId: record.id,
          ...(ephemeral ? { ephemeralFor: record.userId } : {}),
        });
        record.followUpIds.push(message.id);
      }
      interactions.changed(record);
      return ctx.query.get('wait') === 'true' ? { body: json.apiMessage(message) } : undefined;
    },
    exempt,
  );

  rest.add(
    'GET',
    '/webhooks/:app/:token/messages/:message',
    (ctx) => {
      const record = resolve(ctx);
      return { body: json.apiMessage(target(record, ctx.param('message'))) };
    },
    exempt,
  );

  rest.add(
    'PATCH',
    '/webhooks/:app/:token/messages/:message',
    (ctx) => {
      const record = resolve(ctx);
      const message = target(record, ctx.param('message'));
      const attachments = attachmentInput(ctx.body, ctx.files, { nextId, existing: message.attachments });
      messageInput(ctx.body, { requireContent: false });
      messages.edit(message, ctx.body, { attachments });
      if (message.id === record.originalMessageId) record.originalEdited = true;
      interactions.changed(record);
      return { body: json.apiMessage(message) };
    },
    exempt,
  );

  rest.add(
    'DELETE',
    '/webhooks/:app/:token/messages/:message',
    (ctx) => {
      const record = resolve(ctx);
      messages.delete(target(record, ctx.param('message')));
      interactions.changed(record);
      return undefined;
    },
    exempt,
  );
}
