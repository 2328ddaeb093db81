import type { createHash as CreateHash } from 'node:crypto';
import type { Finding } from './types.js';

// node:crypto loads on the first fingerprint (a scan without findings never needs it)
const createHash: typeof CreateHash = (...args) => process.getBuiltinModule('node:crypto').createHash(...args);

/** Hex SHA-256 of a text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The fingerprint of a finding: SHA-256 over rule, file and `shape`, where `shape` is the hash of the
 * secret (for secret findings) or of the reported code with whitespace folded (for code findings),
 * plus an occurrence index so that two identical shapes in one file stay distinct. The raw secret
 * never enters it unhashed, and the line number never enters it at all (a moved line keeps its
 * fingerprint).
 */
export function fingerprint(ruleId: string, file: string, shape: string, occurrence = 0): string {
  return sha256(`${ruleId}\u0000${file}\u0000${sha256(shape)}\u0000${occurrence}`).slice(0, 32);
}

/**
 * Sorts by file, line, column, rule and drops exact duplicates (same fingerprint). Findings of one
 * rule at one position with different messages are different problems and all stay (the core
 * already merged what several phases found, on rule + message id + position).
 */
export function sortAndDedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .slice()
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)))
    .filter((f) => {
      if (seen.has(f.fingerprint)) return false;
      seen.add(f.fingerprint);
      return true;
    });
}

/** Gives findings with equal (rule, file, shape) increasing occurrence indexes, in position order. */
export function assignFingerprints<T extends Omit<Finding, 'fingerprint'> & { shape: string }>(items: T[]): (Omit<T, 'shape'> & { fingerprint: string })[] {
  const counts = new Map<string, number>();
  return items
    .slice()
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map(({ shape, ...rest }) => {
      const key = `${rest.ruleId}\u0000${rest.file}\u0000${shape}`;
      const n = counts.get(key) ?? 0;
      counts.set(key, n + 1);
      // canonical key order, so JSON output reads the same whatever produced the finding
      const { ruleId, message, file, line, column, endLine, endColumn, severity, ...others } = rest;
      return { ruleId, message, file, line, column, endLine, endColumn, severity, ...others, fingerprint: fingerprint(ruleId, file, shape, n) } as Omit<T, 'shape'> & { fingerprint: string };
    });
}
