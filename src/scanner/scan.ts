import { closeSync, constants, lstatSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { scanSources, type PrecomputedLint } from './core.js';
import { crossFileContext, isCrossFileCandidate, mayBeReadForExports, mayExportConstant, type CrossFileFacts, type TextReader } from './cross-file.js';
import type { ScannerSettings } from './detectors/eslint-rules.js';
import { createLintPool, defaultJobs, type LintPool } from './detectors/lint-pool.js';
import { largeGitIndex, listPaths, readSource, type ListedPath, type ReadOutcome, type WalkOptions } from './files.js';
import { ruleFileName } from './paths.js';
import { fileKind, isCode, mayConcernGeminiBytes } from './prefilter.js';
import { effectiveRules, pluginRuleSettings } from './rules.js';
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
  /** Whether {@link list} will likely give a large tree (told before listing, cheaply). */
  listsMany?(): boolean;
}

/**
 * Files of the working tree: `list` gives the candidates (by default {@link listPaths}); reads go
 * through the real bytes of names that are not UTF-8 and never follow a link out of the root.
 */
export function workingTreeSource(options: WalkOptions, list?: () => { paths: ListedPath[]; skipped: SkippedFile[] }): SourceProvider {
  const raw = new Map<string, Buffer>();
  const listing = list ?? (() => listPaths(options));
  return {
    // the whole tree as git lists it: the index tells its size (not for a list of changed files,
    // nor for files or folders named on the command line: a pre-commit hook passing three files)
    ...(list || !wholeRoot(options) ? {} : { listsMany: () => largeGitIndex(options.root ?? options.cwd, LARGE_INDEX_BYTES) }),
    list() {
      const out = listing();
      for (const p of out.paths) if (p.raw) raw.set(p.file, p.raw);
      return out;
    },
    read: (file, maxFileSize, prefilter) => readSource(options.cwd, file, maxFileSize, prefilter, { raw: raw.get(file), root: options.root, keysOnly: true }),
    diskPath: (file) => raw.get(file) ?? resolve(options.cwd, file),
  };
}

