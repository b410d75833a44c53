/** The lifecycle timeline page (demo-out/timeline.html): pure rendering from the demo's outputs. */
export * from './escape-html.js';
export * from './lifecycle.js';
export * from './render-markdown.js';
export * from './svg-charts.js';
export * from './render-timeline.js';
