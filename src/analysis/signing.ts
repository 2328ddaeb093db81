// Kept for modules that still import the signing analysis from its former path; new code imports
// './signing/index.js'.
export * from './signing/index.js';
