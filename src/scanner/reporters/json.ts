import type { Reporter } from './types.js';

/**
 * `{ findings, skipped, stats }`, stable key order, two-space indent; with a baseline also
 * `suppressedByBaseline` and `staleBaseline` (entries that matched no finding).
 */
export const jsonReporter: Reporter = (result) => {
  const baseline = result.baseline ? { suppressedByBaseline: result.baseline.suppressed, staleBaseline: result.baseline.stale } : {};
  return `${JSON.stringify({ findings: result.findings, skipped: result.skipped, stats: result.stats, ...baseline }, null, 2)}\n`;
};
