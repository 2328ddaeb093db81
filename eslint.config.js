// The repository lints itself: typescript-eslint's strict rules for our sources, and our own
// plugin (built) over the examples is exercised by `npm run demo`, not here.
//
// The import boundaries of docs/architecture.md are held here, one `no-restricted-imports` block
// per part of src/ (test/boundaries.test.ts breaks each one on purpose and expects lint to fail).
// Patterns are regexes over the import specifier as written; our imports are relative, so "leaves
// the folder" is a leading `../`.
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

/** A `no-restricted-imports` setting from `[regex, why]` pairs. */
function restrict(...pairs) {
  return ['error', { patterns: pairs.map(([regex, message]) => ({ regex, message })) }];
}

export const BOUNDARIES = [
  {
    // the protocol knowledge is data and pure functions: it depends on nothing of ours
    files: ['src/gemini/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        '^\\.\\./|^eslint-plugin-gemini-guard',
        'src/gemini/ imports nothing else of ours: every other part depends on it, never the reverse.',
      ]),
    },
  },
  {
    // the shared analysis answers questions for rules and scanner; it never asks them
    files: ['src/analysis/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        '^(?:\\.\\./)+(?:rules|scanner|configs|bin)(?:/|\\.js$)|^(?:\\.\\./)+index\\.js$|^(?:\\.\\./)+utils/create-rule',
        'src/analysis/ never imports rules, the scanner, configs or the plugin: rules and scanner build on it.',
      ]),
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        '^(?:\\.\\./)+(?:scanner|bin)(?:/|\\.js$)',
        'Rules never import the scanner: they must run alone in a user\'s ESLint; the scanner passes cross-file facts through settings.',
      ]),
    },
  },
  {
    // rule helpers sit under the rules: they serve them, never the other way round
    files: ['src/utils/**/*.ts', 'src/configs/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        '^(?:\\.\\./)+(?:rules|scanner|bin)(?:/|\\.js$)',
        'src/utils/ and src/configs/ never import rules or the scanner: rules import them, and configs read the rules through the registry passed in.',
      ]),
    },
  },
  {
    // the public `eslint-plugin-gemini-guard/signer` entry ships without the linter
    files: ['src/signer/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        '^(?!node:(?:crypto|util)$|\\./|\\.\\./gemini/)',
        'src/signer/ imports only node:crypto, node:util and src/gemini/: it is a public entry point that must not pull in ESLint or the analysis.',
      ]),
    },
  },
  {
    // scanner core: files in, findings out; formats and the command line sit on top of it
    files: ['src/scanner/**/*.ts'],
    ignores: ['src/scanner/cli.ts', 'src/scanner/reporters/**'],
    rules: {
      'no-restricted-imports': restrict([
        '(?:^|/)(?:reporters/|cli\\.js$)|^(?:\\.\\./)+bin/',
        'The scanner core never imports reporters or the CLI: it returns findings, and printing them is the caller\'s business.',
      ]),
    },
  },
  {
    files: ['src/scanner/reporters/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        '(?:^|/)utils/create-rule|(?:^|/)rules/|(?:^|/)cli\\.js$',
        'Reporters format findings: they never import the rule factory, rules or the CLI (take the repository URL from src/docs-url.ts).',
      ]),
    },
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**', 'examples/**', 'test/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // with noUncheckedIndexedAccess, `items[i]!` after a bounds check is the idiom, not a smell
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...BOUNDARIES,
  {
    // our rules as an ESLint plugin's rules: eslint-plugin-eslint-plugin reads createRule({ … })
    ...eslintPlugin.configs['rules-recommended'],
    files: ['src/rules/*.ts'],
    ignores: ['src/rules/index.ts'],
    rules: {
      ...eslintPlugin.configs['rules-recommended'].rules,
      // createRule (typescript-eslint's RuleCreator) takes the defaults as its top-level
      // `defaultOptions` and merges them into the options; a second copy in meta would drift
      'eslint-plugin/require-meta-default-options': 'off',
    },
  },
  {
    ...eslintPlugin.configs['tests-recommended'],
    files: ['test/rules/*.test.ts'],
  },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
