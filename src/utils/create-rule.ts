import { ESLintUtils } from '@typescript-eslint/utils';
import { registerFileSettings } from '../analysis/settings.js';

/** Where the rule docs live; eslint-doc-generator and `meta.docs.url` both point here. */
export const REPOSITORY_URL = 'https://github.com/gemini-guard/eslint-plugin-gemini-guard';

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

const baseCreateRule = ESLintUtils.RuleCreator<GeminiGuardRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);

/**
 * The one rule factory: sets `meta.docs.url` to `docs/rules/<id>.md`, and hands the scanner's
 * cross-file facts (`settings['gemini-guard']`) to the shared analysis layer before the rule runs.
 */
export const createRule: typeof baseCreateRule = (definition) => {
  const rule = baseCreateRule(definition);
  const create = rule.create;
  return {
    ...rule,
    create(context) {
      registerFileSettings(context.sourceCode, context.settings['gemini-guard']);
      return create(context);
    },
  };
};

/** Any rule built by {@link createRule}, whatever its options and message ids. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rule option tuples differ per rule
export type GeminiGuardRule = ESLintUtils.RuleModule<string, any[], GeminiGuardRuleDocs>;
