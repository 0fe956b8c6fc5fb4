/**
 * The deidentify feature: the check of case labels and questions. Only the check itself is public;
 * its detectors and word rules are internals of this folder.
 */
export * from './check.js';
