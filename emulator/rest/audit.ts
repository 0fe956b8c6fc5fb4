import type { EmulatorState } from '../state/emulator-state.js';
import type { RequestContext } from './route-types.js';

/** Records an audit-log entry for a mutating REST call. */
export function audit(
  state: EmulatorState,
  ctx: RequestContext,
  guildId: string | null,
  targetId: string | null,
): void {
  state.records.auditLog.push({
    guildId,
    action: `${ctx.method} ${ctx.route}`,
    targetId,
    reason: ctx.auditLogReason,
    time: Date.now(),
  });
}
