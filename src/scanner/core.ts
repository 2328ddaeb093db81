import { assignFingerprints, sortAndDedupe } from './fingerprint.js';
import { lintWithRules, type ScannerSettings } from './detectors/eslint-rules.js';
import { scanTextForCredentials, type RawFinding } from './detectors/text-credentials.js';
import { fileKind, isCode, looksMinified, mayConcernGemini } from './prefilter.js';
import { effectiveRules, levelOf, pluginRuleSettings } from './rules.js';
import type { Finding, RuleSetting, ScanOptions, SkippedFile, SourceFile } from './types.js';

/** Options of the pure core. */
export interface CoreOptions extends ScanOptions {
  /** Apply safe autofixes; fixed texts are returned, not written. */
  fix?: boolean;
  /** Report `eslint-disable` / `gemini-guard-ignore-next-line` comments that suppress nothing. */
  reportUnusedIgnores?: boolean;
  /** Per-file settings from the cross-file phase, and files that phase pulled in. */
  crossFile?: { settings: Map<string, ScannerSettings>; extraCandidates: Set<string> };
  /** Called after each file (for progress reporting). */
  onFile?: (done: number, total: number) => void;
}

/** What the core returns. */
export interface CoreResult {
  findings: Finding[];
  skipped: SkippedFile[];
  /** With `fix`: new text per file that changed. */
  fixed: Map<string, string>;
  filesParsed: number;
}

const IGNORE_COMMENT = /gemini-guard-ignore-next-line(?:\s+([\w/,\s-]+))?/;

/**
 * Pure scan: files in, findings out. Never prints, never reads `process` or the disk.
 */
export function scanSources(files: readonly SourceFile[], options: CoreOptions = {}): CoreResult {
  const rules = effectiveRules(options.rules as Record<string, RuleSetting> | undefined);
  const lintRules = pluginRuleSettings(rules);
  const result: CoreResult = { findings: [], skipped: [], fixed: new Map(), filesParsed: 0 };

  let done = 0;
  for (const source of files) {
    options.onFile?.(++done, files.length);
    const { file, text } = source;
    const extra = options.crossFile?.extraCandidates.has(file) ?? false;
    if (!extra && !mayConcernGemini(text)) continue;
    const kind = fileKind(file);
    let raw: RawFinding[] = [];
    if (isCode(kind) && !looksMinified(text)) {
      let outcome;
      try {
        outcome = lintWithRules(file, text, lintRules, {
          settings: options.crossFile?.settings.get(file),
          fix: options.fix,
          reportUnused: options.reportUnusedIgnores,
        });
      } catch (error) {
        // A crash in a rule must cost this file, never the scan.
        result.skipped.push({ file, reason: 'syntax-error', detail: `internal error: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown'}` });
        raw = scanTextForCredentials(text, kind);
        result.findings.push(...finish(file, raw, rules, text, options));
        continue;
      }
      result.filesParsed++;
      if (outcome.fatal) {
        result.skipped.push({ file, reason: 'syntax-error', detail: outcome.fatal });
        raw = scanTextForCredentials(text, kind); // still catch keys in a file we cannot parse
      } else {
        raw = [...outcome.findings, ...outcome.unusedDirectives];
        if (outcome.fixedText !== undefined) result.fixed.set(file, outcome.fixedText);
      }
    } else {
      if (isCode(kind)) result.skipped.push({ file, reason: 'minified', detail: 'scanned for keys only' });
      raw = scanTextForCredentials(text, kind);
      if (kind === 'env' && source.notGitIgnored === true) {
        const first = raw.find((f) => f.ruleId === 'gemini-guard/no-hardcoded-credentials');
        if (first) {
          raw.push({
            ruleId: 'gemini-guard/tracked-secret-file',
            message: 'This environment file holds a Gemini exchange credential and git does not ignore it: add it to .gitignore, and rotate the credential if it was ever committed.',
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 1,
            severity: 'error',
            shape: `tracked:${first.shape}`,
          });
        }
      }
    }
    result.findings.push(...finish(file, raw, rules, text, options));
  }
  result.findings = sortAndDedupe(result.findings);
  return result;
}

/** Applies levels and ignore comments, then fingerprints. */
function finish(file: string, raw: RawFinding[], rules: Record<string, RuleSetting>, text: string, options: CoreOptions): Finding[] {
  const lines = text.split('\n');
  const usedIgnores = new Set<number>();
  const kept: (RawFinding & { file: string })[] = [];
  for (const f of raw) {
    const level = f.ruleId === 'gemini-guard/unused-ignore' ? 'warning' : levelOf(rules[f.ruleId]);
    if (level === 'off') continue;
    const previous = lines[f.line - 2];
    const match = previous === undefined ? null : IGNORE_COMMENT.exec(previous);
    if (match) {
      const named = match[1]?.split(/[\s,]+/).filter(Boolean).map((r) => (r.startsWith('gemini-guard/') ? r : `gemini-guard/${r}`));
      if (!named || named.length === 0 || named.includes(f.ruleId)) {
        usedIgnores.add(f.line - 1);
        continue;
      }
    }
    kept.push({ ...f, severity: level, file });
  }
  if (options.reportUnusedIgnores) {
    lines.forEach((line, index) => {
      const column = line.search(IGNORE_COMMENT);
      if (column !== -1 && !usedIgnores.has(index + 1)) {
        kept.push({
          file,
          ruleId: 'gemini-guard/unused-ignore',
          message: 'This gemini-guard-ignore-next-line comment suppresses nothing; remove it.',
          line: index + 1,
          column: column + 1,
          endLine: index + 1,
          endColumn: line.length + 1,
          severity: 'warning',
          shape: `unused-ignore:${line.trim()}`,
        });
      }
    });
  }
  return assignFingerprints(kept);
}
