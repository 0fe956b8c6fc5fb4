/** The channels feature: what other features and the adapters may use. */
export * from './channel-alerts.js';
export * from './channel-guard-service.js';
export * from './circle-repair-service.js';
export * from './repair-limiter.js';
export * from './roster-check-service.js';
