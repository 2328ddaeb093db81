import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, openSync, readFileSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { SkippedFile } from './types.js';

/** How to find files. */
export interface WalkOptions {
  cwd: string;
  /** Files or folders to scan, relative to cwd (default `.`). */
  paths: string[];
  include?: string[];
  exclude?: string[];
  /** Bytes; larger files are skipped (default 5 MB). */
  maxFileSize?: number;
}

const DEFAULT_MAX = 5 * 1024 * 1024;
const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules']);

const toPosix = (p: string): string => p.split(sep).join('/');

/**
 * Lists candidate paths: inside a git work tree, what git tracks plus untracked files it does not
 * ignore (so `.gitignore` is respected exactly as git reads it); elsewhere, a directory walk that
 * reads `.gitignore` files itself, skips `node_modules` and `.git`, and survives symlink loops.
 */
export function listPaths(options: WalkOptions): { paths: { file: string; notGitIgnored?: boolean }[]; skipped: SkippedFile[] } {
  const cwd = resolve(options.cwd);
  const skipped: SkippedFile[] = [];
  const targets = options.paths.length > 0 ? options.paths : ['.'];
  let listed: { file: string; notGitIgnored?: boolean }[] | undefined;
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', ...targets], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    listed = [...new Set(out.split('\0').filter(Boolean))].map((p) => ({ file: toPosix(relative(cwd, join(top, p))), notGitIgnored: true }));
  } catch {
    listed = undefined; // not a git work tree, or no git: walk ourselves
  }
  if (!listed) {
    listed = [];
    for (const target of targets) walkDir(cwd, resolve(cwd, target), listed, skipped);
  }
  const include = options.include?.length ? picomatch(options.include, { dot: true }) : undefined;
  const exclude = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : undefined;
  const paths = listed.filter((p) => (!include || include(p.file)) && !(exclude && exclude(p.file)));
  paths.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { paths, skipped };
}

function walkDir(cwd: string, start: string, out: { file: string }[], skipped: SkippedFile[]): void {
  const visited = new Set<string>();
  const stack: { dir: string; ignores: { base: string; ig: Ignore }[] }[] = [];
  let st;
  try {
    st = statSync(start);
  } catch {
    skipped.push({ file: toPosix(relative(cwd, start)) || '.', reason: 'unreadable', detail: 'path does not exist' });
    return;
  }
  if (st.isFile()) {
    out.push({ file: toPosix(relative(cwd, start)) });
    return;
  }
  stack.push({ dir: start, ignores: [] });
  while (stack.length > 0) {
    const { dir, ignores } = stack.pop()!;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      skipped.push({ file: toPosix(relative(cwd, dir)), reason: 'unreadable' });
      continue;
    }
    if (visited.has(real)) {
      skipped.push({ file: toPosix(relative(cwd, dir)), reason: 'symlink-loop' });
      continue;
    }
    visited.add(real);
    let local = ignores;
    const gitignore = join(dir, '.gitignore');
    if (existsSync(gitignore)) {
      try {
        local = [...ignores, { base: dir, ig: ignore().add(readFileSync(gitignore, 'utf8')) }];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      skipped.push({ file: toPosix(relative(cwd, dir)), reason: 'unreadable' });
      continue;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = statSync(abs).isDirectory();
        } catch {
          skipped.push({ file: toPosix(relative(cwd, abs)), reason: 'symlink-loop', detail: 'dangling or looping link' });
          continue;
        }
      }
      if (isDir && ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
      const ignored = local.some(({ base, ig }) => {
        const rel = toPosix(relative(base, abs));
        return rel !== '' && ig.ignores(isDir ? `${rel}/` : rel);
      });
      if (ignored) continue;
      if (isDir) stack.push({ dir: abs, ignores: local });
      else out.push({ file: toPosix(relative(cwd, abs)) });
    }
  }
}

const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');

/** What reading one file gave: its text, or "not Gemini-related" (left undecoded), or a skip. */
export type ReadOutcome = { text: string } | { unrelated: true } | SkippedFile;

/**
 * Reads one file for scanning, or says why not: too large, binary (a NUL byte early on), not
 * decodable as UTF-8 / UTF-16 with BOM, unreadable, or gone since it was listed. With
 * `prefilter`, a file whose bytes never mention Gemini is not decoded at all (`unrelated`).
 */
export function readSource(
  cwd: string,
  file: string,
  maxFileSize = DEFAULT_MAX,
  prefilter?: (bytes: Buffer) => boolean,
): ReadOutcome {
  const abs = resolve(cwd, file);
  let size: number;
  try {
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) {
      const target = statSync(abs);
      if (!target.isFile()) return { file, reason: 'symlink-loop', detail: 'link to a directory' };
      size = target.size;
    } else if (!st.isFile()) {
      return { file, reason: 'unreadable', detail: 'not a regular file' };
    } else {
      size = st.size;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, reason: 'vanished' };
    if (code === 'ELOOP') return { file, reason: 'symlink-loop' };
    return { file, reason: 'unreadable', detail: code };
  }
  if (size > maxFileSize) return { file, reason: 'too-large', detail: `${size} bytes` };
  let bytes: Buffer;
  try {
    bytes = readInto(abs, size);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { file, reason: 'vanished' } : { file, reason: 'unreadable', detail: code };
  }
  return decodeSource(file, bytes, prefilter);
}

// One buffer, grown as needed, holds each file's bytes while the prefilter looks at them: most
// files of a repository are never decoded, and reading them into a fresh Buffer each (ccxt: 60 MB
// in 1,300 files) cost more in garbage collection than the reads themselves.
let scratch = Buffer.alloc(0);

/**
 * The file's bytes, in the shared scratch buffer: valid until the next call, so callers decode
 * (copy) them before reading another file. A file that grew since `size` was taken is read to its
 * end all the same.
 */
function readInto(abs: string, size: number): Buffer {
  const fd = openSync(abs, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === scratch.length) {
        const grown = Buffer.allocUnsafe(Math.max(size + 1, scratch.length * 2, 64 * 1024));
        scratch.copy(grown, 0, 0, length);
        scratch = grown;
      }
      const read = readSync(fd, scratch, length, scratch.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return scratch.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Decodes a file's bytes for scanning (wherever they come from: the disk, the git index): UTF-16
 * with a BOM, else UTF-8 (a leading BOM dropped); a NUL byte early on means binary. With
 * `prefilter`, bytes that never mention Gemini are not decoded (`unrelated`).
 */
export function decodeSource(file: string, bytes: Buffer, prefilter?: (bytes: Buffer) => boolean): ReadOutcome {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: UTF16LE.decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: UTF16BE.decode(bytes.subarray(2)) };
  if (bytes.subarray(0, 8000).includes(0)) return { file, reason: 'binary' };
  if (prefilter && !prefilter(bytes)) return { unrelated: true };
  if (!isUtf8(bytes)) return { file, reason: 'invalid-utf8' };
  const text = bytes.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
