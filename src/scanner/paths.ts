/**
 * File names as the scanner prints them and as it opens them. Names are bytes on Linux and need
 * not be UTF-8 (`conf\xff.env`): such a name is kept as a Buffer for every read or write and shown
 * escaped (`\xff`). Control characters are escaped too, so a name cannot forge report lines.
 */
import { isUtf8 } from 'node:buffer';
import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Posix separators. */
export const toPosix = (p: string): string => p.split(sep).join('/');

// C0 controls and DEL: a newline or an escape sequence in a name must not reach a terminal or a report.
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/g;

const hex = (byte: number): string => `\\x${byte.toString(16).padStart(2, '0')}`;

/**
 * A file name's bytes as text to print: valid UTF-8 as is, every byte that is not part of a
 * valid UTF-8 sequence as `\xHH`, control characters as `\xHH`.
 */
export function displayName(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8').replace(CONTROL, (c) => hex(c.charCodeAt(0)));
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    const piece = length === 0 ? undefined : bytes.subarray(i, i + length);
    if (piece && piece.length === length && isUtf8(piece)) {
      out += piece.toString('utf8');
      i += length;
    } else {
      out += hex(b);
      i += 1;
    }
  }
  return out.replace(CONTROL, (c) => hex(c.charCodeAt(0)));
}

/** A listed file: the name to print (posix, relative to the cwd) and, when that name is not the real one, the real path's bytes. */
export interface ListedPath {
  file: string;
  /** Git tracks (or would add) this file. `undefined` outside a git work tree. */
  notGitIgnored?: boolean;
  /** The absolute path as bytes, for names that are not plain UTF-8 (read and write through it). */
  raw?: Buffer;
}

/** A listed file from an absolute path given as bytes. */
export function listedFromBytes(cwd: string, abs: Buffer, notGitIgnored?: boolean): ListedPath {
  const text = displayName(abs);
  const item: ListedPath = { file: toPosix(relative(cwd, text)) };
  if (notGitIgnored !== undefined) item.notGitIgnored = notGitIgnored;
  if (text !== abs.toString('utf8') || !isUtf8(abs)) item.raw = Buffer.from(abs);
  return item;
}

// A relative name that `path.relative` would give back as it is: no `.`/`..` segment, no empty one.
const NOT_NORMAL = /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|^\/|\/$|^$/;

/** Whether a relative posix name needs no normalising: no `.` or `..` segment, no empty one, no leading or trailing `/`. */
export function isNormalName(name: string): boolean {
  return !NOT_NORMAL.test(name);
}

/** Whether a cwd can take the {@link listedUnder} shortcut: a valid UTF-8 name without control characters. */
export function isPlainFolder(cwd: string): boolean {
  return displayName(Buffer.from(cwd)) === cwd;
}

/**
 * {@link listedFromBytes} for `name` (bytes, as git lists it) relative to `cwd`, when `cwd` is
 * absolute and {@link isPlainFolder}: the same item without joining, printing and relativising the
 * absolute path (a tenth of a second per 20,000 files), which the odd name still takes.
 */
export function listedUnder(cwd: string, name: Buffer, notGitIgnored?: boolean): ListedPath {
  // displayName, with the UTF-8 check and the decoding done once for the raw-name test too
  const decoded = isUtf8(name) ? name.toString('utf8') : undefined;
  const text = decoded === undefined ? displayName(name) : decoded.replace(CONTROL, (c) => hex(c.charCodeAt(0)));
  if (!isNormalName(text)) return listedFromBytes(cwd, joinBytes(cwd, name), notGitIgnored);
  const item: ListedPath = { file: text };
  if (notGitIgnored !== undefined) item.notGitIgnored = notGitIgnored;
  if (text !== decoded) item.raw = joinBytes(cwd, name);
  return item;
}

/** Joins a folder (text) and a name (bytes) into an absolute path as bytes. */
export function joinBytes(dir: string | Buffer, name: Buffer): Buffer {
  const base = typeof dir === 'string' ? Buffer.from(dir) : dir;
  return Buffer.concat([base, base[base.length - 1] === 0x2f ? Buffer.alloc(0) : Buffer.from('/'), name]);
}

/** Whether `path` is `root` or inside it (both absolute, real paths). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The folder a scan is rooted in: the current folder when every path lies inside it (the usual
 * case), else the deepest folder that holds all of them (`scan ../repo` from elsewhere: `../repo`).
 * Configuration is looked up there, and symbolic links never lead out of it.
 */
export function scanRoot(cwd: string, paths: readonly string[]): string {
  const base = resolve(cwd);
  const targets = paths.map((p) => resolve(base, p));
  if (targets.every((t) => isInside(base, t))) return base;
  let common = targets[0] ?? base;
  for (const t of targets.slice(1)) {
    while (!isInside(common, t)) common = resolve(common, '..');
  }
  try {
    if (!statSync(common).isDirectory()) common = dirname(common);
  } catch {
    // a path that does not exist is the CLI's usage error, not ours
  }
  return common;
}

/**
 * The name the rules see for a file (ESLint matches configs by it): the cwd-relative name without
 * leading `../` segments, so a file of a scanned folder outside the cwd is linted like any other.
 */
export function ruleFileName(file: string): string {
  return file.replace(/^(?:\.\.\/)+/, '').replace(/^\/+/, '');
}
