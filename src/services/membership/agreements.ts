import type { CircleKind } from '../circles/index.js';

const shared = [
  'What is said in this circle stays in this circle. I will not repeat, record, screenshot or forward anything shared here.',
  'I will present cases de-identified: no names, dates, places, record numbers or details that could identify a patient or client.',
  'I will join meetings from a private space where no one else can see or hear.',
  'I understand this circle is peer support, not a substitute for formal supervision where that is required.',
];

const byKind: Record<CircleKind, string> = {
  balint:
    'In this Balint group we explore the clinician–patient relationship. Cases are told from memory, without notes, and the group works with the feelings they raise.',
  'peer-consultation':
    'In this peer consultation group we bring cases for the perspectives of colleagues, as equals.',
  'peer-supervision':
    'In this peer supervision group we reflect on our practice together and hold each other to our professional standards.',
  study: 'In this study group we learn together; clinical examples are brief and de-identified.',
};

/** The agreement a new circle starts with, by kind. Moderators may replace it. */
export function defaultAgreement(kind: CircleKind): string {
  return [byKind[kind], '', ...shared.map((line) => `• ${line}`)].join('\n');
}

export const AGREEMENT_MIN_LENGTH = 20;
export const AGREEMENT_MAX_LENGTH = 3500;
