import type { TSESTree } from '@typescript-eslint/utils';

/**
 * What a nonce expression produces, as far as one file shows:
 * - `literal`: a constant (`123456`, `'1'`, a `const` holding one);
 * - `milliseconds`: Unix time in milliseconds or finer (`Date.now()`, `+new Date()`, `Date.now() * 1000`);
 * - `seconds`: Unix time in seconds (`Math.floor(Date.now() / 1000)`, `dayjs().unix()`, `Date.now() / 1000`);
 * - `scaled-seconds`: whole seconds scaled to look like milliseconds (`Math.floor(Date.now() / 1000) * 1000`);
 * - `random`: `Math.random()`, `crypto.randomInt/randomUUID/randomBytes`, `uuid()`, `nanoid()`…;
 * - `non-monotonic`: a clock that restarts or wraps (`performance.now()`, `process.hrtime()`,
 *   `new Date().getSeconds()`, `Date.now() % n`, a millisecond clock squeezed through `| 0`);
 * - `monotonic-source`: a source that increases on every call (the reference signer's
 *   `createIncrementalNonce().next()` / `defaultNonce.next()`, or `Math.max(Date.now(), last + 1)`
 *   with the result written back to `last`);
 * - `counter`: `++n`, `this.nonce++`, `n += 1`;
 * - `unknown`: anything else (parameters, imported helpers, …) — callers must stay silent.
 */
export type NonceKind =
  | 'literal'
  | 'milliseconds'
  | 'seconds'
  | 'scaled-seconds'
  | 'random'
  | 'non-monotonic'
  | 'monotonic-source'
  | 'counter'
  | 'unknown';

/** The kind of Gemini exchange API key a nonce source is made for. */
export type NonceKeyKind = 'incremental' | 'time-based';

/** Where a nonce value comes from. */
export interface NonceOrigin {
  kind: NonceKind;
  /** The expression that decided the kind (e.g. the `Math.random()` call), reached by following values. */
  node: TSESTree.Node;
  /** For `monotonic-source`: which kind of key the source serves. */
  sourceKind?: NonceKeyKind;
  /**
   * The expression whose every evaluation yields a new value: the nonce expression itself when
   * it is computed in place, or the initialiser of the `const` / class field it was read from.
   * A nonce whose `computedAt` lies outside the payload object is computed once and may be reused.
   */
  computedAt: TSESTree.Node;
}

/** The only module whose nonce sources this layer trusts by name. */
export const SIGNER_MODULE = 'eslint-plugin-gemini-guard/signer';
