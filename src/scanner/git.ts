/**
 * The git plumbing behind `scan --staged`, `scan --since` and `scan --history`. Every call runs
 * `git` with an argument vector (never a shell), turns off the user settings that change output
 * formats (colour, external diff, renames, quoted paths), and inherits the environment so that a
 * hook's `GIT_INDEX_FILE` (as in `git commit -a`) is honoured.
 */
import { execFileSync } from 'node:child_process';
import picomatch from 'picomatch';
import { decodeSource, nulSplit } from './files.js';
import { displayName, joinBytes, listedFromBytes, type ListedPath } from './paths.js';
import type { SourceProvider } from './scan.js';
import type { SkippedFile } from './types.js';

/** A git command failed, or the folder is not in a git work tree; the message is safe to print. */
export class GitError extends Error {
  override name = 'GitError';
}

const MAX_BUFFER = 1024 * 1024 * 1024;

// Settings of the user's or the repository's config that would change what we parse.
const NEUTRAL_CONFIG = ['-c', 'core.quotepath=false', '-c', 'color.ui=never', '-c', 'diff.noprefix=false', '-c', 'log.showSignature=false'];

/** Runs git in `cwd` and returns its stdout as a Buffer; throws {@link GitError} with git's first error line. */
export function git(cwd: string, args: string[], input?: string | Buffer): Buffer {
  try {
    return execFileSync('git', [...NEUTRAL_CONFIG, ...args], {
      cwd,
      input,
      maxBuffer: MAX_BUFFER,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer; status?: number };
    if (e.code === 'ENOENT') throw new GitError('git is not installed or not on PATH');
    const first = e.stderr?.toString('utf8').split('\n').find((l) => l.trim() !== '') ?? `git ${args[0] ?? ''} failed`;
    throw new GitError(first.replace(/^(fatal|error): /, '').slice(0, 300));
  }
}

/** The work tree's top folder, or a {@link GitError} saying why `what` needs one. */
export function workTreeTop(cwd: string, what: string): string {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch (error) {
    throw new GitError(`${what} needs a git work tree: ${(error as Error).message}`);
  }
}

/**
 * Checks that a revision names a commit, and refuses option-like text (`--output=…`) so that a
 * revision can never be read as a git option.
 */
export function verifyRevision(cwd: string, rev: string): string {
  if (rev === '' || rev.startsWith('-') || /[\s\0]/.test(rev)) throw new GitError(`invalid revision "${rev.slice(0, 40)}"`);
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).toString('utf8').trim();
  } catch {
    throw new GitError(`unknown revision "${rev.slice(0, 80)}" (in a shallow CI clone, fetch the history first: actions/checkout with fetch-depth: 0)`);
  }
}


/** Path filter from `--include` / `--exclude` globs (matched against cwd-relative posix paths). */
export function globFilter(include: readonly string[] | undefined, exclude: readonly string[] | undefined): (file: string) => boolean {
  const inc = include?.length ? picomatch([...include], { dot: true }) : undefined;
  const exc = exclude?.length ? picomatch([...exclude], { dot: true }) : undefined;
  return (file) => (!inc || inc(file)) && !(exc && exc(file));
}

/** What a git-backed provider needs. */
export interface GitSourceOptions {
  cwd: string;
  /** Pathspecs relative to cwd (absolute paths inside the work tree work too); default: all of cwd. */
  paths: string[];
  include?: string[];
  exclude?: string[];
}

const sortFiles = <T extends { file: string }>(items: T[]): T[] => items.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

/**
 * The index as the next commit will record it: files added, copied, modified, renamed or
 * type-changed relative to HEAD (all files, before the first commit), each read from the index with
 * `git cat-file` — so a secret that is staged and then deleted from the working copy is still
 * scanned, and unstaged edits are not. Paths are relative to cwd (`--relative`), so a scan from a
 * subfolder covers that subfolder, like a plain scan. Symbolic links and submodules are left out.
 */
