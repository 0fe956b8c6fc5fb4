/** The circles feature: what other features and the adapters may use. */
export * from './circle-access.js';
export * from './circle-archive.js';
export * from './circle-directory-service.js';
export * from './circle-service.js';
export * from './circle-settings-service.js';
export * from './component-access.js';
export * from './model.js';
export * from './name-key.js';
export * from './repository.js';
export * from './validation.js';
