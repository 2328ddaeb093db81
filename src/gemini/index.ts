/**
 * Gemini exchange protocol knowledge, as data and small pure functions: hosts, paths, the endpoint
 * catalog with roles, credential shapes, authentication headers and client packages. Every rule,
 * the scanner and the signer take their facts from here.
 */
export * from './credentials.js';
export * from './endpoints.js';
export * from './headers.js';
export * from './hosts.js';
export * from './packages.js';
export * from './paths.js';
export * from './template-matcher.js';