export function stagedSource(options: GitSourceOptions): SourceProvider {
  workTreeTop(options.cwd, '--staged');
  const keep = globFilter(options.include, options.exclude);
  // names are bytes (they need not be UTF-8): shown escaped, read from the index by blob id
  const raw = nulSplit(
    git(options.cwd, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--relative', '--diff-filter=ACMRT', '--no-ext-diff', '--', ...options.paths]),
  ).map((field, i) => (i % 2 === 0 ? field.toString('utf8') : displayName(field)));
  // `:<old mode> <new mode> <old sha> <new sha> <status>` then the path, as separate NUL fields
  const entries: { file: string; sha: string }[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const [, newMode, , newSha] = (raw[i] ?? '').slice(1).split(' ');
    const file = raw[i + 1] ?? '';
    if (newMode !== '100644' && newMode !== '100755') continue; // symlinks (120000), submodules (160000)
    if (newSha && keep(file)) entries.push({ file, sha: newSha });
  }
  const bySha = new Map(entries.map((e) => [e.file, e.sha]));
  const sizes = new Map<string, number>();
  if (entries.length > 0) {
    const check = git(options.cwd, ['cat-file', '--batch-check=%(objectname) %(objectsize)'], `${[...new Set(entries.map((e) => e.sha))].join('\n')}\n`).toString('utf8');
    for (const line of check.split('\n')) {
      const [sha, size] = line.split(' ');
      if (sha && size) sizes.set(sha, Number(size));
    }
  }
  const blobs = new Map<string, Buffer>();
  const load = (wanted: string[]): void => {
    const missing = [...new Set(wanted.filter((sha) => !blobs.has(sha)))];
    if (missing.length === 0) return;
    const out = git(options.cwd, ['cat-file', '--batch'], `${missing.join('\n')}\n`);
    let at = 0;
    while (at < out.length) {
      const eol = out.indexOf(0x0a, at);
      if (eol === -1) break;
      const [sha, , size] = out.subarray(at, eol).toString('utf8').split(' ');
      const length = Number(size);
      if (!sha || !Number.isFinite(length)) break;
      blobs.set(sha, out.subarray(eol + 1, eol + 1 + length));
      at = eol + 1 + length + 1;
    }
  };
  return {
    list: () => ({ paths: sortFiles(entries.map((e) => ({ file: e.file, notGitIgnored: true }))), skipped: [] }),
    read(file, maxFileSize = 5 * 1024 * 1024, prefilter) {
      const sha = bySha.get(file);
      if (!sha) return { file, reason: 'vanished' } satisfies SkippedFile;
      const size = sizes.get(sha) ?? 0;
      if (size > maxFileSize) return { file, reason: 'too-large', detail: `${size} bytes` };
      // read every small staged blob in one git process, the first time any is asked for
      if (!blobs.has(sha)) load(entries.filter((e) => (sizes.get(e.sha) ?? 0) <= maxFileSize).map((e) => e.sha).concat(sha));
      const bytes = blobs.get(sha);
      if (!bytes) return { file, reason: 'unreadable', detail: 'not in the index' };
      return decodeSource(file, bytes, prefilter, true);
    },
  };
}

/**
 * The files changed since `rev`, for pull-request gates: what `git diff --merge-base <rev>` lists
 * — every file added, copied, modified, renamed or type-changed between the merge base of `rev`
 * and HEAD and the working tree, i.e. the branch's commits plus uncommitted edits, staged or not —
 * plus untracked files git does not ignore. In CI the working tree is clean, so this is exactly
 * the pull request's diff against its base branch. Files are read from the working tree.
 */
export function changedSincePaths(options: GitSourceOptions & { rev: string }): ListedPath[] {
  workTreeTop(options.cwd, '--since');
  verifyRevision(options.cwd, options.rev);
  let changed: Buffer[];
  try {
    changed = nulSplit(
      git(options.cwd, ['diff', '--name-only', '-z', '--relative', '--no-renames', '--diff-filter=ACMRT', '--no-ext-diff', '--merge-base', options.rev, '--', ...options.paths]),
    );
  } catch (error) {
    throw new GitError(`cannot diff against "${options.rev.slice(0, 80)}": ${(error as Error).message} (a shallow clone may lack the merge base: fetch-depth: 0)`);
  }
  const untracked = nulSplit(git(options.cwd, ['ls-files', '-z', '--others', '--exclude-standard', '--', ...options.paths]));
  const keep = globFilter(options.include, options.exclude);
  // both lists are relative to cwd; names are bytes, read through their real path
  const byName = new Map<string, ListedPath>();
  for (const name of [...changed, ...untracked]) {
    const item = listedFromBytes(options.cwd, joinBytes(options.cwd, name), true);
    if (keep(item.file)) byName.set(item.file, item);
  }
  return sortFiles([...byName.values()]);
}
