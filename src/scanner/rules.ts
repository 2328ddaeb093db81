import plugin from '../index.js';
import type { RuleSetting, Severity } from './types.js';

/** Rules that exist only in the scanner (they look at files, not at code). */
export const SCANNER_RULES = {
  'gemini-guard/tracked-secret-file': {
    description: 'Disallow `.env` files holding Gemini exchange credentials that git does not ignore.',
    docs: 'docs/scanner.md#tracked-secret-file',
  },
} as const;

/** The rule id of `scan --history` findings: a Gemini key or secret in a past commit. */
export const HISTORY_RULE_ID = 'gemini-guard/secret-in-history';

/**
 * Rules only `scan --history` reports. They are described in SARIF output only by runs that
 * report them, so a plain scan's rule list does not change.
 */
export const HISTORY_RULES = {
  [HISTORY_RULE_ID]: {
    description: 'Disallow Gemini exchange API keys and secrets in git history (they must be rotated even after removal).',
    docs: 'docs/ci.md#secret-in-history',
  },
} as const;

/** Every rule id the scanner can report, with its description and documentation path. */
export function allRuleDescriptions(): { id: string; description: string; docs: string }[] {
  const pluginRules = Object.entries(plugin.rules).map(([id, rule]) => ({
    id: `gemini-guard/${id}`,
    description: rule.meta.docs?.description ?? id,
    docs: `docs/rules/${id}.md`,
  }));
  const scannerRules = Object.entries(SCANNER_RULES).map(([id, r]) => ({ id, description: r.description, docs: r.docs }));
  return [...pluginRules, ...scannerRules].sort((a, b) => a.id.localeCompare(b.id));
}

/** The effective rule settings: `recommended`, the scanner's own rules as errors, then overrides. */
export function effectiveRules(overrides: Record<string, RuleSetting> = {}): Record<string, RuleSetting> {
  const base: Record<string, RuleSetting> = { ...(plugin.configs.recommended.rules as Record<string, RuleSetting>) };
  for (const id of Object.keys(SCANNER_RULES)) base[id] = 'error';
  for (const [id, setting] of Object.entries(overrides)) {
    base[id.startsWith('gemini-guard/') ? id : `gemini-guard/${id}`] = setting;
  }
  return base;
}

/** A rule's level from its setting (`off` means not reported). */
export function levelOf(setting: RuleSetting | undefined): 'off' | Severity {
  const level = Array.isArray(setting) ? setting[0] : setting;
  if (level === 'error' || (level as unknown) === 2) return 'error';
  if (level === 'warn' || (level as unknown) === 1) return 'warning';
  return 'off';
}

/** The subset of settings that are plugin rules (what ESLint's Linter gets). */
export function pluginRuleSettings(rules: Record<string, RuleSetting>): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(rules)) {
    const short = id.replace(/^gemini-guard\//, '');
    if (short in plugin.rules) out[id] = setting;
  }
  return out;
}
