/**
 * The one table of button and form ids. A custom id is `prefix:arg1:arg2…`; every id the bot puts on
 * a button or a form is built here with {@link actionId}, and the interaction router reads it back with
 * {@link parseAction}, which takes only prefixes of this table with the right number of arguments.
 * Each component handler names its entry, and a test checks that every entry has exactly one handler.
 * Ids come back from the client, so nothing in them is trusted: the router checks the circle and the
 * caller before a handler runs.
 */
export const ACTIONS = {
  /** "I accept" on a circle's agreement. */
  agree: ['circleId', 'version'],
  /** "I have read it" on a changed agreement. */
  ack: ['circleId', 'version'],
  /** "Join" on a circle's public open call: the join flow of `/circle join`. */
  join: ['circleId'],
  /** "Join the waitlist" of a full circle. */
  waitlist: ['circleId'],
  /** "I accept" on a circle's agreement, for a drop-in place at one meeting. */
  dropin: ['meetingId', 'version'],
  /** "Check in" on a meeting's start prompt. */
  checkin: ['meetingId'],
  /** "I have a case" on a Balint circle's start prompt. */
  havecase: ['circleId'],
  /** "Show the case" on the announcement of who presents. */
  caseshow: ['circleId'],
  /** The case form. */
  case: ['circleId', 'urgency'],
  /** "Edit and resubmit" after the check refused the case form. */
  caseedit: ['circleId', 'urgency'],
  /** "Withdraw" on the confirmation of a case request. */
  casewithdraw: ['circleId'],
  /** The form that changes a circle's agreement. */
  agreement: ['circleId'],
  /** Accepting and declining a proposed duty swap. */
  swapyes: ['swapId'],
  swapno: ['swapId'],
  /** "Forget me" on the confirmation of `/privacy forget`. */
  forget: [],
  /** "Archive" on the confirmation of `/circle-admin archive`. */
  archive: ['circleId'],
  /** "Cancel the meeting" on the confirmation of `/meeting cancel`. */
  cancelmeeting: ['meetingId'],
  /** "Remove" on the confirmation of `/circle-admin remove`. */
  removemember: ['circleId', 'userId'],
  /** "Keep" on a confirmation: nothing changes. */
  keep: [],
} as const satisfies Record<string, readonly string[]>;

export type ActionPrefix = keyof typeof ACTIONS;

/** A tuple of as many strings as `T` has names. */
type StringsFor<T extends readonly string[]> = { -readonly [K in keyof T]: string };

/** The arguments of an action, in the table's order, as strings. */
export type ActionArgs<P extends ActionPrefix> = StringsFor<(typeof ACTIONS)[P]>;

/** The custom id of `prefix` with its arguments: `actionId('agree', circleId, '2')`. */
export function actionId<P extends ActionPrefix>(prefix: P, ...args: ActionArgs<P>): string {
  return [prefix, ...(args as readonly string[])].join(':');
}

/** A parsed custom id: a prefix of the table and exactly as many arguments as it declares. */
export interface ParsedAction {
  prefix: ActionPrefix;
  args: string[];
}

const isPrefix = (prefix: string): prefix is ActionPrefix => Object.hasOwn(ACTIONS, prefix);

/** Reads a custom id; null when its prefix is unknown or the number of its arguments is wrong. */
export function parseAction(customId: string): ParsedAction | null {
  const [prefix = '', ...args] = customId.split(':');
  if (!isPrefix(prefix) || args.length !== ACTIONS[prefix].length) return null;
  return { prefix, args };
}
