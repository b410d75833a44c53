/** Report contracts: the versioned files the actions, the CLI and the app exchange. Import from here. */
export * from './envelope.js';
export * from './validation.js';
export * from './profile.js';
export * from './drift.js';
export * from './drift-event.js';
export * from './evaluation.js';
export * from './gate.js';
export * from './training.js';
export * from './bundle.js';
export * from './registry.js';
export * from './create-report.js';
export * from './read-report.js';
export * from './write-report.js';
