/** The audit feature: what other features and the adapters may use. */
export * from './audit.js';
export * from './model.js';
export * from './repository.js';
