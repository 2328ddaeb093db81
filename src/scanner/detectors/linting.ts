import { createRequire } from 'node:module';
import type * as EslintModule from 'eslint';
import type { Linter } from 'eslint';
import type { TSESLint } from '@typescript-eslint/utils';
import { registerFileSettings } from '../../analysis/cross-file/index.js';

/**
 * What the scanner's passes over JS/TS share: one ESLint `Linter`, the parser choice, and rules
 * that collect facts from the same parse (the scanner's cross-file uses, the role report).
 */

const require = createRequire(import.meta.url);

let linter: Linter | undefined;
/**
 * ESLint's `Linter`, loaded on the first file that needs linting: a scan that finds no
 * Gemini-related code (most pre-commit runs) never pays for it.
 */
export function sharedLinter(): Linter {
  linter ??= new (loadEslint().Linter)({ configType: 'flat' });
  return linter;
}

/**
 * ESLint's `Linter` alone: `eslint/universal` (ESLint 9.11 and later) leaves out the `ESLint` class
 * with its file enumeration and caches, a third of what `eslint` loads; older 9.x have only `eslint`.
 */
function loadEslint(): Pick<typeof EslintModule, 'Linter'> {
  try {
    return require('eslint/universal') as Pick<typeof EslintModule, 'Linter'>;
  } catch {
    return require('eslint') as typeof EslintModule;
  }
}

// @typescript-eslint/parser brings the whole TypeScript compiler: load it only for TypeScript.
let tsParser: Linter.Parser | undefined;
function typescriptParser(): Linter.Parser {
  tsParser ??= require('@typescript-eslint/parser') as Linter.Parser;
  return tsParser;
}

/** The `files` globs of the scanner's configs: every JS/TS name {@link lintableName} gives. */
export const LINTED_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** Linter matches `files` globs against the name; a neutral name keeps every file matched. */
export function lintableName(file: string): string {
  return /\.[cm]?[jt]sx?$/i.test(file) ? file : `${file}.js`;
}

/** TypeScript by its name (then parsed as TypeScript only). */
export function isTypeScriptName(name: string): boolean {
  return /\.(ts|mts|cts|tsx)$/i.test(name);
}

/**
 * JavaScript goes through ESLint's own parser (espree: several times faster than a TypeScript
 * parse), TypeScript through @typescript-eslint/parser; `typescript` forces the latter (the
 * retry for JavaScript espree cannot read).
 */
export function languageOptionsFor(name: string, typescript: boolean): Linter.LanguageOptions {
  return isTypeScriptName(name) || typescript
    ? { parser: typescriptParser(), ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: !/\.(ts|mts|cts)$/i.test(name) } } }
    : { ecmaVersion: 'latest', sourceType: /\.cjs$/i.test(name) ? 'commonjs' : 'module', parserOptions: { ecmaFeatures: { jsx: true } } };
}

/** A one-rule plugin whose rule computes `collect` on the parsed file (with the scanner's settings) at `Program:exit`. */
export interface FactCollector<T> {
  plugin: NonNullable<Linter.Config['plugins']>[string];
  /** Clears the last result: call before each `verify`. */
  reset(): void;
  /** What the rule collected in the last `verify`; `undefined` if it did not run or failed. */
  result(): T | undefined;
  /** The normalised language options ESLint gave the rule in the last `verify` (`context.languageOptions`). */
  languageOptions(): unknown;
}

export function factCollector<T>(collect: (sourceCode: Readonly<TSESLint.SourceCode>) => T): FactCollector<T> {
  let collected: T | undefined;
  let languageOptions: unknown;
  const plugin = {
    rules: {
      collect: {
        // no options: `false` spares ESLint compiling a schema (ajv) in every thread that lints
        meta: { type: 'problem' as const, schema: false as const },
        create(context: { sourceCode: unknown; settings: Record<string, unknown>; languageOptions?: unknown }) {
          languageOptions = context.languageOptions;
          return {
            'Program:exit'() {
              try {
                const sourceCode = context.sourceCode as Readonly<TSESLint.SourceCode>;
                registerFileSettings(sourceCode, context.settings['gemini-guard']);
                collected = collect(sourceCode);
              } catch {
                // an odd file costs its facts, never the scan
                collected = undefined;
              }
            },
          };
        },
      },
    },
  };
  return {
    plugin: plugin as unknown as NonNullable<Linter.Config['plugins']>[string],
    reset: () => {
      collected = undefined;
      languageOptions = undefined;
    },
    result: () => collected,
    languageOptions: () => languageOptions,
  };
}
