import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PluginModule from '../index.js';
import type * as EslintRulesModule from './detectors/eslint-rules.js';

/**
 * The parts of the scanner that load the rules, the analysis layer and ESLint, loaded when first
 * needed. A scan that lints nothing (an empty folder, a pre-commit run without Gemini code) or
 * lints only in worker threads never loads them in the main thread: they are two thirds of the
 * CLI's start-up. (`require` of an ES module: Node 20.19 and later, as `engines` says.)
 */

const require = createRequire(import.meta.url);
// Found from the package's root, not from this file: this module is bundled into the CLI
// (dist/scanner/) and into the lint worker (dist/scanner/detectors/), see scripts/build-cli.mjs.
const packageRoot = (): string => dirname(require.resolve('eslint-plugin-gemini-guard/package.json'));

let provided: { plugin?: typeof PluginModule.default; eslintRules?: typeof EslintRulesModule } = {};

/**
 * Hands over the modules that `require` cannot load when the scanner runs from its TypeScript
 * sources (the unit tests: test/setup.ts). The built package never calls this.
 */
export function provideLazyModules(modules: typeof provided): void {
  provided = modules;
}

/** The plugin (rules, configs, metadata). */
export function loadPlugin(): typeof PluginModule.default {
  provided.plugin ??= (require('eslint-plugin-gemini-guard') as typeof PluginModule).default;
  return provided.plugin;
}

/** The scanner's lint pass: `lintWithRules`, the shared `Linter` (detectors/eslint-rules.ts). */
export function loadEslintRules(): typeof EslintRulesModule {
  provided.eslintRules ??= require(join(packageRoot(), 'dist', 'scanner', 'detectors', 'eslint-rules.js')) as typeof EslintRulesModule;
  return provided.eslintRules;
}
