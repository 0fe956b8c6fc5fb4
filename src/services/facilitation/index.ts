/** The facilitation feature: what other features and the adapters may use. */
export * from './duty-swap-service.js';
export * from './facilitation-service.js';
export * from './model.js';
export * from './repository.js';
export * from './rotation.js';
