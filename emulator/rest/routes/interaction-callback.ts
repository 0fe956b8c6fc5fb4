import type { EmulatorState } from '../../state/emulator-state.js';
import { CallbackKind, InteractionKind } from '../../state/interactions.js';
import { isObject, type JsonObject } from '../../state/json.js';
import { MessageFlag } from '../../state/messages.js';
import type { MessageRecord } from '../../state/records.js';
import { ApiError, errors } from '../errors.js';
import { attachmentInput } from '../input/attachment-input.js';
import { messageInput } from '../input/message-input.js';
import type { Router } from '../router.js';

const invalidType = () =>
  new ApiError(400, 50035, 'Invalid Form Body', {
    type: {
      _errors: [
        {
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: 'Interaction response type not allowed for this interaction',
        },
      ],
    },
  });

/** Registers `/interactions/:id/:token/callback`. */
export function registerInteractionCallbackRoute(rest: Router, state: EmulatorState): void {
  const { json, records, messages, interactions, options } = state;
  const exempt = { auth: false, globalExempt: true };
  const nextId = () => records.ids.next();

  rest.add(
    'POST',
    '/interactions/:id/:token/callback',
    (ctx) => {
      const record = interactions.get(ctx.param('id'));
      if (!record || record.token !== ctx.param('token')) throw errors.unknownInteraction();
      if (Date.now() - record.createdAt > options.interactionAckTimeoutMs) throw errors.unknownInteraction();
      if (record.callback) throw errors.alreadyAcknowledged();
      const type = ctx.body['type'];
      const data = isObject(ctx.body['data']) ? ctx.body['data'] : null;
      if (typeof type !== 'number')
        throw errors.invalidForm('type', 'BASE_TYPE_REQUIRED', 'This field is required');
      const fromMessage = record.sourceMessageId !== undefined;
      let message: MessageRecord | undefined;
      switch (type) {
        case CallbackKind.Pong:
          if (record.type !== InteractionKind.Ping) throw invalidType();
          break;
        case CallbackKind.ChannelMessage:
        case CallbackKind.DeferredChannelMessage: {
          if (record.type === InteractionKind.Autocomplete || record.type === InteractionKind.Ping)
            throw invalidType();
          const flags = typeof data?.['flags'] === 'number' ? data['flags'] : 0;
          const ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
          const input =
            type === CallbackKind.ChannelMessage
              ? messageInput(data ?? {}, {
                  requireContent: true,
                  attachments: attachmentInput(data ?? {}, ctx.files, { nextId, path: ['data'] }),
                })
              : { flags: MessageFlag.Loading | (flags & MessageFlag.Ephemeral) };
          message = messages.create(record.channelId, records.botUserId, {
            ...input,
            webhookId: records.applicationId,
            interactionId: record.id,
            type: record.type === InteractionKind.ApplicationCommand ? 20 : 0,
            ...(ephemeral ? { ephemeralFor: record.userId } : {}),
          });
          record.originalMessageId = message.id;
          record.ephemeral = ephemeral;
          break;
        }
        case CallbackKind.DeferredUpdateMessage:
        case CallbackKind.UpdateMessage: {
          if (!fromMessage || !record.sourceMessageId) throw invalidType();
          const source = records.messageMap.get(record.sourceMessageId);
          if (!source) throw errors.unknownMessage();
          if (type === CallbackKind.UpdateMessage) {
            const attachments = attachmentInput(data ?? {}, ctx.files, {
              nextId,
              existing: source.attachments,
              path: ['data'],
            });
            messageInput(data ?? {}, { requireContent: false });
            messages.edit(source, data ?? {}, { attachments });
            message = source;
          }
          record.originalMessageId = source.id;
          record.ephemeral = source.ephemeralFor !== undefined;
          break;
        }
        case CallbackKind.AutocompleteResult: {
          if (record.type !== InteractionKind.Autocomplete) throw invalidType();
          const choices = data?.['choices'];
          if (!Array.isArray(choices) || choices.length > 25)
            throw errors.invalidForm(
              'data.choices',
              'BASE_TYPE_MAX_LENGTH',
              'Must be 25 or fewer in length.',
            );
          break;
        }
        case CallbackKind.Modal:
          if (record.type === InteractionKind.ModalSubmit || record.type === InteractionKind.Autocomplete)
            throw invalidType();
          if (
            !data ||
            typeof data['custom_id'] !== 'string' ||
            typeof data['title'] !== 'string' ||
            !Array.isArray(data['components'])
          ) {
            throw errors.invalidForm(
              'data',
              'BASE_TYPE_REQUIRED',
              'custom_id, title and components are required',
            );
          }
          break;
        default:
          throw errors.invalidForm(
            'type',
            'BASE_TYPE_CHOICES',
            'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.',
          );
      }
      record.callback = { type, data, time: Date.now(), receivedAt: performance.now() };
      interactions.changed(record);
      if (ctx.query.get('with_response') !== 'true') return undefined;
      const original =
        message ?? (record.originalMessageId ? records.messageMap.get(record.originalMessageId) : undefined);
      const body: JsonObject = {
        interaction: {
          id: record.id,
          type: record.type,
          activity_instance_id: null,
          response_message_id: original?.id ?? null,
          response_message_loading: original ? (original.flags & MessageFlag.Loading) !== 0 : null,
          response_message_ephemeral: original ? original.ephemeralFor !== undefined : null,
        },
        resource: { type, ...(message ? { message: json.apiMessage(message) } : {}) },
      };
      return { body };
    },
    exempt,
  );
}
