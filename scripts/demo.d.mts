// Types for scripts/demo.mjs, so TypeScript tests can import it.
import type { ESLint } from 'eslint';

/** The bundled example project. */
export declare const EXAMPLE_DIR: string;
/** The built plugin the example's config resolves `eslint-plugin-gemini-guard` to. */
export declare const BUILT_PLUGIN: string;

/** Any major version's `ESLint` class with the members the demo uses. */
export interface ESLintClass {
  new (options: { cwd: string; overrideConfigFile: string }): {
    lintFiles(patterns: string[]): Promise<ESLint.LintResult[]>;
    loadFormatter(name: string): Promise<{ format(results: ESLint.LintResult[]): string | Promise<string> }>;
  };
}

/** Lints the example with its own flat config; throws when the plugin was not built. */
export declare function lintExample(options?: { ESLint?: ESLintClass }): Promise<{
  eslint: InstanceType<ESLintClass>;
  results: ESLint.LintResult[];
}>;

/** Messages that mean a file could not be linted at all. */
export declare function fatalMessages(results: ESLint.LintResult[]): string[];
