/**
 * The labelled corpus of case labels for the de-identification check: clean labels that must pass and
 * labels with identifiers that must be refused (see `corpus-clean.ts` and `corpus-identified.ts`).
 */
import type { IdentifierKind } from '../../../src/services/deidentify/check.js';
import { CLEAN_LABELS } from './corpus-clean.js';
import { RAW_IDENTIFIED } from './corpus-identified.js';

export { CLEAN_LABELS };

/** One case label and the kinds it should be refused for (empty: it must pass). */
export interface LabelledCase {
  readonly label: string;
  readonly expected: readonly IdentifierKind[];
}

/** The labels with identifiers as cases. */
export const IDENTIFIED_LABELS: readonly LabelledCase[] = RAW_IDENTIFIED.map(([label, ...expected]) => ({
  label,
  expected,
}));

/** The whole corpus: clean labels (expected: none) and labels with identifiers. */
export const CORPUS: readonly LabelledCase[] = [
  ...CLEAN_LABELS.map((label) => ({ label, expected: [] })),
  ...IDENTIFIED_LABELS,
];
