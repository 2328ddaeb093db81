import type { CrossFileSettings, ExportUse } from '../analysis/cross-file/index.js';
import { resolveRelative } from './cross-file.js';
import { assignFingerprints, sortAndDedupe } from './fingerprint.js';
import type { LintOutcome, ScannerSettings } from './detectors/eslint-rules.js';
import { loadEslintRules } from './lazy.js';
import { credentialsInPaths } from './detectors/path-credentials.js';
import { scanTextForCredentials, type RawFinding } from './detectors/text-credentials.js';
import { ruleFileName } from './paths.js';
import { fileKind, isCode, looksMinified, mayConcernGemini } from './prefilter.js';
import { effectiveRules, levelOf, pluginRuleSettings, SCANNER_RULES } from './rules.js';
import type { Finding, RuleSetting, ScanOptions, SkippedFile, SourceFile } from './types.js';

/** Options of the pure core. */
export interface CoreOptions extends ScanOptions {
  /** Apply safe autofixes; fixed texts are returned, not written. */
  fix?: boolean;
  /** Report `eslint-disable` / `gemini-guard-ignore-next-line` comments that suppress nothing. */
  reportUnusedIgnores?: boolean;
  /** Per-file settings from the cross-file phase, and files that phase pulled in. */
  crossFile?: { settings: Map<string, ScannerSettings>; extraCandidates: Set<string> };
  /** Loads the text of a file passed without one (undecoded by the prefilter), when needed. */
  readText?: (file: string) => string | undefined;
  /** Called after each file (for progress reporting). */
  onFile?: (done: number, total: number) => void;
  /** Files listed but not read (skipped): their names are still checked for credentials. */
  unreadPaths?: readonly string[];
  /**
   * First-pass lint results computed elsewhere (the scanner's worker threads), by file. A file
   * without one is linted here; a result computed with other settings is never used.
   */
  linted?: ReadonlyMap<string, PrecomputedLint>;
}

/** A first-pass lint result from elsewhere: the outcome, or the error linting threw, and the settings it ran with. */
export interface PrecomputedLint {
  settings: ScannerSettings | undefined;
  outcome?: LintOutcome;
  error?: { name: string; message: string };
}

/** What the core returns. */
export interface CoreResult {
  findings: Finding[];
  skipped: SkippedFile[];
  /** With `fix`: new text per file that changed. */
  fixed: Map<string, string>;
  filesParsed: number;
}

const HARDCODED = 'gemini-guard/no-hardcoded-credentials';
const IGNORE_COMMENT = /gemini-guard-ignore-next-line(?:\s+([\w/,\s-]+))?/;

/**
 * Pure scan: files in, findings out. Never prints, never reads `process` or the disk.
 */
