/**
 * Where the project lives. Rules (`meta.docs.url`), the SARIF reporter (`helpUri`) and the GitHub
 * Action all link here; kept apart from `create-rule` so the scanner's reporters need nothing of
 * the rule machinery (eslint.config.js holds that boundary).
 */
export const REPOSITORY_URL = 'https://github.com/gemini-guard/eslint-plugin-gemini-guard';

/** The repository path of a rule's documentation, `docs/rules/<id>.md`. */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
