/** The server feature: what other features and the adapters may use. */
export * from './server-settings-service.js';
export * from './readiness.js';
