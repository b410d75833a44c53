/** Drift incidents and continuous training: pure decisions over issues, windows, cooldowns and dependencies. */
export * from './incident-names.js';
export * from './incident-state.js';
export * from './incident-decision.js';
export * from './incident-view.js';
export * from './retrain-decision.js';
export * from './dependents.js';
