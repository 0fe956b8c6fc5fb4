import { isObject, type Json, type JsonObject, text } from '../../state/json.js';
import { errors } from '../errors.js';

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** A command's data without the fields Discord adds (`id`, `application_id`, `version`, `guild_id`). */
export function stripIds(data: JsonObject): JsonObject {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (!['id', 'application_id', 'version', 'guild_id'].includes(key)) rest[key] = value;
  }
  return rest;
}

/** Validates a command body like Discord (names, descriptions, option nesting) and fills defaults. */
export function normalizeCommand(body: Json, field: string): JsonObject {
  const at = (key: string) => (field ? `${field}.${key}` : key);
  if (!isObject(body))
    throw errors.invalidForm(
      field || '_errors',
      'MODEL_TYPE_CONVERT',
      'Only dictionaries may be used in a ModelType',
    );
  const type = typeof body['type'] === 'number' ? body['type'] : 1;
  const name = body['name'];
  if (typeof name !== 'string' || (type === 1 && (!NAME.test(name) || name !== name.toLowerCase()))) {
    throw errors.invalidForm(at('name'), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  const description = typeof body['description'] === 'string' ? body['description'] : '';
  if (type === 1 && (description.length < 1 || description.length > 100)) {
    throw errors.invalidForm(
      at('description'),
      'BASE_TYPE_BAD_LENGTH',
      'Must be between 1 and 100 in length.',
    );
  }
  const options = Array.isArray(body['options']) ? body['options'] : [];
  validateOptions(options, at('options'), 0);
  const dmp = body['default_member_permissions'];
  return {
    type,
    name,
    name_localizations: body['name_localizations'] ?? null,
    description,
    description_localizations: body['description_localizations'] ?? null,
    ...(options.length ? { options } : {}),
    default_member_permissions: dmp === undefined || dmp === null ? null : text(dmp),
    dm_permission: body['dm_permission'] ?? true,
    contexts: body['contexts'] ?? null,
    integration_types: body['integration_types'] ?? [0],
    nsfw: body['nsfw'] ?? false,
  };
}

function validateOptions(options: Json[], field: string, depth: number): void {
  if (options.length > 25)
    throw errors.invalidForm(field, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const seen = new Set<string>();
  options.forEach((option, i) => {
    const at = `${field}.${i}`;
    if (!isObject(option))
      throw errors.invalidForm(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    const name = option['name'];
    if (typeof name !== 'string' || !NAME.test(name) || name !== name.toLowerCase() || seen.has(name)) {
      throw errors.invalidForm(`${at}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    seen.add(name);
    const description = option['description'];
    if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
      throw errors.invalidForm(
        `${at}.description`,
        'BASE_TYPE_BAD_LENGTH',
        'Must be between 1 and 100 in length.',
      );
    }
    const type = option['type'];
    if (typeof type !== 'number' || type < 1 || type > 11)
      throw errors.invalidForm(`${at}.type`, 'BASE_TYPE_CHOICES', 'Value must be one of {1..11}.');
    if ((type === 1 || type === 2) && depth >= (type === 2 ? 1 : 2)) {
      throw errors.invalidForm(
        `${at}.type`,
        'APPLICATION_COMMAND_OPTION_NESTED_TOO_DEEP',
        'Sub-command nesting too deep',
      );
    }
    const nested = option['options'];
    if (Array.isArray(nested)) validateOptions(nested, `${at}.options`, depth + 1);
  });
}
