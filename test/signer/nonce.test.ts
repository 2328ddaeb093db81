import { describe, expect, it } from 'vitest';
import { createIncrementalNonce, createTimeBasedNonce, defaultNonce } from '../../src/signer/index.js';

/** A clock that repeats each millisecond many times and steps back by 5 s once. */
function stutteringClock(): () => number {
  let calls = 0;
  const start = 1_700_000_000_000;
  return () => {
    calls += 1;
    const ms = start + Math.floor(calls / 1000); // 1,000 calls per millisecond
    return calls > 5_000 ? ms - 5_000 : ms; // NTP steps the wall clock back by 5 s mid-run
  };
}

describe('createIncrementalNonce', () => {
  it('is strictly increasing over 10,000 calls while the clock repeats and steps back 5 s', () => {
    const source = createIncrementalNonce({ now: stutteringClock() });
    let previous = source.next();
    for (let i = 1; i < 10_000; i += 1) {
      const current = source.next();
      expect(current).toBeGreaterThan(previous);
      previous = current;
    }
  });

  it('returns whole milliseconds since the epoch when the clock moves forward', () => {
    const times = [1_700_000_000_000.7, 1_700_000_000_005.2];
    const source = createIncrementalNonce({ now: () => times.shift() ?? 0 });
    expect(source.next()).toBe(1_700_000_000_000);
    expect(source.next()).toBe(1_700_000_000_005);
  });

  it('continues from last + 1 when the clock repeats or goes back', () => {
    const times = [1000, 1000, 400, 1005];
    const source = createIncrementalNonce({ now: () => times.shift() ?? 0 });
    expect([source.next(), source.next(), source.next(), source.next()]).toEqual([1000, 1001, 1002, 1005]);
  });

  it('uses the real clock by default', () => {
    const before = Date.now();
    const nonce = createIncrementalNonce().next();
    expect(nonce).toBeGreaterThanOrEqual(before);
    expect(nonce).toBeLessThanOrEqual(Date.now());
  });

  it('works when next is called detached', () => {
    const { next } = createIncrementalNonce({ now: () => 5 });
    expect([next(), next()]).toEqual([5, 6]);
  });

  it('reports its kind as incremental', () => {
    expect(createIncrementalNonce().kind).toBe('incremental');
    expect(defaultNonce.kind).toBe('incremental');
  });

  it('rejects a clock that returns NaN', () => {
    const source = createIncrementalNonce({ now: () => Number.NaN });
    expect(() => source.next()).toThrow(RangeError);
  });
});

describe('defaultNonce', () => {
  it('is one shared strictly increasing source', () => {
    const values = Array.from({ length: 1000 }, () => defaultNonce.next());
    for (let i = 1; i < values.length; i += 1) expect(values[i]).toBeGreaterThan(values[i - 1] ?? Infinity);
  });
});

describe('createTimeBasedNonce', () => {
  it('returns Unix seconds, rounded down', () => {
    const source = createTimeBasedNonce({ now: () => 1_700_000_000_999 });
    expect(source.next()).toBe(1_700_000_000);
    expect(source.kind).toBe('time-based');
  });

  it('returns the same nonce for a burst within one second', () => {
    const times = [1_700_000_000_000, 1_700_000_000_400, 1_700_000_000_999, 1_700_000_001_000];
    const source = createTimeBasedNonce({ now: () => times.shift() ?? 0 });
    expect([source.next(), source.next(), source.next(), source.next()]).toEqual([
      1_700_000_000, 1_700_000_000, 1_700_000_000, 1_700_000_001,
    ]);
  });

  it('follows the real clock within a second by default', () => {
    const nonce = createTimeBasedNonce().next();
    expect(Math.abs(nonce - Date.now() / 1000)).toBeLessThan(2);
  });
});
