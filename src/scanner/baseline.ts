/**
 * Baselines: adopting the scanner on an existing repository without being buried. A baseline file
 * lists known findings by fingerprint (plus rule and file, for humans reviewing it) — never a
 * message, never a secret. Findings it lists are suppressed; the rest fail the run as usual.
 *
 * The fingerprint hashes the rule, the file and the secret's hash or the code's shape, never the
 * line: a moved line stays suppressed, while a different secret on a suppressed line is a new
 * fingerprint and is reported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BaselineEntry, Finding } from './types.js';

/** The version this code reads and writes. */
export const BASELINE_VERSION = 1;

/** The file format: `{ version: 1, findings: [{ fingerprint, ruleId, file }] }`. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

/** A baseline file that cannot be read or is not a baseline; the message is safe to print. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

const compareEntries = (a: BaselineEntry, b: BaselineEntry): number =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;

/** Reads and validates a baseline file. */
export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BaselineError(`baseline ${path} is not valid JSON`);
  }
  return parseBaseline(data, path);
}

/** Validates parsed JSON as a baseline (unknown keys in entries are dropped). */
export function parseBaseline(data: unknown, path = 'baseline'): Baseline {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new BaselineError(`${path} is not a gemini-guard baseline (expected an object)`);
  const { version, findings } = data as { version?: unknown; findings?: unknown };
  // never echo the file's content: a mangled baseline may hold anything
  if (version !== BASELINE_VERSION) throw new BaselineError(`${path}: unsupported baseline version (expected ${BASELINE_VERSION})`);
  if (!Array.isArray(findings)) throw new BaselineError(`${path}: "findings" must be an array`);
  const entries: BaselineEntry[] = findings.map((entry: unknown, i) => {
    const e = entry as Partial<BaselineEntry> | null;
    if (typeof e !== 'object' || e === null || typeof e.fingerprint !== 'string' || !/^[0-9a-f]{8,64}$/.test(e.fingerprint)) {
      throw new BaselineError(`${path}: findings[${i}] needs a hex "fingerprint"`);
    }
    return { fingerprint: e.fingerprint, ruleId: typeof e.ruleId === 'string' ? e.ruleId : '', file: typeof e.file === 'string' ? e.file : '' };
  });
  return { version: BASELINE_VERSION, findings: entries };
}

/** The baseline entry of a finding. */
export function entryOf(finding: Finding): BaselineEntry {
  return { fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: finding.file };
}

/**
 * Drops the findings the baseline lists. Entries the scan `covers` (it looked at their file, with
 * their kind of rule) but that matched no finding are stale: the finding was fixed, or its secret or
 * code changed. Entries the scan could not have matched (a file outside `--since`) are never stale.
 */
export function applyBaseline<T extends Finding>(
  findings: readonly T[],
  baseline: Baseline,
  covers: (entry: BaselineEntry) => boolean,
): { findings: T[]; suppressed: number; stale: BaselineEntry[] } {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const found = new Set(findings.map((f) => f.fingerprint));
  const kept = findings.filter((f) => !known.has(f.fingerprint));
  const stale = baseline.findings.filter((e) => covers(e) && !found.has(e.fingerprint)).sort(compareEntries);
  return { findings: kept, suppressed: findings.length - kept.length, stale };
}

/**
 * The baseline a `--write-baseline` run writes: every current finding, plus the entries of the
 * existing file the scan did not cover (so a `--since` or `--staged` run refreshes only what it
 * looked at). Sorted by file, rule and fingerprint; duplicates dropped.
 */
export function refreshedBaseline(existing: Baseline | undefined, findings: readonly Finding[], covers: (entry: BaselineEntry) => boolean): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const e of existing?.findings ?? []) if (!covers(e)) entries.set(e.fingerprint, e);
  for (const f of findings) entries.set(f.fingerprint, entryOf(f));
  return { version: BASELINE_VERSION, findings: [...entries.values()].sort(compareEntries) };
}

/** The text of a baseline file: two-space JSON, keys in a fixed order, trailing newline. */
export function formatBaseline(baseline: Baseline): string {
  const findings = baseline.findings.map((e) => ({ fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file }));
  return `${JSON.stringify({ version: baseline.version, findings }, null, 2)}\n`;
}

/** Writes a baseline file; throws {@link BaselineError} when it cannot. */
export function writeBaseline(path: string, baseline: Baseline): void {
  try {
    writeFileSync(path, formatBaseline(baseline));
  } catch (error) {
    throw new BaselineError(`cannot write baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
