/** The attendance feature: what other features and the adapters may use. */
export * from './attendance-service.js';
export * from './certificate.js';
export * from './corrections.js';
export * from './export.js';
export * from './hours.js';
export * from './model.js';
export * from './range.js';
export * from './repository.js';
export * from './standing.js';
