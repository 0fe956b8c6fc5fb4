/** The reminders feature: what other features and the adapters may use. */
export * from './model.js';
export * from './reminder-messages.js';
export * from './reminder-service.js';
export * from './repository.js';
