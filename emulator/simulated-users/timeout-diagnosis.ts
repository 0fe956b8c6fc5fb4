import type { RestServer } from '../rest/server.js';
import type { InteractionRecord } from '../state/interactions.js';

/** Explains a timed-out wait on an interaction: the bot's REST calls for it and the emulator's errors. */
export function diagnoseInteraction(rest: RestServer, record: InteractionRecord): string {
  const calls = rest.requests.filter((r) => r.path.includes(record.id) || r.path.includes(record.token));
  const lines = calls.map((r) => `${r.method} ${r.route ?? r.path} → ${r.status}`);
  const errors = rest.serverErrors.map((e) => e.message);
  return [
    calls.length
      ? `REST calls for this interaction: ${lines.join('; ')}`
      : 'The bot made no REST call for this interaction.',
    errors.length ? `Emulator errors: ${errors.join('; ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
