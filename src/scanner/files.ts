import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readFileSync, readSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { execFileSync as ExecFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import type picomatchType from 'picomatch';
import { displayName, isNormalName, isPlainFolder, joinBytes, listedFromBytes, listedUnder, toPosix, type ListedPath } from './paths.js';
import type { SkippedFile } from './types.js';

/** How to find files. */
export interface WalkOptions {
  cwd: string;
  /** The scanned folder (default: cwd): symbolic links never lead out of it. See {@link scanRoot}. */
  root?: string;
  /** Files or folders to scan, relative to cwd (default `.`). */
  paths: string[];
  include?: string[];
  exclude?: string[];
  /** Bytes; larger files are skipped (default 5 MB). */
  maxFileSize?: number;
  /**
   * When files are listed and the `include` globs keep none of them, throw an
   * {@link UnmatchedIncludeError} instead of scanning nothing (set by the CLI for scans of the whole
   * root: a part of it, such as the files lint-staged passes, may lie outside the globs).
   */
  includeMustMatch?: boolean;
}

/**
 * The `include` globs keep none of the files listed: a scan would check nothing and report it clean.
 * On the whole root, that is a mistyped pattern, or one written relative to another folder.
 */
export class UnmatchedIncludeError extends Error {
  constructor(
    readonly include: readonly string[],
    readonly listed: number,
  ) {
    super(`the include patterns (${include.map((g) => JSON.stringify(g)).join(', ')}) match none of the ${listed} files listed: nothing would be checked`);
    this.name = 'UnmatchedIncludeError';
  }
}

export type { ListedPath } from './paths.js';

// Loaded on first use, not at start-up: git only inside a work tree, picomatch only with
// --include/--exclude, ignore only for .gitignore files outside git.
const require = createRequire(import.meta.url);
const execFileSync = ((...args: Parameters<typeof ExecFileSync>) => process.getBuiltinModule('node:child_process').execFileSync(...args)) as typeof ExecFileSync;
const picomatch = (...args: Parameters<typeof picomatchType>): ReturnType<typeof picomatchType> => (require('picomatch') as typeof picomatchType)(...args);
const ignore = (): Ignore => (require('ignore') as () => Ignore)();

const DEFAULT_MAX = 5 * 1024 * 1024;
// C0 controls but NUL (git's separator), and DEL
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_BUT_NUL = /[\u0001-\u001f\u007f]/;
const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** Splits NUL-separated output into byte strings (file names need not be UTF-8). */
export function nulSplit(out: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = out.indexOf(0); at !== -1; at = out.indexOf(0, start)) {
    if (at > start) parts.push(out.subarray(start, at));
    start = at + 1;
  }
  if (start < out.length) parts.push(out.subarray(start));
  return parts;
}

/** The real path of the root, as bytes (so a link's target can be compared byte for byte). */
function realRoot(root: string): Buffer {
  try {
    return realpathSync.native(root, { encoding: 'buffer' });
  } catch {
    return Buffer.from(resolve(root));
  }
}

/** Whether the real path `path` is `root` or inside it, byte for byte. */
function insideBytes(root: Buffer, path: Buffer): boolean {
  if (path.equals(root)) return true;
  const prefix = root[root.length - 1] === 0x2f ? root : Buffer.concat([root, Buffer.from('/')]);
  return path.length > prefix.length && path.subarray(0, prefix.length).equals(prefix);
}

/**
 * Lists candidate paths: inside a git work tree, what git tracks plus untracked files it does not
 * ignore (so `.gitignore` is respected exactly as git reads it); elsewhere, a directory walk that
 * reads `.gitignore` files itself, skips `node_modules` and `.git`, survives symlink loops and never
 * follows a link out of the root. Git runs in the scanned root, not the cwd, so `scan ../repo`
 * lists that repository's files. Names are read as bytes (NUL-separated).
 */
