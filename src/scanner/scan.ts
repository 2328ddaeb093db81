import { closeSync, constants, lstatSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { scanSources } from './core.js';
import { crossFileFacts, mayExportConstant, type TextReader } from './cross-file.js';
import { listPaths, readSource, type ListedPath, type ReadOutcome, type WalkOptions } from './files.js';
import { mayConcernGeminiBytes } from './prefilter.js';
import type { RuleSetting, ScanResult, SkippedFile, SourceFile } from './types.js';

/**
 * Where a scan's files come from. The default is the working tree (`listPaths` + `readSource`);
 * `--staged` reads the git index instead, `--since` lists the files changed since a revision.
 */
export interface SourceProvider {
  /** The candidate files, relative to cwd, sorted; and the ones passed over while listing. */
  list(): { paths: ListedPath[]; skipped: SkippedFile[] };
  /** One file's text (or why not), like `readSource`. */
  read(file: string, maxFileSize: number | undefined, prefilter?: (bytes: Buffer) => boolean): ReadOutcome;
  /** Where a listed file really is on disk (for `--fix`); `undefined` when it is not a working-tree file. */
  diskPath?(file: string): string | Buffer | undefined;
}

/**
 * Files of the working tree: `list` gives the candidates (by default {@link listPaths}); reads go
 * through the real bytes of names that are not UTF-8 and never follow a link out of the root.
 */
export function workingTreeSource(options: WalkOptions, list: () => { paths: ListedPath[]; skipped: SkippedFile[] } = () => listPaths(options)): SourceProvider {
  const raw = new Map<string, Buffer>();
  return {
    list() {
      const out = list();
      for (const p of out.paths) if (p.raw) raw.set(p.file, p.raw);
      return out;
    },
    read: (file, maxFileSize, prefilter) => readSource(options.cwd, file, maxFileSize, prefilter, { raw: raw.get(file), root: options.root, keysOnly: true }),
    diskPath: (file) => raw.get(file) ?? resolve(options.cwd, file),
  };
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
 * Writes a fixed file in place, never through a symbolic link (a link may lead out of the
 * repository) and never into anything but a regular file. Returns false when it did not write.
 */
function writeFix(path: string | Buffer, text: string): boolean {
  try {
    if (!lstatSync(path).isFile()) return false;
    const fd = openSync(path, constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

/** Skipped files the core gets no text of (their names are still checked for credentials). */
function unread(skipped: readonly SkippedFile[], sources: readonly SourceFile[]): string[] {
  const read = new Set(sources.map((s) => s.file));
  return skipped.filter((s) => !read.has(s.file)).map((s) => s.file);
}

/**
 * Scans a project on disk: lists files (respecting .gitignore), reads them, runs the cross-file
 * phase on Gemini-related code, runs the pure core, and writes fixes when asked.
 */
export function scanProject(options: ProjectScanOptions): ScanResult & { unfixed: string[] } {
  const now = options.now ?? Date.now;
  const started = now();
  const provider: SourceProvider = options.provider ?? workingTreeSource(options);
  const { paths, skipped } = provider.list();
  const sources: SourceFile[] = [];
  paths.forEach((p, i) => {
    // what the cross-file phase would read an unrelated file again for is decided on these bytes
    let exportsConst = true;
    const read = provider.read(p.file, options.maxFileSize, (bytes) => {
      exportsConst = mayExportConstant(bytes);
      return mayConcernGeminiBytes(bytes);
    });
    if ('text' in read || 'unrelated' in read) {
      const source: SourceFile = { file: p.file };
      if ('text' in read) source.text = read.text;
      else if (!exportsConst) source.noExportConst = true;
      if (p.notGitIgnored !== undefined) source.notGitIgnored = p.notGitIgnored;
      sources.push(source);
    } else {
      const { keysOnly, ...skip } = read;
      skipped.push(skip);
      // a skipped file still gets the key and secret detector on what could be read
      if (keysOnly !== undefined) sources.push({ file: p.file, text: keysOnly, keysOnly: true, ...(p.notGitIgnored === undefined ? {} : { notGitIgnored: p.notGitIgnored }) });
    }
    options.onProgress?.(i + 1, paths.length * 2);
  });
  const readText: TextReader = (file, prefilter) => {
    const read = provider.read(file, options.maxFileSize, prefilter);
    return 'text' in read ? read.text : undefined;
  };
  const crossFile = crossFileFacts(sources.filter((s) => !s.keysOnly), readText);
  const core = scanSources(sources, {
    rules: options.rules,
    fix: options.fix,
    reportUnusedIgnores: options.reportUnusedIgnores,
    crossFile,
    // Files the prefilter left undecoded are read again only if another file's use of their
    // exports makes them relevant (the cross-file pass).
    readText,
    onFile: (done) => options.onProgress?.(paths.length + done, paths.length + sources.length),
    unreadPaths: unread(skipped, sources),
  });
  const unfixed: string[] = [];
  if (options.fix) {
    for (const [file, text] of core.fixed) {
      const path = provider.diskPath?.(file);
      if (path === undefined || !writeFix(path, text)) unfixed.push(file);
    }
  }
  const allSkipped = [...skipped, ...core.skipped].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    ...(options.fix ? { fixedFiles: [...core.fixed.keys()].sort() } : {}),
    findings: core.findings,
    skipped: allSkipped,
    unfixed,
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
