export * from './types.js';
export { loadPolicy, policyNames, repoPolicyDir, type LoadedPolicy, type PolicyLoadOptions } from './load-policy.js';
export { mergePolicies, mergePolicyLayers } from './merge.js';
export { resolvePolicy, stageRule, policyDefaults } from './resolve-policy.js';
export { policySchema, policyValidator, shippedPolicyDir } from './schema.js';
