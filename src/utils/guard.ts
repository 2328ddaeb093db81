/**
 * The one "never break the user's lint run" guard, shared by the rules (create-rule.ts puts it
 * around every listener) and the analysis layer (around a recogniser, a value walk, one item of a
 * list). A rule must not throw on any code ESLint can parse, so an analysis that meets a shape it
 * does not know costs findings, never the run. But a swallowed throw is also a place where the
 * rules did not look: every one is counted, so that the scanner can say which files its rules could
 * not finish (skip reason `analysis-error`) instead of calling them clean.
 *
 * Only unexpected throws go through here. A failure that is an answer (a foreign file the parser
 * rejects, a type checker on a broken program) is caught where it happens and not counted.
 */

/**
 * How many throws the guards have swallowed in this thread. The scanner reads it around each file:
 * the screening run leaves such a file to ESLint's `Linter`, and the `Linter` run names it.
 */
export const guardedFailures = { count: 0 };

/** Counts one swallowed throw; for a `catch` that must return something other than a fallback value. */
export function swallowed(): void {
  guardedFailures.count++;
}

/** `fn()`, or `fallback` when it throws (counted: {@link guardedFailures}). */
export function guarded<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    guardedFailures.count++;
    return fallback;
  }
}

/** Calls `fn` on each item; an item that throws costs its own findings, not the other items'. */
export function forEachGuarded<T>(items: Iterable<T>, fn: (item: T) => void): void {
  for (const item of items) guarded(() => fn(item), undefined);
}
