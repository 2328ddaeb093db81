/**
 * Up-front validation of the `rules` of the scanner's configuration: every id known (plugin rules
 * and scanner-only rules; prototype names such as `toString` are not ids), every level one of
 * ESLint's, every option valid against the rule's own JSON schema — checked by ESLint itself, as
 * `eslint` would. A mistake is a {@link ConfigError} (exit 2) naming the key and what is allowed,
 * never a rule silently off or a file "skipped" for a config problem.
 */
import { redactSecretsInText } from '../gemini/credentials.js';
import { loadEslintRules, loadPlugin } from './lazy.js';
import { fullRuleId, isPluginRule, knownRuleIds, scannerRule } from './rules.js';
import type { RuleSetting } from './types.js';

/** A problem with the configuration: exit code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LEVELS: readonly unknown[] = ['off', 'warn', 'error', 0, 1, 2];
const LEVEL_TEXT = '"off", "warn", "error", 0, 1 or 2';

/** A short description of a JSON schema, for error messages: `{ nonce: "incremental" | "time-based" }`. */
export function describeSchema(schema: unknown, depth = 0): string {
  if (!schema || typeof schema !== 'object' || depth > 4) return 'any';
  const s = schema as { type?: unknown; enum?: unknown[]; items?: unknown; properties?: Record<string, unknown>; anyOf?: unknown[]; oneOf?: unknown[] };
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alternatives = s.anyOf ?? s.oneOf;
  if (Array.isArray(alternatives)) return alternatives.map((a) => describeSchema(a, depth + 1)).join(' | ');
  if (s.type === 'array') return `${describeSchema(s.items, depth + 1)}[]`;
  if (s.type === 'object' || s.properties) {
    const entries = Object.entries(s.properties ?? {}).map(([k, v]) => `${k}: ${describeSchema(v, depth + 1)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return Array.isArray(s.type) ? s.type.join(' | ') : typeof s.type === 'string' ? s.type : 'any';
}

/** What options a plugin rule takes, from its schema. */
function optionsText(name: string): string {
  const schema = (loadPlugin().rules as Record<string, { meta: { schema?: unknown } }>)[name]?.meta.schema;
  const list = Array.isArray(schema) ? schema : schema ? [schema] : [];
  return list.length === 0 ? 'it takes no options' : `its options: ${list.map((s) => describeSchema(s)).join(', ')}`;
}

/**
 * Checks the `rules` of a configuration and returns them keyed by full id. `where` names the file
 * (`gemini-guard.config.json`, `package.json#gemini-guard`) in messages.
 */
export function validateRules(rules: Record<string, unknown>, where: string): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  const toCheck: [string, string, unknown][] = [];
  for (const [key, setting] of Object.entries(rules)) {
    const shown = JSON.stringify(redactSecretsInText(key).slice(0, 80));
    const id = fullRuleId(key);
    const name = id.slice('gemini-guard/'.length);
    if (!isPluginRule(name) && !scannerRule(id)) {
      throw new ConfigError(`${where}: rules[${shown}]: unknown rule (known rules: ${knownRuleIds().map((r) => r.replace(/^gemini-guard\//, '')).join(', ')})`);
    }
    const level = Array.isArray(setting) ? setting[0] : setting;
    if (!LEVELS.includes(level)) {
      const got = typeof level === 'string' ? JSON.stringify(redactSecretsInText(level).slice(0, 40)) : Array.isArray(setting) && setting.length === 0 ? 'an empty array' : typeof level;
      throw new ConfigError(`${where}: rules[${shown}]: severity ${got} is not one of ${LEVEL_TEXT} (write "${name}": "error" or ["error", { …options }])`);
    }
    if (scannerRule(id)) {
      if (Array.isArray(setting) && setting.length > 1) throw new ConfigError(`${where}: rules[${shown}]: this scanner rule takes no options (use a severity: ${LEVEL_TEXT})`);
    } else {
      toCheck.push([id, shown, setting]);
    }
    out[id] = setting as RuleSetting;
  }
  // Options against each rule's schema, by ESLint's own validation (what `eslint` would say).
  for (const [id, shown, setting] of toCheck) {
    if (!Array.isArray(setting) || setting.length < 2) continue;
    try {
      loadEslintRules().sharedLinter().verify('', [{ files: ['**/*.js'], plugins: { 'gemini-guard': loadPlugin() as never }, rules: { [id]: setting as never } }], { filename: 'gemini-guard-config-check.js' });
    } catch (error) {
      const detail = redactSecretsInText((error as Error).message.replace(/\s+/g, ' ').trim()).slice(0, 300);
      throw new ConfigError(`${where}: rules[${shown}]: Configuration for rule "${id}" is invalid: ${detail} (${optionsText(id.slice('gemini-guard/'.length))})`);
    }
  }
  return out;
}
