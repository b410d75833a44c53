/** The model registry's pure core: tags, specs, champions, rollbacks, registration plans, lineage, cards, dashboard. */
export * from './types.js';
export * from './version-tag.js';
export * from './version-spec.js';
export * from './release-marker.js';
export * from './champion.js';
export * from './resolve-version.js';
export * from './registration-plan.js';
export * from './asset-names.js';
export * from './lineage.js';
export * from './model-card.js';
export * from './deployment-payload.js';
export * from './dashboard-view.js';
export * from './release-notes.js';