export function scanSources(files: readonly SourceFile[], options: CoreOptions = {}): CoreResult {
  const rules = effectiveRules(options.rules as Record<string, RuleSetting> | undefined);
  const lintRules = pluginRuleSettings(rules);
  const result: CoreResult = { findings: [], skipped: [], fixed: new Map(), filesParsed: 0 };
  const byPath = new Map(files.map((f) => [f.file, f]));
  const perFile = new Map<string, Finding[]>();
  const exportUses = new Map<string, Record<string, ExportUse[]>>();

  const scanOne = (source: SourceFile & { text: string }, settings: ScannerSettings | undefined, pass: 1 | 2): void => {
    const { file, text } = source;
    const kind = fileKind(file);
    let raw: RawFinding[];
    // Declaration files hold types, not calls: the text scan still finds keys in them.
    if (source.keysOnly) {
      raw = scanTextForCredentials(text, kind);
    } else if (isLinted(source)) {
      let outcome;
      try {
        const pre = pass === 1 ? options.linted?.get(file) : undefined;
        outcome = pre && pre.settings === settings ? unwrap(pre) : loadEslintRules().lintWithRules(ruleFileName(file), text, lintRules, { settings, fix: options.fix, reportUnused: options.reportUnusedIgnores });
      } catch (error) {
        // A crash in a rule must cost this file, never the scan.
        // Code nested thousands of levels deep can exhaust the stack in ESLint's own scope
        // analysis: say so, rather than call it a crash.
        const detail = error instanceof RangeError && /call stack/i.test(error.message)
          ? `nested too deeply to analyse (${error.message})`
          : `internal error: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown'}`;
        result.skipped.push({ file, reason: 'syntax-error', detail });
        perFile.set(file, finish(file, scanTextForCredentials(text, kind), rules, text, options));
        return;
      }
      if (pass === 1) result.filesParsed++;
      if (outcome.incomplete && !result.skipped.some((s) => s.file === file && s.reason === 'analysis-error')) {
        const n = outcome.incomplete;
        result.skipped.push({ file, reason: 'analysis-error', detail: `${n} internal error${n === 1 ? '' : 's'} in the rules' analysis: findings may be missing` });
      }
      if (outcome.fatal) {
        if (pass === 1) result.skipped.push({ file, reason: 'syntax-error', detail: outcome.fatal });
        raw = scanTextForCredentials(text, kind); // still catch keys in a file we cannot parse
      } else {
        raw = [...outcome.findings, ...outcome.unusedDirectives];
        if (outcome.fixedText !== undefined) result.fixed.set(file, outcome.fixedText);
        if (pass === 1) {
          for (const use of outcome.importUses) {
            const target = resolveRelative(file, use.source, byPath);
            if (!target || target === file) continue;
            const uses = exportUses.get(target) ?? {};
            (uses[use.imported] ??= []).push({ role: use.role, site: `${file}:${use.line}` });
            exportUses.set(target, uses);
          }
        }
      }
    } else {
      if (isCode(kind) && !/\.d\.[cm]?ts$/i.test(file)) result.skipped.push({ file, reason: 'minified', detail: 'scanned for keys only' });
      raw = scanTextForCredentials(text, kind);
      if (kind === 'env' && source.notGitIgnored === true) {
        const first = raw.find((f) => f.ruleId === HARDCODED);
        if (first) {
          raw.push({
            ruleId: SCANNER_RULES.trackedSecretFile.id,
            message: trackedSecretFileMessage(file),
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 1,
            severity: 'error',
            // every credential of the file, in a fixed order: reordering lines keeps the fingerprint
            shape: `tracked:${[...new Set(raw.filter((f) => f.ruleId === HARDCODED).map((f) => f.shape))].sort().join('\u0000')}`,
          });
        }
      }
    }
    if (pass === 2) {
      // What only the other files revealed says where: "… (through src/client.ts:16)".
      const before = new Set((perFile.get(file) ?? []).map((f) => `${f.ruleId}:${f.line}:${f.column}`));
      const sites = [...new Set(Object.values((settings as CrossFileSettings | undefined)?.exportUses ?? {}).flat().map((u) => u.site))].sort();
      const where = sites.length > 3 ? `${sites.slice(0, 3).join(', ')} and ${sites.length - 3} more` : sites.join(', ');
      raw = raw.map((f) => (before.has(`${f.ruleId}:${f.line}:${f.column}`) || !where || f.message.includes(sites[0]!) ? f : { ...f, message: `${f.message} (Seen through its use in ${where}.)` }));
    }
    perFile.set(file, finish(file, raw, rules, text, options));
  };

  // A key or secret in a file or folder name is written in every listing, report and clone.
  const pathFindings = credentialsInPaths([...files.map((f) => f.file), ...(options.unreadPaths ?? [])]);
  let done = 0;
  for (const source of files) {
    options.onFile?.(++done, files.length);
    const text = firstPassText(source, options);
    if (text === undefined) continue;
    scanOne({ ...source, text }, options.crossFile?.settings.get(source.file), 1);
  }
  // Pass 2: files whose exports other files use in Gemini roles are linted again knowing it.
  for (const [file, uses] of exportUses) {
    const known = byPath.get(file);
    const text = known?.text ?? (known ? options.readText?.(file) : undefined);
    if (!known || text === undefined) continue;
    const source = { ...known, text };
    const settings: CrossFileSettings = { ...(options.crossFile?.settings.get(file) as CrossFileSettings | undefined), exportUses: uses };
    scanOne(source, settings as ScannerSettings, 2);
  }
  for (const [file, found] of pathFindings) {
    perFile.set(file, [...(perFile.get(file) ?? []), ...finish(file, found, rules, '', options)]);
  }
  result.findings = sortAndDedupe([...perFile.values()].flat());
  return result;
}

