/** The cases feature: what other features and the adapters may use. */
export * from './case-queue.js';
export * from './case-service.js';
export * from './model.js';
export * from './repository.js';
