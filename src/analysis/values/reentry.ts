/**
 * `compute()`, unless `key` is already being computed further up the stack (it is in `active`):
 * then `fallback`. Self-referencing code (`const u = u + u`, `const sign = sign(x)`, an object
 * spreading itself; a TDZ error at run time, but valid syntax) asks for a value again inside its own
 * evaluation. Followed, that recurses until the stack overflows or, with several such parts,
 * multiplies the work down to the depth limit. `fallback` is the answer given at the depth limit.
 */
export function unlessReentered<K, T>(active: Set<K>, key: K, fallback: T, compute: () => T): T {
  if (active.has(key)) {
    reentry.cuts++;
    return fallback;
  }
  active.add(key);
  try {
    return compute();
  } finally {
    active.delete(key);
  }
}

/**
 * How many times a guard against re-entry gave its fallback (here, or in a guard of its own that
 * counts the same way). An answer computed while this did not change did not depend on what was
 * being computed further up the stack (see {@link onceUnlessCut}).
 */
export const reentry = { cuts: 0 };

/** Answers kept by {@link onceUnlessCut}: by key, then by depth. */
export type DepthMemo<K extends object, T> = WeakMap<K, Map<number, T>>;

/**
 * `compute()` for `key` at `depth`, computed once, unless `key` is already being computed further
 * up the stack (it is in `active`): then `fallback`, as {@link unlessReentered} gives. An answer is
 * kept in `memo` and given again when no guard against re-entry cut it short (and `dependence()`,
 * a count of what else the answer may depend on, did not change either). Without it, a value used
 * twice by the next one (`const a2 = a1 + a1; const a3 = a2 + a2; …`) is evaluated 2^n times for n
 * such lines. The depth is part of the key because the analysis stops at a depth limit: the same
 * value asked for deeper may know less.
 *
 * Re-entry is checked before the memo: an answer kept from an earlier question (one the depth
 * limit stopped before it came back to `key`) must not stand in for the fallback inside `key`'s own
 * evaluation, or what a value evaluates to would depend on which value was asked for first.
 */
export function onceUnlessCut<K extends object, T>(
  memo: DepthMemo<K, T>,
  active: Set<K>,
  key: K,
  depth: number,
  fallback: T,
  compute: () => T,
  dependence: () => number = () => 0,
): T {
  if (active.has(key)) {
    reentry.cuts++;
    return fallback;
  }
  let known = memo.get(key);
  if (known?.has(depth)) return known.get(depth) as T;
  const cuts = reentry.cuts;
  const before = dependence();
  active.add(key);
  let value: T;
  try {
    value = compute();
  } finally {
    active.delete(key);
  }
  if (reentry.cuts === cuts && dependence() === before) {
    if (!known) {
      known = new Map();
      memo.set(key, known);
    }
    known.set(depth, value);
  }
  return value;
}
