/** The meetings feature: what other features and the adapters may use. */
export * from './meeting-events-service.js';
export * from './meeting-plan.js';
export * from './meeting-service.js';
export * from './model.js';
export * from './repository.js';
export * from './schedule-service.js';
export * from './time.js';
export * from './time-zone-search.js';
