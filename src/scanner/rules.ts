import { RULE_CATALOG } from '../rules/catalog.js';
import { loadPlugin } from './lazy.js';
import type { RuleSetting, Severity } from './types.js';

/** One rule that exists only in the scanner: it looks at files, paths or history, not at code. */
export interface ScannerRule {
  /** The full rule id, as findings, configs and baselines spell it. */
  id: `gemini-guard/${string}`;
  /** One sentence: the SARIF `shortDescription` and the docs' summary. */
  description: string;
  /** The documentation page (repository-relative, with an anchor). */
  docs: string;
  /** The level when the config does not set one. */
  defaultLevel: 'error' | 'warn';
  /**
   * Whether SARIF lists the rule in every run (`always`) or only in runs that report it (the
   * history rule: a plain scan's rule list stays the same whatever the flags).
   */
  describedIn: 'every-run' | 'runs-that-report-it';
  /** SARIF `properties.tags` besides the common ones. */
  tags: readonly string[];
}

/**
 * The scanner-only rules, one entry each: ids, docs, default levels and SARIF descriptors are all
 * derived from here. Code that reports one of them uses `SCANNER_RULES.<name>.id`, never a literal.
 */
export const SCANNER_RULES = {
  trackedSecretFile: {
    id: 'gemini-guard/tracked-secret-file',
    description: 'Disallow `.env` files holding Gemini exchange credentials that git does not ignore.',
    docs: 'docs/scanner.md#tracked-secret-file',
    defaultLevel: 'error',
    describedIn: 'every-run',
    tags: ['secrets'],
  },
  secretInHistory: {
    id: 'gemini-guard/secret-in-history',
    description: 'Disallow Gemini exchange API keys and secrets in git history (they must be rotated even after removal).',
    docs: 'docs/ci.md#secret-in-history',
    defaultLevel: 'error',
    describedIn: 'runs-that-report-it',
    tags: ['secrets'],
  },
  unusedIgnore: {
    id: 'gemini-guard/unused-ignore',
    description: 'Report `gemini-guard-ignore-next-line` and `eslint-disable` comments for gemini-guard rules that suppress nothing (with `--report-unused-ignores`).',
    docs: 'docs/scanner.md#unused-ignore',
    defaultLevel: 'warn',
    describedIn: 'every-run',
    tags: ['maintainability'],
  },
} as const satisfies Record<string, ScannerRule>;

const scannerRuleList: readonly ScannerRule[] = Object.values(SCANNER_RULES);

/** The scanner-only rule with this full id, if any. */
export function scannerRule(id: string): ScannerRule | undefined {
  return scannerRuleList.find((r) => r.id === id);
}

/** The rule id of `scan --history` findings: a Gemini key or secret in a past commit. */
export const HISTORY_RULE_ID = SCANNER_RULES.secretInHistory.id;

/** A rule the scanner can report, as reporters describe it. */
export interface RuleDescription {
  id: string;
  description: string;
  docs: string;
  tags: readonly string[];
  /** Only listed by reports that contain a finding of it. */
  onlyWhenReported: boolean;
}

/** Every rule id the scanner can report (plugin rules and scanner-only rules), sorted by id. */
export function allRuleDescriptions(): RuleDescription[] {
  const pluginRules = Object.entries(loadPlugin().rules).map(([name, rule]) => ({
    id: `gemini-guard/${name}`,
    description: rule.meta.docs?.description ?? name,
    docs: `docs/rules/${name}.md`,
    tags: [] as readonly string[],
    onlyWhenReported: false,
  }));
  const scannerRules = scannerRuleList.map((r) => ({ id: r.id, description: r.description, docs: r.docs, tags: r.tags, onlyWhenReported: r.describedIn === 'runs-that-report-it' }));
  return [...pluginRules, ...scannerRules].sort((a, b) => a.id.localeCompare(b.id));
}

/** Whether `name` (without the `gemini-guard/` prefix) is one of the plugin's own rules; `toString` is not. */
export function isPluginRule(name: string): boolean {
  return Object.hasOwn(RULE_CATALOG, name);
}

/** Every full rule id a config may name. */
export function knownRuleIds(): string[] {
  return [...Object.keys(RULE_CATALOG).map((n) => `gemini-guard/${n}`), ...scannerRuleList.map((r) => r.id)].sort();
}

/** The full id of a rule name written with or without the `gemini-guard/` prefix. */
export function fullRuleId(name: string): string {
  return name.startsWith('gemini-guard/') ? name : `gemini-guard/${name}`;
}

/** The effective rule settings: `recommended`, the scanner's own rules at their default levels, then overrides. */
export function effectiveRules(overrides: Record<string, RuleSetting> = {}): Record<string, RuleSetting> {
  const base = Object.create(null) as Record<string, RuleSetting>;
  for (const [name, { recommended }] of Object.entries(RULE_CATALOG)) if (recommended) base[`gemini-guard/${name}`] = recommended;
  for (const rule of scannerRuleList) base[rule.id] = rule.defaultLevel;
  for (const [id, setting] of Object.entries(overrides)) base[fullRuleId(id)] = setting;
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
    if (isPluginRule(id.replace(/^gemini-guard\//, ''))) out[id] = setting;
  }
  return out;
}
