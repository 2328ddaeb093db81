import type { TSESLint } from '@typescript-eslint/utils';
import type { GeminiGuardRule } from '../utils/create-rule.js';

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

/** Builds flat configs (one object each) that register the plugin under its namespace. */
export function buildFlatConfigs(
  namespace: string,
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, GeminiGuardRule>,
): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const levels = deriveConfigRules(namespace, rules);
  const make = (name: ConfigName): TSESLint.FlatConfig.Config => ({
    name: `${namespace}/${name}`,
    plugins: { [namespace]: plugin },
    rules: levels[name],
  });
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}
