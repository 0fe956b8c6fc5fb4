/** The model of the cases feature: plain data only. */
export const URGENCIES = ['routine', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
/** How each urgency is named to people; the values above are what is stored. */
export const URGENCY_LABELS: Record<Urgency, string> = { routine: 'Routine', urgent: 'Urgent' };
export type CaseStatus = 'open' | 'presenting' | 'presented' | 'withdrawn';

/**
 * A member's request to present a case. `label` and `question` are de-identified before they are
 * stored, absent in Balint circles, and deleted once the case is presented or withdrawn.
 */
export interface CaseRequest {
  id: string;
  circleId: string;
  userId: string;
  status: CaseStatus;
  urgency: Urgency;
  label: string | null;
  question: string | null;
  submittedAt: Date;
  takenAt: Date | null;
  meetingId: string | null;
  closedAt: Date | null;
}
