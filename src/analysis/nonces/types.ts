import type { TSESTree } from '@typescript-eslint/utils';

/**
 * What a nonce expression produces, as far as one file shows:
 * - `literal`: a constant (`123456`, `'1'`, a `const` holding one);
 * - `milliseconds`: Unix time in milliseconds or finer (`Date.now()`, `+new Date()`, `Date.now() * 1000`);
 * - `seconds`: Unix time in seconds (`Math.floor(Date.now() / 1000)`, `dayjs().unix()`, `Date.now() / 1000`);
 * - `scaled-seconds`: whole seconds scaled to look like milliseconds (`Math.floor(Date.now() / 1000) * 1000`);
 * - `random`: `Math.random()`, `crypto.randomInt/randomUUID/randomBytes`, `uuid()`, `nanoid()`…;
 * - `non-monotonic`: a clock that restarts or wraps (`performance.now()`, `process.hrtime()`,
 *   `new Date().getSeconds()`, `Date.now() % n`, a millisecond clock squeezed through `| 0`), or the
 *   clock shifted by an offset that changes while the process runs;
 * - `monotonic-source`: a source that increases on every call (the reference signer's
 *   `createIncrementalNonce().next()` / `defaultNonce.next()`, or `Math.max(Date.now(), last + 1)`
 *   with the result written back to `last`);
 * - `counter`: `++n`, `this.nonce++`, `n += 1` (its {@link NonceValue} says whether it restarts);
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
  /** The abstract value: resolution, monotonicity and (as far as the expression shows) lifetime. */
  value: NonceValue;
  /**
   * A bare clock reading (`Date.now()`, `Math.floor(Date.now() / 1000)`): two evaluations within
   * one tick of its resolution give the same value. `false` for a clock plus a term we cannot see
   * (`base + i`), which may differ.
   */
  tick: boolean;
}

/**
 * The abstract value of a nonce: three independent coordinates, each a flat lattice whose top is
 * `'unknown'` (the join of two different values is `'unknown'`; the evaluator joins the branches of
 * `?:`, `||`, `??` and a helper's several `return`s this way, and callers stay silent on `'unknown'`).
 *
 * - **resolution**: how far apart two values of the same source must be in time to differ —
 *   `'µs'`, `'ms'`, `'s'` or `'unknown'`. It is tracked apart from the magnitude ({@link unit}):
 *   `Math.floor(Date.now() / 1000) * 1000` is in milliseconds but has one-second resolution.
 * - **monotonic**: whether the values grow from one request to the next, across process restarts —
 *   `'guaranteed'` (the wall clock read per request, a `Math.max(Date.now(), last + 1)` guard, the
 *   reference signer, a counter seeded from the clock), `'not'` (see {@link NonceBreak}) or `'unknown'`.
 *   The wall clock counts as monotonic: ties inside one resolution step are a lifetime question.
 * - **lifetime**: how many requests one evaluation serves — `'request'` (computed afresh for each),
 *   `'process'` (fixed when the process starts: `performance.timeOrigin`), `'shared'` (one evaluation
 *   reaches several requests: a literal, a value hoisted out of a loop or callback, one `const` passed
 *   to two requests, values computed in one synchronous burst) or `'unknown'`. The expression alone
 *   yields `'request'`, `'process'` or `'shared'` for literals; the per-file facts refine it.
 */
export interface NonceValue {
  resolution: NonceResolution;
  /** The magnitude: Unix time in seconds, milliseconds, microseconds, nanoseconds, or not a time at all. */
  unit: 's' | 'ms' | 'µs' | 'ns' | 'unknown';
  monotonic: 'guaranteed' | 'not' | 'unknown';
  lifetime: 'request' | 'process' | 'shared' | 'unknown';
  /** Why `monotonic` is `'not'`. */
  breaks?: NonceBreak;
}

/** How often a nonce source changes value. */
export type NonceResolution = 'µs' | 'ms' | 's' | 'unknown';

/**
 * Why a nonce does not grow: `fixed` (a literal), `random` (random, or a clock plus a random
 * jitter), `restarts` (time since process start: `performance.now()`, `process.hrtime.bigint()`),
 * `wraps` (`% n`, `| 0`, `getSeconds()`), `offset` (the clock minus an offset that changes while the
 * process runs), `counter` (a counter that starts again from a constant in every process),
 * `process-start` (a time fixed at process start: `performance.timeOrigin`).
 */
export type NonceBreak = 'fixed' | 'random' | 'restarts' | 'wraps' | 'offset' | 'counter' | 'process-start';

/** The only module whose nonce sources this layer trusts by name. */
export const SIGNER_MODULE = 'eslint-plugin-gemini-guard/signer';
