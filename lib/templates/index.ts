// Human-facing texts: Markdown escaping, the template registry with repository overrides, view models, size fitting.
export * from './markdown-escape.js';
export * from './format.js';
export * from './environment.js';
export * from './template-source.js';
export * from './registry.js';
export * from './fit-comment.js';
export type * from './view-models.js';
