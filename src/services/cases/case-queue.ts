import type { CaseRequest } from './model.js';
import type { CaseRepository } from './repository.js';

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

/** How a request ends when its circle, its member or its meeting goes. */
const ENDED_AS = { open: 'withdrawn', presenting: 'presented', presented: 'presented' } as const;

/**
 * Ends requests and deletes their text at once: open ones are withdrawn, one being presented (or
 * already presented) counts as presented. Every way a request can end goes through here, so that
 * no label or question outlives it. Returns how many were ended.
 */
export async function endCases(
  cases: CaseRepository,
  requests: readonly CaseRequest[],
  now: Date,
): Promise<number> {
  let ended = 0;
  for (const request of requests) {
    if (request.status === 'withdrawn') continue;
    // Presented long ago and its text already gone: nothing left to end.
    if (request.status === 'presented' && request.label === null && request.question === null) continue;
    const ok = await cases.updateIf(request.id, [request.status], {
      status: ENDED_AS[request.status],
      closedAt: request.closedAt ?? now,
      label: null,
      question: null,
    });
    if (ok) ended++;
  }
  return ended;
}
