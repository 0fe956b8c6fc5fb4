/** The membership feature: what other features and the adapters may use. */
export * from './agreements.js';
export * from './membership-service.js';
export * from './membership-steps.js';
export * from './messages.js';
export * from './model.js';
export * from './repository.js';
export * from './roster-service.js';
export * from './waitlist.js';
