/** The privacy feature: what other features and the adapters may use. */
export * from './model.js';
export * from './repository.js';
export * from './privacy-service.js';
export * from './retention-service.js';
