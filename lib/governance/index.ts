/** Governance: pure policy decisions over approvals, owners, roles, evidence and stage history. */
export * from './roles.js';
export * from './approvals.js';
export * from './codeowners.js';
export * from './owners.js';
export * from './version-bump.js';
export * from './model-pull-request.js';
export * from './registration-decision.js';
export * from './promotion-decision.js';
export * from './release-stage.js';
export * from './decision-text.js';
