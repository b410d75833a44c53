/** The lock primitive's pure half: ref names, the TTL record in the commit message, and the expiry decision. */
export * from './lock-ref.js';
