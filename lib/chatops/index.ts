/** ChatOps decisions: the `/mlops` grammar, help and typo suggestions, the permission ladder, and safety checks. */
export * from './commands.js';
export * from './tokenize.js';
export * from './suggest.js';
export * from './parse-command.js';
export * from './permissions.js';
export * from './safety.js';
export * from './help-text.js';