export function listPaths(options: WalkOptions): { paths: ListedPath[]; skipped: SkippedFile[] } {
  const cwd = resolve(options.cwd);
  const root = resolve(options.root ?? cwd);
  const skipped: SkippedFile[] = [];
  const targets = options.paths.length > 0 ? options.paths.map((p) => resolve(cwd, p)) : [cwd];
  let listed: ListedPath[] | undefined;
  if (mayBeInGitWorkTree(root)) {
    try {
      const specs = targets.map((t) => toPosix(relative(root, t)) || '.');
      // Names come relative to `root` (git's working directory), where every target lies.
      const out = execFileSync('git', ['-c', 'core.quotepath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...specs], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 256 * 1024 * 1024,
      });
      listed = [];
      // the shortcut for names under the cwd (posix: Windows paths compare and join otherwise)
      const under = sep === '/' && root === cwd && isPlainFolder(root);
      // a name git lists more than once (a conflicted file: an entry per stage) counts once
      const seen = new Set<string>();
      const text = under && isUtf8(out) ? out.toString('utf8') : undefined;
      if (text !== undefined && !CONTROL_BUT_NUL.test(text)) {
        // every name valid UTF-8 without control characters (nearly every repository): decoded
        // at once, each printed as it is unless it needs normalising (a fifth of the listing's
        // time at 21k files went to decoding and checking the names one by one)
        for (const name of text.split('\0')) {
          if (name === '' || seen.has(name)) continue;
          seen.add(name);
          listed.push(isNormalName(name) ? { file: name, notGitIgnored: true } : listedUnder(cwd, Buffer.from(name), true));
        }
      } else {
        for (const name of nulSplit(out)) {
          const key = name.toString('latin1');
          if (seen.has(key)) continue;
          seen.add(key);
          listed.push(under ? listedUnder(cwd, name, true) : listedFromBytes(cwd, joinBytes(root, name), true));
        }
      }
    } catch {
      listed = undefined; // not a git work tree, or no git: walk ourselves
    }
  }
  if (!listed) {
    listed = [];
    const real = realRoot(root);
    for (const target of targets) walkDir(cwd, real, target, listed, skipped);
  }
  const include = options.include?.length ? picomatch(options.include, { dot: true }) : undefined;
  const exclude = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : undefined;
  const included = include ? listed.filter((p) => include(p.file)) : listed;
  if (options.includeMustMatch && include && listed.length > 0 && included.length === 0) throw new UnmatchedIncludeError(options.include!, listed.length);
  const paths = exclude ? included.filter((p) => !exclude(p.file)) : included;
  paths.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { paths, skipped };
}

/**
 * Whether git could see `root` as part of a work tree: a `.git` (folder, or file for worktrees and
 * submodules) in it or a folder above it, by its path or its real path, or `GIT_DIR` set. Without
 * one, git would only fail: the scan walks the folders without spawning it.
 */
function mayBeInGitWorkTree(root: string): boolean {
  if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined) return true;
  if (dotGitAbove(root) !== undefined) return true;
  try {
    return dotGitAbove(realpathSync.native(root)) !== undefined;
  } catch {
    return true; // cannot tell: let git decide
  }
}

/** The nearest `.git` (folder or file) in `start` or a folder above it, and what `stat` says of it. */
function dotGitAbove(start: string): { path: string; stats: Stats } | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const path = join(dir, '.git');
    let stats: Stats | undefined;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch {
      // unreadable (EACCES, ENOTDIR): as absent, as `existsSync` says
    }
    if (stats) return { path, stats };
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Whether `root` lies in a git work tree whose index holds at least `bytes` bytes (an entry takes
 * 62 bytes and its name, so 64 KB is about a thousand files): told before git lists the files, from
 * a few `stat`s. False wherever that cannot be told so cheaply (`GIT_DIR`, `GIT_WORK_TREE` or
 * `GIT_INDEX_FILE` set, a worktree's or submodule's `.git` file).
 */
export function largeGitIndex(root: string, bytes: number): boolean {
  if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined || process.env.GIT_INDEX_FILE !== undefined) return false;
  try {
    const dotGit = dotGitAbove(root);
    return dotGit !== undefined && dotGit.stats.isDirectory() && (statSync(join(dotGit.path, 'index'), { throwIfNoEntry: false })?.size ?? 0) >= bytes;
  } catch {
    return false;
  }
}

