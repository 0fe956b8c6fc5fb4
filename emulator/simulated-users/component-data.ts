import { isObject, type Json, type JsonObject, text } from '../state/json.js';
import type { MessageRecord } from '../state/records.js';
import { SimulationError } from './simulation-error.js';

/** Finds a component by custom id anywhere in a component tree (rows, sections, containers, labels). */
export function findComponent(components: Json, customId: string): JsonObject | undefined {
  if (Array.isArray(components)) {
    for (const c of components) {
      const found = findComponent(c, customId);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(components)) return undefined;
  if (components['custom_id'] === customId) return components;
  for (const key of ['components', 'component', 'accessory']) {
    const child = components[key];
    if (child !== undefined) {
      const found = findComponent(child, customId);
      if (found) return found;
    }
  }
  return undefined;
}

/** Builds MODAL_SUBMIT `data.components` mirroring the modal's layout, with the user's values. */
export function buildModalComponents(modal: JsonObject, values: Record<string, string | string[]>): Json[] {
  const title = text(modal['custom_id']);
  const used = new Set<string>();
  const field = (c: JsonObject): JsonObject => {
    const id = text(c['custom_id']);
    const value = values[id];
    used.add(id);
    const base: JsonObject = {
      type: c['type'] ?? 0,
      ...(c['id'] !== undefined ? { id: c['id'] } : {}),
      custom_id: id,
    };
    if (c['type'] === 4) {
      const text = Array.isArray(value)
        ? value.join(',')
        : (value ?? (typeof c['value'] === 'string' ? c['value'] : ''));
      if (c['required'] !== false && text === '')
        throw new SimulationError(`modal ${title}: required field "${id}" left empty`);
      if (typeof c['min_length'] === 'number' && text !== '' && text.length < c['min_length'])
        throw new SimulationError(`modal ${title}: "${id}" shorter than min_length`);
      if (typeof c['max_length'] === 'number' && text.length > c['max_length'])
        throw new SimulationError(`modal ${title}: "${id}" longer than max_length`);
      return { ...base, value: text };
    }
    return { ...base, values: value === undefined ? [] : Array.isArray(value) ? value : [value] };
  };
  const walk = (c: Json): Json => {
    if (!isObject(c)) return c;
    if (c['type'] === 1 && Array.isArray(c['components']))
      return {
        type: 1,
        ...(c['id'] !== undefined ? { id: c['id'] } : {}),
        components: c['components'].filter(isObject).map(field),
      };
    if (c['type'] === 18 && isObject(c['component']))
      return {
        type: 18,
        ...(c['id'] !== undefined ? { id: c['id'] } : {}),
        component: field(c['component']),
      };
    if (c['type'] === 10) return { type: 10, ...(c['id'] !== undefined ? { id: c['id'] } : {}) };
    return field(c);
  };
  const out = (Array.isArray(modal['components']) ? modal['components'] : []).map(walk);
  for (const key of Object.keys(values))
    if (!used.has(key)) throw new SimulationError(`modal ${title} has no field "${key}"`);
  return out;
}

/**
 * `data` of a MESSAGE_COMPONENT interaction for a button (`values` undefined) or select menu on `message`.
 * Throws {@link SimulationError} when the component is missing, disabled or of the wrong kind.
 */
export function componentData(
  message: MessageRecord,
  customId: string,
  values: string[] | undefined,
): JsonObject {
  const component = findComponent(message.components, customId);
  if (!component) throw new SimulationError(`message ${message.id} has no component "${customId}"`);
  if (component['disabled'] === true) throw new SimulationError(`component "${customId}" is disabled`);
  const type = Number(component['type']);
  if (values === undefined && type !== 2)
    throw new SimulationError(`component "${customId}" is not a button (type ${type})`);
  if (values !== undefined && type === 2)
    throw new SimulationError(`component "${customId}" is a button, not a select menu`);
  return { custom_id: customId, component_type: type, ...(values ? { values } : {}) };
}
