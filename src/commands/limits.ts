/**
 * The limits every option declares to Discord, which then refuses a value outside them before the bot
 * sees it. The numbers come from the services' validation, which still checks everything: other
 * clients and the API can send anything. Spread these into an option definition:
 * `{ type: String, name: 'time', description, ...TIME_TEXT }`, `{ type: Integer, …, ...range(1, 4) }`,
 * `{ type: String, …, ...choicesOf(URGENCIES, URGENCY_LABELS) }`. A test fails for any option without.
 */
import { CIRCLE_NAME_MAX, CIRCLE_NAME_MIN } from '../services/circles/index.js';
import {
  DATE_TEXT_LENGTH,
  TIME_TEXT_MAX_LENGTH,
  TIME_TEXT_MIN_LENGTH,
  TIME_ZONE_MAX_LENGTH,
} from '../services/meetings/index.js';

/** A string option's length, from `min` to `max` characters. */
export function textLength(min: number, max: number) {
  return { min_length: min, max_length: max } as const;
}

/** An integer or number option's range, from `min` to `max` inclusive. */
export function range(min: number, max: number) {
  return { min_value: min, max_value: max } as const;
}

/**
 * Fixed choices with readable names from a label table (the values are what the bot receives), with
 * the lengths of the values declared too.
 */
export function choicesOf<V extends string>(values: readonly V[], labels: Readonly<Record<V, string>>) {
  const lengths = values.map((value) => value.length);
  return {
    choices: values.map((value) => ({ name: labels[value], value })),
    ...textLength(Math.min(...lengths), Math.max(...lengths)),
  };
}

/** A date as typed, such as 2026-12-01. */
export const DATE_TEXT = textLength(DATE_TEXT_LENGTH, DATE_TEXT_LENGTH);
/** A 24-hour time as typed, such as 19:30. */
export const TIME_TEXT = textLength(TIME_TEXT_MIN_LENGTH, TIME_TEXT_MAX_LENGTH);
/** A time zone name; it autocompletes, so only its length is bounded (an empty field lists zones). */
export const TIME_ZONE_TEXT = { max_length: TIME_ZONE_MAX_LENGTH } as const;
/** A new circle's name. */
export const CIRCLE_NAME_TEXT = textLength(CIRCLE_NAME_MIN, CIRCLE_NAME_MAX);
/** A circle chosen by name (autocompleted, so only its length is bounded). */
export const CIRCLE_CHOICE_TEXT = { max_length: CIRCLE_NAME_MAX } as const;