/** Whether a scan covers its whole root: no paths named, or only the root itself. */
function wholeRoot(options: WalkOptions): boolean {
  const root = resolve(options.root ?? options.cwd);
  return options.paths.every((p) => resolve(options.cwd, p) === root);
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
  /** Threads that lint (default {@link defaultJobs}); 1 lints in this thread. */
  jobs?: number;
  /** Lint workers keep V8's young generation from growing (the CLI's process does; see its bin). */
  steadyYoungGeneration?: boolean;
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
export async function scanProject(options: ProjectScanOptions): Promise<ScanResult & { unfixed: string[] }> {
  const lintRules = pluginRuleSettings(effectiveRules(options.rules));
  const pool = createLintPool(options.jobs ?? defaultJobs(), lintRules, options.steadyYoungGeneration ? { steadyYoungGeneration: true } : {});
  try {
    return await scanWith(options, pool, lintRules);
  } finally {
    pool?.close();
  }
}

async function scanWith(options: ProjectScanOptions, pool: LintPool | undefined, lintRules: Record<string, RuleSetting>): Promise<ScanResult & { unfixed: string[] }> {
  const now = options.now ?? Date.now;
  const started = now();
  const provider: SourceProvider = options.provider ?? workingTreeSource(options);
  // In a large git tree, listing itself takes a while (ccxt copied 16x: git and 21k names, 0.1-0.2
  // s): the worker starts loading first.
  if (pool && provider.listsMany?.()) pool.prestart();
  const { paths, skipped } = provider.list();
  // A worker needs about 0.3 s to load ESLint and warm up. Started at the first Gemini-related
  // file, it made the main thread wait for it; started here, that overlaps the reading. Only for
  // enough code that some of it is likely to be linted: a scan of a few files is over before a
  // worker has loaded.
  if (pool && countCode(paths, PRESTART_CODE_FILES) >= PRESTART_CODE_FILES) pool.prestart();
  const sources: SourceFile[] = [];
  const readText: TextReader = (file, prefilter) => {
    const read = provider.read(file, options.maxFileSize, prefilter);
    return 'text' in read ? read.text : undefined;
  };
  // The cross-file phase runs file by file as they are read, so that each file can go to a lint
  // worker at once, with the settings its imports give it.
  const listed = new Map(paths.map((p, i) => [p.file, i]));
  const readSoFar = new Map<string, SourceFile>();
  const crossFile: CrossFileFacts = { settings: new Map(), extraCandidates: new Set() };
  // An importer reads the modules it imports before the loop gets to them (ccxt's index: ~200
  // per copy). What such a read gives the loop is kept (an outcome and a flag, never the text of
  // an unrelated file), so that every file is read once.
  let turn = -1;
  const readAhead = new Map<string, Omit<FirstRead, 'exportText'>>();
  const crossFileText: TextReader = (file, prefilter) => {
    const at = listed.get(file);
    // (the context asks once per module: what it learnt of a module's exports, it keeps)
    if (at === undefined || at <= turn || readAhead.has(file)) return readText(file, prefilter);
    const { exportText, ...first } = firstRead(provider, file, options.maxFileSize, true);
    readAhead.set(file, first);
    return exportText;
  };
  const context = crossFileContext(listed, (path) => readSoFar.get(path), crossFileText);
  const linted = new Map<string, PrecomputedLint>();
  const lints: Promise<void>[] = [];
  let yielded = Date.now();

  for (const [i, p] of paths.entries()) {
    turn = i;
    const ahead = readAhead.get(p.file);
    if (ahead) readAhead.delete(p.file);
    const { read, noExportConst } = ahead ?? firstRead(provider, p.file, options.maxFileSize, false);
    if ('text' in read || 'unrelated' in read) {
      const source: SourceFile = { file: p.file };
      if ('text' in read) source.text = read.text;
      else if (noExportConst) source.noExportConst = true;
      if (p.notGitIgnored !== undefined) source.notGitIgnored = p.notGitIgnored;
      sources.push(source);
      readSoFar.set(p.file, source);
      if (isCrossFileCandidate(source)) {
        const settings = context.settingsFor(source);
        if (settings) crossFile.settings.set(source.file, settings);
        if (pool) lints.push(lintInWorker(pool, source, settings, lintRules, options, linted));
      }
    } else {
      const { keysOnly, ...skip } = read;
      skipped.push(skip);
      // a skipped file still gets the key and secret detector on what could be read
      if (keysOnly !== undefined) sources.push({ file: p.file, text: keysOnly, keysOnly: true, ...(p.notGitIgnored === undefined ? {} : { notGitIgnored: p.notGitIgnored }) });
    }
    options.onProgress?.(i + 1, paths.length * 2);
    // let the workers' answers in now and then, so that each gets its next file
    if (pool && Date.now() - yielded > 20) {
      await new Promise((resolve) => setImmediate(resolve));
      yielded = Date.now();
    }
  }
  pool?.doneReading();
  await Promise.all(lints);
  const core = scanSources(sources, {
    linted,
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

// ccxt (1,320 files, 1,309 of them code, 6 linted): 1.10 s → 0.97 s; copied 4x: 2.7 s → 2.2 s
// (medians of 15 and 7 alternating runs, with the prefilter change of the same commit, on a slow
// day of this machine).
const PRESTART_CODE_FILES = 64;
// A git index this large (about a thousand files) starts the worker before the listing.
const LARGE_INDEX_BYTES = 64 * 1024;

/** How many of `paths` are JavaScript or TypeScript, counting up to `enough`. */
function countCode(paths: readonly ListedPath[], enough: number): number {
  let n = 0;
  for (const p of paths) if (isCode(fileKind(p.file)) && ++n >= enough) break;
  return n;
}

/** What the first read of a file gives the scan. */
interface FirstRead {
  /** The outcome as the read loop takes it: text only for what may concern Gemini. */
  read: ReadOutcome;
  /** The bytes hold no `export const` (asked only of the modules the cross-file phase may read for it). */
  noExportConst: boolean;
  /** For a read ahead: the text, when the bytes were decoded (the cross-file phase looks for `export const` in it). */
  exportText?: string;
}

/**
 * Reads a file once for everything the main thread wants of its bytes: whether it may concern
 * Gemini (decoded, else left as bytes) and, for a module the cross-file phase may read for its
 * exports, whether it can export a constant. With `ahead`, the cross-file phase asks before the
 * loop's turn (it reads modules for their exports): the bytes are also decoded when they can
 * export a constant, and the loop's outcome is the one its own read would have given (an
 * unrelated file stays `unrelated`, whatever decoding it gave).
 */
function firstRead(provider: SourceProvider, file: string, maxFileSize: number | undefined, ahead: boolean): FirstRead {
  // undefined: the prefilter never saw the bytes (a skip before it, UTF-16 with a byte-order mark)
  let concerns: boolean | undefined;
  // false only when asked and not found
  let exportsConst = true;
  const read = provider.read(file, maxFileSize, (bytes) => {
    concerns = mayConcernGeminiBytes(bytes);
    // a Gemini-related file keeps its text: the cross-file phase reads that, not the bytes
    if (!concerns && mayBeReadForExports(file)) exportsConst = mayExportConstant(bytes);
    return concerns || (ahead && exportsConst);
  });
  const noExportConst = !exportsConst;
  if (!ahead) return { read, noExportConst };
  // the text whenever there is one: the cross-file phase looks for `export const` in it itself
  const exportText = 'text' in read ? read.text : undefined;
  return { read: concerns === false ? { unrelated: true } : read, noExportConst, ...(exportText === undefined ? {} : { exportText }) };
}

/**
 * One file of the first lint pass, in a worker thread; the result goes into `linted` for the core.
 * A file whose worker died (out of memory, killed) gets no result: the core lints it in this
 * thread, as it would without workers.
 */
async function lintInWorker(
  pool: LintPool,
  source: SourceFile & { text: string },
  settings: ScannerSettings | undefined,
  rules: Record<string, RuleSetting>,
  options: Pick<ProjectScanOptions, 'fix' | 'reportUnusedIgnores'>,
  linted: Map<string, PrecomputedLint>,
): Promise<void> {
  try {
    const reply = await pool.lint({ name: ruleFileName(source.file), text: source.text, rules, options: { settings, fix: options.fix, reportUnused: options.reportUnusedIgnores } });
    linted.set(source.file, reply.outcome ? { settings, outcome: reply.outcome } : { settings, error: reply.error });
  } catch {
    // the worker is gone: no result
  }
}
