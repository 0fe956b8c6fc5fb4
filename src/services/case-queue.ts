import type { CaseRequest } from './model.js';

/**
 * The fair order of open requests: urgent first, then the member who presented least recently
 * (never first), then the earliest submission.
 */
export function orderQueue(
  open: readonly CaseRequest[],
  lastPresented: Readonly<Record<string, Date>>,
): CaseRequest[] {
  const last = (r: CaseRequest) => lastPresented[r.userId]?.getTime() ?? Number.NEGATIVE_INFINITY;
  return [...open].sort(
    (a, b) =>
      Number(b.urgency === 'urgent') - Number(a.urgency === 'urgent') ||
      last(a) - last(b) ||
      a.submittedAt.getTime() - b.submittedAt.getTime() ||
      a.id.localeCompare(b.id),
  );
}
