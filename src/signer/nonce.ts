/**
 * Nonce sources for Gemini exchange API keys.
 *
 * Gemini has two kinds of key, chosen when the key is created, and each needs its own nonce:
 * - incremental keys (the default): every nonce must be strictly greater than the last one the
 *   key used, otherwise Gemini answers `InvalidNonce`;
 * - time-based keys ("Uses a time based nonce"): the nonce is Unix time in seconds and must be
 *   within ±30 s of Gemini's server time.
 *
 * A source is a small object rather than a bare function so that the signer (and people reading
 * `util.inspect` output) can tell which kind of key it was built for.
 */

/** Which kind of Gemini exchange API key a nonce source serves. */
export type NonceKind = 'incremental' | 'time-based';

/**
 * Produces the `nonce` of each signed request.
 *
 * `next` is a plain closure, so it may be passed around detached (`const next = source.next`).
 * All nonces of one API key must come from one source: two sources (or two processes) sharing a
 * key can each be increasing on their own and still interleave into a decrease.
 */
export interface NonceSource {
  /** The kind of key this source is meant for. */
  readonly kind: NonceKind;
  /** Returns the nonce for the next request. */
  next(): number;
}

/** Options shared by the nonce source factories. */
export interface NonceSourceOptions {
  /**
   * Clock in milliseconds since the Unix epoch; defaults to `Date.now`. Inject a fake clock in
   * tests.
   */
  now?: () => number;
}

function readClock(now: () => number): number {
  const value = now();
  // A NaN would poison Math.max and every later nonce with it; fail loudly instead.
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`Nonce clock returned ${String(value)}; expected milliseconds since the Unix epoch.`);
  }
  return value;
}

/**
 * Creates a nonce source for **incremental** Gemini exchange keys (the default kind).
 *
 * Each nonce is the clock in whole milliseconds since the Unix epoch, or one more than the
 * previous nonce when that is larger: `max(now, last + 1)`. So the sequence strictly increases
 * even when thousands of calls land in the same millisecond or the wall clock steps back (NTP
 * correction). During such a burst the nonces run ahead of the clock; they fall back in step once
 * the clock catches up.
 *
 * Keep exactly one source per API key (share it, or the signer built on it, across the process).
 * A process that restarts right after running ahead of the clock may start below its last nonce;
 * different processes should use different keys.
 *
 * @throws {RangeError} from `next()` when the clock returns a non-finite value or the nonce would
 *   exceed `Number.MAX_SAFE_INTEGER`.
 */
export function createIncrementalNonce(options: NonceSourceOptions = {}): NonceSource {
  const now = options.now ?? Date.now;
  let last = Number.NEGATIVE_INFINITY;
  return Object.freeze({
    kind: 'incremental' as const,
    next(): number {
      const value = Math.max(Math.floor(readClock(now)), last + 1);
      // Past 2^53 `last + 1` stops changing the number, so "strictly increasing" would silently break.
      if (value > Number.MAX_SAFE_INTEGER) {
        throw new RangeError('Incremental nonce exceeded Number.MAX_SAFE_INTEGER.');
      }
      last = value;
      return value;
    },
  });
}

/**
 * Creates a nonce source for **time-based** Gemini exchange keys: Unix time in whole **seconds**
 * (`Math.floor(now / 1000)`). Gemini accepts such a nonce when it is within ±30 s of its server
 * time, so keep the host clock synchronised.
 *
 * Bursts: several calls within the same second return the **same** nonce, and a clock that steps
 * back returns a smaller one. Time-based keys check the time window only, not that nonces
 * increase. If you need every nonce to be strictly greater than the last, use an incremental key
 * with {@link createIncrementalNonce} instead.
 *
 * Do not use this source with an incremental key (seconds are below the key's millisecond
 * nonces), nor a millisecond source with a time-based key (outside the window).
 *
 * @throws {RangeError} from `next()` when the clock returns a non-finite value.
 */
export function createTimeBasedNonce(options: NonceSourceOptions = {}): NonceSource {
  const now = options.now ?? Date.now;
  return Object.freeze({
    kind: 'time-based' as const,
    next(): number {
      return Math.floor(readClock(now) / 1000);
    },
  });
}

/**
 * A process-wide incremental nonce source. Convenient when several signers in one process use the
 * same incremental key: pass `{ nonce: defaultNonce }` to each so the key's nonces come from one
 * source. Sharing it between different keys is harmless (each key still sees increasing nonces).
 */
export const defaultNonce: NonceSource = createIncrementalNonce();
