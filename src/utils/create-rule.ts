import type { ESLintUtils, TSESLint } from '@typescript-eslint/utils';
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import { registerFileSettings } from '../analysis/cross-file/settings.js';
import { REPOSITORY_URL, ruleDocsUrl } from '../docs-url.js';
import { knownCredentialTexts } from '../analysis/exposure/credential-literals.js';
import { redactSecretsInText, type KnownCredentials } from '../gemini/credentials.js';
import { guarded, guardedFailures } from './guard.js';

/** Where the rule docs live (owned by `src/docs-url.ts`; re-exported for existing imports). */
export { REPOSITORY_URL };

/** Extra `meta.docs` fields every gemini-guard rule declares; configs are derived from them. */
export interface GeminiGuardRuleDocs {
  /** One sentence, shown in the README table. */
  description: string;
  /**
   * Severity in the `recommended` config, or `false` to leave the rule out of it.
   * `strict` turns every rule with a value here on as `error`; `all` turns every rule on.
   */
  recommended: 'error' | 'warn' | false;
  /** The rule needs type information (none of ours do; kept for eslint-doc-generator). */
  requiresTypeChecking?: boolean;
}

/**
 * Message data made safe: every key, secret-shaped run, and piece of a credential the file's
 * analysis knows ({@link knownCredentialTexts}: computed on the first message with data) is redacted.
 */
function redactData(data: Record<string, unknown> | undefined, known: () => KnownCredentials): Record<string, unknown> | undefined {
  if (!data) return data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key] = typeof value === 'string' ? redactSecretsInText(value, known()) : value;
  return out;
}

/**
 * The context a rule sees, with `report` passing every message's (and suggestion's) data through
 * {@link redactSecretsInText}: messages quote code — paths, nonce expressions, names — and a secret
 * may sit anywhere in it. One choke point, so no rule can print a secret by accident.
 */
function redactingContext<C extends { report(descriptor: never): void; sourceCode: unknown }>(context: C): C {
  const known = (): KnownCredentials => knownCredentialTexts(context.sourceCode as Parameters<typeof knownCredentialTexts>[0]);
  const report = (descriptor: { data?: Record<string, unknown>; suggest?: { data?: Record<string, unknown> }[] | null }): void => {
    const safe = { ...descriptor, data: redactData(descriptor.data, known) };
    if (descriptor.suggest) safe.suggest = descriptor.suggest.map((s) => ({ ...s, data: redactData(s.data, known) }));
    (context.report as (d: unknown) => void)(safe);
  };
  return Object.create(context, { report: { value: report, enumerable: true } }) as C;
}

export { forEachGuarded, guarded, guardedFailures } from './guard.js';

/** The rule's listeners, each behind the {@link guarded} guard (inlined: it runs on every visited node). */
function guardedListeners(listeners: TSESLint.RuleListener): TSESLint.RuleListener {
  const out: Record<string, (...args: never[]) => void> = {};
  for (const [selector, listener] of Object.entries(listeners) as [string, ((...args: never[]) => void) | undefined][]) {
    if (typeof listener !== 'function') continue;
    out[selector] = (...args) => {
      try {
        listener(...args);
      } catch {
        // this listener's findings are lost for this node; the lint run goes on
        guardedFailures.count++;
      }
    };
  }
  return out as TSESLint.RuleListener;
}

const baseCreateRule = RuleCreator<GeminiGuardRuleDocs>(ruleDocsUrl);

/**
 * The one rule factory: sets `meta.docs.url` to `docs/rules/<id>.md`, hands the scanner's
 * cross-file facts (`settings['gemini-guard']`) to the shared analysis layer before the rule runs,
 * redacts secrets in every message's data, and keeps every listener from throwing ({@link guarded}).
 */
export const createRule: typeof baseCreateRule = (definition) => {
  const rule = baseCreateRule(definition);
  const create = rule.create;
  return {
    ...rule,
    create(context) {
      registerFileSettings(context.sourceCode, context.settings['gemini-guard']);
      return guardedListeners(guarded(() => create(redactingContext(context)), {}));
    },
  };
};

/** Any rule built by {@link createRule}, whatever its options and message ids. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rule option tuples differ per rule
export type GeminiGuardRule = ESLintUtils.RuleModule<string, any[], GeminiGuardRuleDocs>;
