/** The model of the audit feature: plain data only. */
/** What happened, to which circle, by whom. Never case content. */
export interface AuditEvent {
  guildId: string;
  circleId: string | null;
  actorId: string;
  action: string;
  /** Ids and counts only. */
  detail: Record<string, string | number | boolean | string[]>;
  at: Date;
}
