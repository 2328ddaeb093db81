import type { TSESLint } from '@typescript-eslint/utils';
import type { GeminiGuardRule } from '../utils/create-rule.js';
import { geminiGuardParser } from './parser.js';

/** Names of the shipped configs. */
export type ConfigName = 'recommended' | 'strict' | 'all';

type RuleLevels = Record<string, 'error' | 'warn'>;

/**
 * Derives the rule levels of each config from the rules' `meta.docs`:
 * - `recommended`: every rule whose `docs.recommended` is set, at that level;
 * - `strict`: the same rules, all as `error`;
 * - `all`: every rule as `error`.
 */
export function deriveConfigRules(
  namespace: string,
  rules: Record<string, GeminiGuardRule>,
): Record<ConfigName, RuleLevels> {
  const recommended: RuleLevels = {};
  const strict: RuleLevels = {};
  const all: RuleLevels = {};
  for (const [id, rule] of Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))) {
    const name = `${namespace}/${id}`;
    const level = rule.meta.docs?.recommended;
    if (level) {
      recommended[name] = level;
      strict[name] = 'error';
    }
    all[name] = 'error';
  }
  return { recommended, strict, all };
}

/**
 * The files every shipped config covers: JavaScript and TypeScript in all their module flavours.
 * ESLint lints only `.js`, `.mjs` and `.cjs` unless some config names other extensions, so without
 * this a TypeScript project would be skipped silently.
 */
export const CONFIG_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/**
 * Builds flat configs (one object each, so `[geminiGuard.configs.recommended]` works as it is) that
 * register the plugin under its namespace, cover {@link CONFIG_FILES} and parse TypeScript with
 * `@typescript-eslint/parser` (see {@link geminiGuardParser} for how a project's own typescript-eslint
 * setup, typed linting included, keeps working).
 */
export function buildFlatConfigs(
  namespace: string,
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, GeminiGuardRule>,
): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const levels = deriveConfigRules(namespace, rules);
  const make = (name: ConfigName): TSESLint.FlatConfig.Config => ({
    name: `${namespace}/${name}`,
    files: CONFIG_FILES,
    languageOptions: { parser: geminiGuardParser as unknown as TSESLint.FlatConfig.Parser },
    plugins: { [namespace]: plugin },
    rules: levels[name],
  });
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}
