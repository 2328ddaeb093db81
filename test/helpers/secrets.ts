/**
 * Credentials for the fuzz and redaction suites, and the leak check they share.
 *
 * The values are random (drawn once with `crypto.randomInt`) and shaped like real ones, so the
 * rules and the scanner recognise them: API keys are `account-`/`master-` + 20 of [0-9A-Za-z],
 * secrets are 26–28 of [0-9A-Za-z] that pass `looksLikeGeminiSecret`. None of them was ever issued.
 */

/** The 20-character bodies of the test API keys; the `account-`/`master-` prefix is public. */
export const KEY_BODIES = [
  'vvDeKD5SyFOvL1NHGYbw',
  'Q8XLzwA3odvDoywV12B8',
  'egwopk6uJDKFbMOlPbja',
  '3ZFQriLFhv7A7Ax8By1Y',
  'mPkMfSqcGV3yu8c82Z0v',
  'gbqy8SX4pXkMHZXPIsXA',
] as const;

/** Test API keys, both kinds. */
export const API_KEYS: readonly string[] = KEY_BODIES.map((body, i) => `${i % 2 === 0 ? 'account' : 'master'}-${body}`);

/** Test API secrets (26, 27 and 28 characters). */
export const API_SECRETS = [
  'IQDeDYo0cNNPWKH0s5kV9if2wpwt',
  'LXku904jZHluUNICjoLRaR8qhHr',
  'dds9jMi1KuVd3J6VBRfL3KBKeO',
  'ZudGGeKmfJY4P4eDOdYnbqBIXG5d',
  'WiKDuJtNviHBth0ZvUzznrPYJE8',
  'GsfL62wxKRWTrMFNefq4Rr2Sbp',
] as const;

/** What must never be printed: every secret whole, and every key's body. */
export const SENSITIVE: readonly string[] = [...KEY_BODIES, ...API_SECRETS];

/** Longest piece of a secret an output may contain (the redacted forms show 2–4 characters). */
export const MAX_VISIBLE = 8;

/**
 * The first piece of a sensitive value longer than {@link MAX_VISIBLE} characters that occurs in
 * `output`, in any letter case (hosts and URLs get lower-cased on the way), or `undefined`. Every
 * longer substring contains a 9-character window, so checking the windows is enough.
 */
export function findLeak(output: string, sensitive: readonly string[] = SENSITIVE): string | undefined {
  const haystack = output.toLowerCase();
  for (const value of sensitive) {
    for (let i = 0; i + MAX_VISIBLE < value.length; i++) {
      const window = value.slice(i, i + MAX_VISIBLE + 1);
      if (haystack.includes(window.toLowerCase())) return window;
    }
  }
  return undefined;
}
