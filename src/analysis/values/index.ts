/**
 * The value evaluator: "what does this expression hold", answered in one place. `values.ts` follows
 * bindings, object literals and class fields to the defining expression and renders strings with
 * holes; the files beside it are its helpers (scope bindings and module references, per-call-site
 * symbolic strings, called functions, reaching writes, string alternatives, ES5 prototype classes,
 * URL joining).
 */
export * from './values.js';
export * from './bindings.js';
export * from './symbolic.js';
export * from './functions.js';
export * from './reaching-write.js';
export * from './string-variants.js';
export * from './prototype-classes.js';
export * from './url-join.js';
export * from './typed-imports.js';
