/**
 * `compute()`, unless `key` is already being computed further up the stack (it is in `active`):
 * then `fallback`. Self-referencing code (`const u = u + u`, `const sign = sign(x)`, an object
 * spreading itself; a TDZ error at run time, but valid syntax) asks for a value again inside its own
 * evaluation. Followed, that recurses until the stack overflows or, with several such parts,
 * multiplies the work down to the depth limit. `fallback` is the answer given at the depth limit.
 */
export function unlessReentered<K, T>(active: Set<K>, key: K, fallback: T, compute: () => T): T {
  if (active.has(key)) return fallback;
  active.add(key);
  try {
    return compute();
  } finally {
    active.delete(key);
  }
}
