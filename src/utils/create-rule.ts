import { ESLintUtils } from '@typescript-eslint/utils';

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

/** The one rule factory: sets `meta.docs.url` to `docs/rules/<id>.md`. */
export const createRule = ESLintUtils.RuleCreator<GeminiGuardRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);

/** Any rule built by {@link createRule}, whatever its options and message ids. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rule option tuples differ per rule
export type GeminiGuardRule = ESLintUtils.RuleModule<string, any[], GeminiGuardRuleDocs>;
