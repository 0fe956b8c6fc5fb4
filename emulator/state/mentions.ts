import type { JsonObject } from './json.js';

/** Who a message notifies, as Discord decides from its content and `allowed_mentions`. */
export interface Notified {
  /** Users notified by a `<@id>` mention, in the order of the content. */
  users: string[];
  /** Roles notified by a `<@&id>` mention. */
  roles: string[];
  /** Whether `@everyone` or `@here` notifies. */
  everyone: boolean;
}

const ids = (content: string, pattern: RegExp): string[] => [
  ...new Set([...content.matchAll(pattern)].map((m) => m[1]!)),
];

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Discord's rule: without `allowed_mentions` every mention notifies; with it, a user (or role)
 * mention notifies when `parse` holds `users` (`roles`) or its id is listed in `users` (`roles`),
 * and `@everyone`/`@here` only when `parse` holds `everyone`.
 */
export function notifiedBy(content: string, sent: JsonObject): Notified {
  const allowed = sent['allowed_mentions'];
  const rule =
    allowed && typeof allowed === 'object' && !Array.isArray(allowed)
      ? (allowed as Record<string, unknown>)
      : { parse: ['users', 'roles', 'everyone'] };
  const parse = new Set(strings(rule['parse']));
  const users = new Set(strings(rule['users']));
  const roles = new Set(strings(rule['roles']));
  return {
    users: ids(content, /<@!?(\d+)>/g).filter((id) => parse.has('users') || users.has(id)),
    roles: ids(content, /<@&(\d+)>/g).filter((id) => parse.has('roles') || roles.has(id)),
    everyone: parse.has('everyone') && /@(everyone|here)\b/.test(content),
  };
}
