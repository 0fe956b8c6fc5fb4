/** The drop-in feature: one-meeting places for people outside a circle. */
export * from './model.js';
export * from './repository.js';
export * from './drop-in-access.js';
export * from './drop-in-service.js';
