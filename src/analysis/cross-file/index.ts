/**
 * What a file learns from the other files of a project. ESLint lints one file at a time; the
 * scanner's cross-file phase (`src/scanner/cross-file.ts`) reads the imports and exports of the
 * whole project and hands each file its facts as `settings['gemini-guard']`:
 * - `settings.ts`: the shape of those facts and the per-file registry the rules read them from
 *   (`createRule` registers them before a rule runs);
 * - `exports.ts`: this file's exported values and the Gemini roles other files give them (a
 *   helper whose return value another file sends as `X-GEMINI-SIGNATURE`);
 * - `import-uses.ts`: which imported bindings reach Gemini roles here (what the scanner reports
 *   back to the exporting file).
 *
 * Rules, utils and the scanner import this index; files inside `src/analysis/` import the one file
 * they need, so the analysis modules do not load each other in a cycle through the index.
 */
export * from './exports.js';
export * from './import-uses.js';
export * from './settings.js';
