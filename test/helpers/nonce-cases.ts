// Builders shared by the valid-nonce rule tests: a Gemini sender appended after the code under test
// (so line numbers start at 1), and the signer suggestion's expected output.

/** A Gemini sender: any object it gets is a payload sent in `X-GEMINI-PAYLOAD` to api.gemini.com. */
export const SEND = [
  'function send(payload) {',
  '  const encoded = btoa(JSON.stringify(payload));',
  "  return fetch('https://api.gemini.com' + payload.request, { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': encoded } });",
  '}',
].join('\n');

/** The lines under test followed by {@link SEND}. */
export const code = (...lines: string[]): string => [...lines, SEND].join('\n');

export const IMPORT_INCREMENTAL = "import { createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';\nconst geminiNonce = createIncrementalNonce();";
export const IMPORT_TIME_BASED = "import { createTimeBasedNonce } from 'eslint-plugin-gemini-guard/signer';\nconst geminiNonce = createTimeBasedNonce();";

/** The suggestion output for a file without imports: the signer lines go on top. */
export const withSigner = (header: string, ...lines: string[]): string => `${header}\n${code(...lines)}`;

export const suggestIncremental = (output: string) => [{ messageId: 'useSignerNonce' as const, data: { name: 'geminiNonce', factory: 'createIncrementalNonce' }, output }];
export const suggestTimeBased = (output: string) => [{ messageId: 'useSignerNonce' as const, data: { name: 'geminiNonce', factory: 'createTimeBasedNonce' }, output }];

/**
 * The signer suggestion for `lines` (a file without imports) whose nonce `nonce: <expr>` (the first
 * one, or the one on the 1-based line `onLine`) is replaced by `nonce: geminiNonce.next()`.
 */
export function suggestSigner(lines: readonly string[], nonceProperty: string, mode: 'incremental' | 'time-based' = 'incremental', onLine?: number) {
  let done = false;
  const replaced = lines.map((line, i) => {
    if (done || !line.includes(nonceProperty) || (onLine !== undefined && i !== onLine - 1)) return line;
    done = true;
    return line.replace(nonceProperty, 'nonce: geminiNonce.next()');
  });
  if (!done) throw new Error(`no ${nonceProperty} in the lines`);
  return mode === 'incremental' ? suggestIncremental(withSigner(IMPORT_INCREMENTAL, ...replaced)) : suggestTimeBased(withSigner(IMPORT_TIME_BASED, ...replaced));
}
