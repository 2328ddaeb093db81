import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scanSources } from './core.js';
import { crossFileFacts, type TextReader } from './cross-file.js';
import { listPaths, readSource, type ReadOutcome, type WalkOptions } from './files.js';
import { mayConcernGeminiBytes } from './prefilter.js';
import type { RuleSetting, ScanResult, SkippedFile, SourceFile } from './types.js';

/**
 * Where a scan's files come from. The default is the working tree (`listPaths` + `readSource`);
 * `--staged` reads the git index instead, `--since` lists the files changed since a revision.
 */
export interface SourceProvider {
  /** The candidate files, relative to cwd, sorted; and the ones passed over while listing. */
  list(): { paths: { file: string; notGitIgnored?: boolean }[]; skipped: SkippedFile[] };
  /** One file's text (or why not), like `readSource`. */
  read(file: string, maxFileSize: number | undefined, prefilter?: (bytes: Buffer) => boolean): ReadOutcome;
}

/** Everything a project scan needs. */
export interface ProjectScanOptions extends WalkOptions {
  /** Where the files come from (default: the working tree under `cwd`). */
  provider?: SourceProvider;
  rules?: Record<string, RuleSetting>;
  fix?: boolean;
  reportUnusedIgnores?: boolean;
  /** Called as files are read and scanned (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Injected clock, for deterministic tests. */
  now?: () => number;
}

/**
 * Scans a project on disk: lists files (respecting .gitignore), reads them, runs the cross-file
 * phase on Gemini-related code, runs the pure core, and writes fixes when asked.
 */
export function scanProject(options: ProjectScanOptions): ScanResult {
  const now = options.now ?? Date.now;
  const started = now();
  const provider: SourceProvider = options.provider ?? {
    list: () => listPaths(options),
    read: (file, maxFileSize, prefilter) => readSource(options.cwd, file, maxFileSize, prefilter),
  };
  const { paths, skipped } = provider.list();
  const sources: SourceFile[] = [];
  paths.forEach((p, i) => {
    const read = provider.read(p.file, options.maxFileSize, mayConcernGeminiBytes);
    if ('text' in read || 'unrelated' in read) {
      const source: SourceFile = { file: p.file };
      if ('text' in read) source.text = read.text;
      if (p.notGitIgnored !== undefined) source.notGitIgnored = p.notGitIgnored;
      sources.push(source);
    } else {
      skipped.push(read);
    }
    options.onProgress?.(i + 1, paths.length * 2);
  });
  const readText: TextReader = (file, prefilter) => {
    const read = provider.read(file, options.maxFileSize, prefilter);
    return 'text' in read ? read.text : undefined;
  };
  const crossFile = crossFileFacts(sources, readText);
  const core = scanSources(sources, {
    rules: options.rules,
    fix: options.fix,
    reportUnusedIgnores: options.reportUnusedIgnores,
    crossFile,
    // Files the prefilter left undecoded are read again only if another file's use of their
    // exports makes them relevant (the cross-file pass).
    readText,
    onFile: (done) => options.onProgress?.(paths.length + done, paths.length + sources.length),
  });
  if (options.fix) {
    for (const [file, text] of core.fixed) writeFileSync(resolve(options.cwd, file), text);
  }
  const allSkipped = [...skipped, ...core.skipped].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    ...(options.fix ? { fixedFiles: [...core.fixed.keys()].sort() } : {}),
    findings: core.findings,
    skipped: allSkipped,
    stats: {
      filesSeen: paths.length,
      filesScanned: sources.length,
      filesParsed: core.filesParsed,
      filesSkipped: allSkipped.length,
      findings: core.findings.length,
      durationMs: now() - started,
    },
  };
}
