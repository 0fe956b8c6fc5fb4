/** The case text encrypted at rest: a case request's label and question, each bound to its row. */
import type { DataKeyring } from './data-keys.js';
import { openField, sealField, type FieldRef } from './field-cipher.js';

/** The columns of `case_requests` that hold what a member wrote. */
export const CASE_TEXT_FIELDS = ['label', 'question'] as const;
export type CaseTextField = (typeof CASE_TEXT_FIELDS)[number];

/** Where one field of one case request is stored. */
export function caseTextRef(caseId: string, field: CaseTextField): FieldRef {
  return { table: 'case_requests', field, rowId: caseId };
}

/** The stored form of a case's label or question: encrypted under the current key; null stays null. */
export function sealCaseText(
  keys: DataKeyring,
  caseId: string,
  field: CaseTextField,
  value: string | null,
): string | null {
  return value === null ? null : sealField(keys, value, caseTextRef(caseId, field));
}

/**
 * A case's label or question as written, from its stored form (encrypted, or clear text from before
 * encryption). Throws `UnreadableFieldError` rather than return anything it cannot authenticate.
 */
export function openCaseText(
  keys: DataKeyring,
  caseId: string,
  field: CaseTextField,
  stored: string | null,
): string | null {
  return stored === null ? null : openField(keys, stored, caseTextRef(caseId, field));
}
