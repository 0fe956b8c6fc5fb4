/** The open-calls feature: what other features and the adapters may use. */
export * from './card.js';
export * from './model.js';
export * from './open-call-service.js';
export * from './repository.js';
