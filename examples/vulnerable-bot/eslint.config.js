// How a project uses the plugin: the recommended config covers .js/.jsx/.ts/.tsx (and .mjs, .cjs,
// .mts, .cts) and parses TypeScript itself. `eslint-plugin-gemini-guard` resolves to this
// repository's built package (dist/, through the package's own "exports"), exactly as it would
// from node_modules after `npm install --save-dev eslint-plugin-gemini-guard`. Run `npm run demo`
// from the repository root.
import geminiGuard from 'eslint-plugin-gemini-guard';

export default [
  geminiGuard.configs.recommended,
  {
    // a single-page app without 'use client' directives would list its browser code here
    rules: { 'gemini-guard/no-client-side-credentials': ['error', { clientFiles: ['src/web/**'] }] },
  },
];