function walkDir(cwd: string, root: Buffer, start: string, out: ListedPath[], skipped: SkippedFile[]): void {
  const visited = new Set<string>();
  const stack: { dir: Buffer; ignores: { base: string; ig: Ignore }[] }[] = [];
  const name = (abs: Buffer): string => listedFromBytes(cwd, abs).file || '.';
  const startBytes = Buffer.from(start);
  let st;
  try {
    st = statSync(start);
  } catch {
    skipped.push({ file: name(startBytes), reason: 'unreadable', detail: 'path does not exist' });
    return;
  }
  if (!st.isDirectory()) {
    out.push(listedFromBytes(cwd, startBytes));
    return;
  }
  stack.push({ dir: startBytes, ignores: [] });
  while (stack.length > 0) {
    const { dir, ignores } = stack.pop()!;
    let real: Buffer;
    try {
      real = realpathSync.native(dir, { encoding: 'buffer' });
    } catch {
      skipped.push({ file: name(dir), reason: 'unreadable' });
      continue;
    }
    if (!insideBytes(root, real)) {
      skipped.push({ file: name(dir), reason: 'outside-root', detail: 'a link out of the scanned folder' });
      continue;
    }
    const key = real.toString('latin1');
    if (visited.has(key)) {
      skipped.push({ file: name(dir), reason: 'symlink-loop' });
      continue;
    }
    visited.add(key);
    const dirText = displayName(dir);
    let local = ignores;
    const gitignore = joinBytes(dir, Buffer.from('.gitignore'));
    if (existsSync(gitignore)) {
      try {
        local = [...ignores, { base: dirText, ig: ignore().add(readFileSync(gitignore, 'utf8')) }];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      skipped.push({ file: name(dir), reason: 'unreadable' });
      continue;
    }
    for (const entry of entries.sort((a, b) => Buffer.compare(a.name, b.name))) {
      const abs = joinBytes(dir, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        let target: Buffer;
        try {
          target = realpathSync.native(abs, { encoding: 'buffer' });
          isDir = statSync(target).isDirectory();
        } catch {
          skipped.push({ file: name(abs), reason: 'symlink-loop', detail: 'dangling or looping link' });
          continue;
        }
        if (!insideBytes(root, target)) {
          skipped.push({ file: name(abs), reason: 'outside-root', detail: 'a link out of the scanned folder' });
          continue;
        }
      }
      const entryName = displayName(entry.name);
      if (isDir && ALWAYS_SKIPPED_DIRS.has(entryName)) continue;
      const ignored = local.some(({ base, ig }) => {
        const rel = toPosix(relative(base, join(dirText, entryName)));
        return rel !== '' && ig.ignores(isDir ? `${rel}/` : rel);
      });
      if (ignored) continue;
      if (isDir) stack.push({ dir: abs, ignores: local });
      else out.push(listedFromBytes(cwd, abs));
    }
  }
}

const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');

/**
 * What reading one file gave: its text, or "not Gemini-related" (left undecoded), or a skip. A
 * skip may carry `keysOnly`: text the key and secret detector still runs on (a binary file, invalid
 * UTF-8), because a skip must never hide a credential that can still be found.
 */
export type ReadOutcome = { text: string } | { unrelated: true } | (SkippedFile & { keysOnly?: string });

/** Where a file really is, for names that are not plain UTF-8, and the root links must stay in. */
export interface ReadLocation {
  /** The absolute path as bytes (see {@link ListedPath.raw}). */
  raw?: Buffer;
  /** The scanned root (default: cwd). */
  root?: string;
  /** Binary files and invalid UTF-8 come back with `keysOnly` text for the key detector. */
  keysOnly?: boolean;
}

// `resolve(cwd, file)` normalises both on every call: a plain name under an absolute cwd is joined.
let lastCwd: string | undefined;
let lastBase = '';

/** `resolve(cwd, file)`, without normalising a name that needs none (no `.`, `..` or empty segment). */
function absolutePath(cwd: string, file: string): string {
  if (sep !== '/' || !isAbsolute(cwd) || !isNormalName(file)) return resolve(cwd, file);
  if (cwd !== lastCwd) {
    lastCwd = cwd;
    lastBase = resolve(cwd);
  }
  return lastBase === '/' ? `/${file}` : `${lastBase}/${file}`;
}

const SPECIAL = (st: Stats): boolean => st.isFIFO() || st.isSocket() || st.isCharacterDevice() || st.isBlockDevice();

/**
 * Reads one file for scanning, or says why not: too large, binary, not decodable, unreadable, gone
 * since it was listed, a FIFO/socket/device (never opened), or a link out of the root (never
 * followed). The read is capped by the bytes actually read, not by what `stat` claims (`/proc`
 * files report size 0). With `prefilter`, a file whose bytes never mention Gemini is not decoded
 * at all (`unrelated`).
 */
export function readSource(
  cwd: string,
  file: string,
  maxFileSize = DEFAULT_MAX,
  prefilter?: (bytes: Buffer) => boolean,
  at: ReadLocation = {},
): ReadOutcome {
  const abs: string | Buffer = at.raw ?? absolutePath(cwd, file);
  let target: string | Buffer = abs;
  let st: Stats;
  try {
    st = lstatSync(abs);
    if (st.isSymbolicLink()) {
      try {
        target = realpathSync.native(abs, { encoding: 'buffer' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { file, reason: 'symlink-loop', detail: code === 'ENOENT' ? 'dangling link' : 'looping link' };
      }
      if (!insideBytes(realRoot(at.root ?? cwd), target)) return { file, reason: 'outside-root', detail: 'a link out of the scanned folder' };
      st = statSync(target);
      // a link to a folder of the root: its files are listed (and read) where they live
      if (st.isDirectory()) return { unrelated: true };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, reason: 'vanished' };
    if (code === 'ELOOP') return { file, reason: 'symlink-loop' };
    return { file, reason: 'unreadable', detail: code };
  }
  if (SPECIAL(st)) return { file, reason: 'special-file', detail: st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'a device' };
  if (!st.isFile()) return { file, reason: 'unreadable', detail: 'not a regular file' };
  if (st.size > maxFileSize) return { file, reason: 'too-large', detail: `${st.size} bytes` };
  let bytes: Buffer | SkippedFile;
  try {
    bytes = readCapped(file, target, st.size, maxFileSize);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { file, reason: 'vanished' } : code === 'ELOOP' ? { file, reason: 'symlink-loop' } : { file, reason: 'unreadable', detail: code };
  }
  if (!Buffer.isBuffer(bytes)) return bytes;
  return decodeSource(file, bytes, prefilter, at.keysOnly);
}

// One buffer, grown as needed, holds each file's bytes while the prefilter looks at them: most
// files of a repository are never decoded, and reading them into a fresh Buffer each (ccxt: 60 MB
// in 1,300 files) cost more in garbage collection than the reads themselves.
let scratch = Buffer.alloc(0);

/**
 * The file's bytes, in the shared scratch buffer: valid until the next call, so callers decode
 * (copy) them before reading another file. Opened without following a link (the caller resolved
 * it) and without blocking; a file that turns out not to be regular is not read; reading stops one
 * byte past `max`, whatever the size `stat` gave.
 */
function readCapped(file: string, path: string | Buffer, size: number, max: number): Buffer | SkippedFile {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return SPECIAL(st) ? { file, reason: 'special-file' } : { file, reason: 'unreadable', detail: 'not a regular file' };
    let length = 0;
    const limit = max + 1;
    for (;;) {
      if (length === scratch.length) {
        const grown = Buffer.allocUnsafe(Math.min(limit, Math.max(size + 1, scratch.length * 2, 64 * 1024)));
        if (grown.length <= scratch.length) break;
        scratch.copy(grown, 0, 0, length);
        scratch = grown;
      }
      const read = readSync(fd, scratch, length, Math.min(scratch.length, limit) - length, null);
      if (read === 0) break;
      length += read;
      if (length >= limit) return { file, reason: 'too-large', detail: `more than ${max} bytes` };
    }
    return scratch.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Little- or big-endian UTF-16 without a byte-order mark, told by where the zero bytes fall in ASCII-heavy text. */
function utf16WithoutBom(bytes: Buffer): 'le' | 'be' | undefined {
  const n = Math.min(bytes.length, 8000) & ~1;
  // most files hold no zero byte at all: one native search answers for them
  if (n < 4 || !bytes.subarray(0, n).includes(0)) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) return 'le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) return 'be';
  return undefined;
}

/** Binary data, not text: NUL bytes in something that is not UTF-8, or more than a stray few. */
function isBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8000);
  if (!head.includes(0)) return false;
  if (!isUtf8(bytes)) return true;
  // valid UTF-8 with a NUL in a comment or a string literal is still text
  let zeros = 0;
  for (let at = head.indexOf(0); at !== -1; at = head.indexOf(0, at + 1)) zeros++;
  return zeros > head.length / 100;
}

/**
 * Decodes a file's bytes for scanning (wherever they come from: the disk, the git index): UTF-16
 * with a BOM or told by its zero bytes, else UTF-8 (a leading BOM dropped). Binary data and
 * invalid UTF-8 are skips that still carry text for the key detector when asked (`keysOnly`). With
 * `prefilter`, bytes that never mention Gemini are not decoded (`unrelated`), binary or not.
 */
export function decodeSource(file: string, bytes: Buffer, prefilter?: (bytes: Buffer) => boolean, keysOnly = false): ReadOutcome {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: UTF16LE.decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: UTF16BE.decode(bytes.subarray(2)) };
  const wide = utf16WithoutBom(bytes);
  if (wide) {
    const text = (wide === 'le' ? UTF16LE : UTF16BE).decode(bytes);
    if (prefilter && !prefilter(Buffer.from(text))) return { unrelated: true };
    return { text };
  }
  if (prefilter && !prefilter(bytes)) return { unrelated: true };
  if (isBinary(bytes)) return keysOnly ? { file, reason: 'binary', detail: 'scanned for keys only', keysOnly: bytes.toString('latin1') } : { file, reason: 'binary' };
  if (!isUtf8(bytes)) return keysOnly ? { file, reason: 'invalid-utf8', detail: 'scanned for keys only', keysOnly: bytes.toString('utf8') } : { file, reason: 'invalid-utf8' };
  const text = bytes.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
