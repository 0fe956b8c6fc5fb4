/** The shared kernel: errors, the actor, ports, the store and action ids, which every feature needs. */
export * from './action-ids.js';
export * from './actor.js';
export * from './error-fields.js';
export * from './errors.js';
export * from './guild-settings.js';
export * from './ports.js';
export * from './store.js';