/** The text the first pass scans a file with, or `undefined` when it passes the file over. */
function firstPassText(source: SourceFile, options: Pick<CoreOptions, 'crossFile' | 'readText'>): string | undefined {
  const extra = options.crossFile?.extraCandidates.has(source.file) ?? false;
  const text = source.text ?? (extra ? options.readText?.(source.file) : undefined);
  return text === undefined || (!extra && !mayConcernGemini(text)) ? undefined : text;
}

/** Whether the file goes through the plugin's rules (parsed), not only the text detectors. */
function isLinted(source: SourceFile & { text: string }): boolean {
  return !source.keysOnly && isCode(fileKind(source.file)) && !/\.d\.[cm]?ts$/i.test(source.file) && !looksMinified(source.text);
}

/** A precomputed lint result as `lintWithRules` would have returned or thrown it. */
function unwrap(pre: PrecomputedLint): LintOutcome {
  if (pre.outcome) return pre.outcome;
  const error = pre.error?.name === 'RangeError' ? new RangeError(pre.error.message) : new Error(pre.error?.message ?? 'unknown');
  throw error;
}

/**
 * What to do about an environment file git does not ignore. A `.gitignore` entry alone does not
 * untrack a file that is already committed or staged (`git rm --cached` does), and a credential
 * once committed stays in every clone's history, so it must be rotated.
 */
export function trackedSecretFileMessage(file: string): string {
  const path = /^[\w./@+-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
  return `This environment file holds a Gemini exchange credential and git does not ignore it. Stop tracking it with \`git rm --cached ${path}\` (a .gitignore entry alone does not untrack a committed file) and add it to .gitignore. If it was ever committed, the credential is in the git history of every clone: rotate it, and run \`gemini-guard scan --history\` to find the commits that hold it.`;
}

/** Applies levels and ignore comments, then fingerprints. */
function finish(file: string, raw: RawFinding[], rules: Record<string, RuleSetting>, text: string, options: CoreOptions): Finding[] {
  const lines = text.split('\n');
  const usedIgnores = new Set<number>();
  const kept: (RawFinding & { file: string })[] = [];
  // one report per rule, message and position, whichever phase found it (the rules, the text
  // scan): two different messages of one rule at one place are two findings, as in ESLint
  const reported = new Set<string>();
  for (const f of raw) {
    const level = levelOf(rules[f.ruleId]);
    if (level === 'off') continue;
    const key = `${f.ruleId}\u0000${f.messageId ?? f.message}\u0000${f.line}:${f.column}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const previous = lines[f.line - 2];
    const match = previous === undefined ? null : IGNORE_COMMENT.exec(previous);
    if (match) {
      const named = match[1]?.split(/[\s,]+/).filter(Boolean).map((r) => (r.startsWith('gemini-guard/') ? r : `gemini-guard/${r}`));
      if (!named || named.length === 0 || named.includes(f.ruleId)) {
        usedIgnores.add(f.line - 1);
        continue;
      }
    }
    const { messageId: _messageId, ...finding } = f;
    kept.push({ ...finding, severity: level, file });
  }
  if (options.reportUnusedIgnores) {
    lines.forEach((line, index) => {
      const column = line.search(IGNORE_COMMENT);
      if (column !== -1 && !usedIgnores.has(index + 1)) {
        const level = levelOf(rules[SCANNER_RULES.unusedIgnore.id]);
        if (level === 'off') return;
        kept.push({
          file,
          ruleId: SCANNER_RULES.unusedIgnore.id,
          message: 'This gemini-guard-ignore-next-line comment suppresses nothing; remove it.',
          line: index + 1,
          column: column + 1,
          endLine: index + 1,
          endColumn: line.length + 1,
          severity: level,
          shape: `unused-ignore:${line.trim()}`,
        });
      }
    });
  }
  return assignFingerprints(kept);
}
