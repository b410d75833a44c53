/** Flow metrics of the ML factory (cycle time, throughput, scrap, change failure, drift resolution, GPU cost): pure. */
export * from './types.js';
export * from './spread.js';
export * from './weekly-counts.js';
export * from './production-history.js';
export * from './candidate-outcome.js';
export * from './classify.js';
export * from './flow-metrics.js';
export * from './format-metrics.js';
