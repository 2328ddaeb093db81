/**
 * Where the project and its documentation live. Rules (through `createRule`) and the scanner's
 * reporters both link to the docs; this module is the one place that knows the address, and it
 * imports nothing, so any layer may use it.
 */

/** The repository; eslint-doc-generator, `meta.docs.url` and SARIF `helpUri`s point here. */
export const REPOSITORY_URL = 'https://github.com/gemini-guard/eslint-plugin-gemini-guard';

/** The URL of a documentation file of the repository (`docs/rules/valid-nonce.md`, `docs/scanner.md#…`). */
export function docsUrl(path: string): string {
  return `${REPOSITORY_URL}/blob/main/${path}`;
}

/** The URL of a plugin rule's documentation page. */
export function ruleDocsUrl(ruleName: string): string {
  return docsUrl(`docs/rules/${ruleName}.md`);
}
