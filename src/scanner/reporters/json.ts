import type { Reporter } from './types.js';

/** `{ findings, skipped, stats }`, stable key order, two-space indent. */
export const jsonReporter: Reporter = (result) =>
  `${JSON.stringify({ findings: result.findings, skipped: result.skipped, stats: result.stats }, null, 2)}\n`;
