/** The deidentify feature: what other features and the adapters may use. */
export * from './address.js';
export * from './ages.js';
export * from './allow.js';
export * from './check.js';
export * from './contact.js';
export * from './dates.js';
export * from './detector.js';
export * from './ids.js';
export * from './lexicon.js';
export * from './name-data.js';
export * from './names.js';
export * from './online.js';
export * from './places.js';
export * from './proper.js';
export * from './tokens.js';
