import { GEMINI_API_KEY_BODY_LENGTH, GEMINI_API_KEY_PREFIXES, GEMINI_API_KEY_RE } from '../gemini/credentials.js';

/**
 * Cheap first: one regex pass over a file's text decides whether it deserves a parse. A file
 * that never says "gemini" and holds nothing shaped like a Gemini key cannot hold a Gemini
 * finding on its own (files it is imported by bring it in through the cross-file phase).
 */
const KEYWORDS = new RegExp(`gemini|${GEMINI_API_KEY_RE.source}`, 'i');

/** True when `text` may contain something Gemini-related. */
export function mayConcernGemini(text: string): boolean {
  return KEYWORDS.test(text);
}

// Printable ASCII from the most to the least frequent in source code (measured on ccxt's 60 MB).
const BY_FREQUENCY = ' etrsainocd/m\'ulp,h"f:.g=0)(by{};-k*w1vTPx@[]S2IO_A35C4D6qEM879LRBNj?FUH+V><G#!WzK|&QX%YZ$`J\\^~';

/**
 * A literal found through its rarest piece. `Buffer#indexOf` looks for a short needle by jumping
 * (memchr) to each occurrence of its first byte, and for one of 8+ bytes by Boyer-Moore, which the
 * frequent last letters of words slow down: `export const` cost 40 ms over ccxt's 60 MB, `xport c`
 * 7 ms. So the needle searched for is at most 7 bytes that start at the literal's least frequent
 * byte (among those that leave 4 bytes or more, so that a hit is rare), and each hit is checked
 * against the whole literal: the answers are exactly those of `bytes.indexOf(literal)`.
 */
export interface Literal {
  readonly bytes: Buffer;
  /** Where the searched piece starts in the literal. */
  readonly offset: number;
  readonly piece: Buffer;
}

/** A {@link Literal} for `text` (ASCII). */
export function literal(text: string): Literal {
  const bytes = Buffer.from(text, 'latin1');
  const rank = (i: number): number => {
    const at = BY_FREQUENCY.indexOf(text[i]!);
    return at === -1 ? BY_FREQUENCY.length : at;
  };
  let offset = 0;
  for (let i = 1; i <= bytes.length - 4; i++) if (rank(i) > rank(offset)) offset = i;
  return { bytes, offset, piece: bytes.subarray(offset, offset + 7) };
}

/** The first index of `lit` in `bytes` at or after `from`, or -1: `bytes.indexOf(lit.bytes, from)`, faster. */
export function indexOfLiteral(bytes: Buffer, lit: Literal, from = 0): number {
  const { bytes: whole, offset, piece } = lit;
  for (let at = bytes.indexOf(piece, from + offset); at !== -1; at = bytes.indexOf(piece, at + 1)) {
    const start = at - offset;
    if (start + whole.length > bytes.length) return -1;
    let i = 0;
    while (i < offset && bytes[start + i] === whole[i]) i++;
    if (i < offset) continue;
    i = offset + piece.length;
    while (i < whole.length && bytes[start + i] === whole[i]) i++;
    if (i === whole.length) return start;
  }
  return -1;
}

const NEEDLES = ['gemini', 'Gemini', 'GEMINI'].map(literal);

// Every key prefix ends in "-": one native search for that byte (rarer in code than any letter of
// the prefixes) finds them all, and each hit is checked against the prefixes and the key's shape.
// On ccxt's 60 MB (one "-" in 200 bytes) this took half the time of a search per prefix (15 ms
// against 34; the spellings of "gemini" take 12). Each hit costs a call, though: where dashes are
// dense (SVG paths, Markdown tables, lockfiles: one in a few bytes) that was up to 300 times slower
// than a search per prefix, so once 1,024 dashes average more than one in 64 bytes the search per
// prefix takes over (not sooner: ccxt's files open with a comment line of 75 dashes).
const KEY_PREFIXES = GEMINI_API_KEY_PREFIXES.map(literal);
const DASH = 0x2d;
if (!KEY_PREFIXES.every((p) => p.bytes[p.bytes.length - 1] === DASH)) throw new Error('prefilter: every Gemini key prefix must end in "-"');
const DENSE_AFTER = 1024;
const DENSE_SPACING = 64;

function hasKeyShape(bytes: Buffer): boolean {
  let seen = 0;
  for (let at = bytes.indexOf(DASH); at !== -1; at = bytes.indexOf(DASH, at + 1)) {
    if (++seen > DENSE_AFTER && seen * DENSE_SPACING > at) return hasKeyShapeByPrefix(bytes);
    for (const { bytes: prefix } of KEY_PREFIXES) {
      const start = at + 1 - prefix.length;
      if (start < 0 || bytes[at - 1] !== prefix[prefix.length - 2]) continue;
      if (bytes.compare(prefix, 0, prefix.length - 1, start, at) === 0 && keyShapeAt(bytes, start, prefix.length)) return true;
    }
  }
  return false;
}

/** {@link hasKeyShape} by a search per prefix (dense dashes). */
function hasKeyShapeByPrefix(bytes: Buffer): boolean {
  for (const prefix of KEY_PREFIXES) {
    for (let at = indexOfLiteral(bytes, prefix); at !== -1; at = indexOfLiteral(bytes, prefix, at + 1)) {
      if (keyShapeAt(bytes, at, prefix.bytes.length)) return true;
    }
  }
  return false;
}

/**
 * {@link mayConcernGemini} on raw bytes, before any decoding: native substring searches for the
 * usual spellings of "gemini" and for key prefixes (then the key's shape at each). Most files of
 * a repository stop here, never decoded and never held in memory.
 */
export function mayConcernGeminiBytes(bytes: Buffer): boolean {
  for (const needle of NEEDLES) if (indexOfLiteral(bytes, needle) !== -1) return true;
  return hasKeyShape(bytes);
}

const isAlnum = (b: number | undefined): boolean =>
  b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/** Exactly the key's 20 alphanumerics after the prefix, with no alphanumeric run around it. */
function keyShapeAt(bytes: Buffer, at: number, prefixLength: number): boolean {
  if (at > 0 && isAlnum(bytes[at - 1])) return false;
  const start = at + prefixLength;
  for (let i = start; i < start + GEMINI_API_KEY_BODY_LENGTH; i++) if (!isAlnum(bytes[i])) return false;
  return !isAlnum(bytes[start + GEMINI_API_KEY_BODY_LENGTH]);
}

/** File kinds the scanner knows how to read. */
export type FileKind = 'js' | 'ts' | 'env' | 'json' | 'yaml' | 'toml' | 'ini' | 'markdown' | 'docker' | 'shell' | 'text';

const BY_EXTENSION: Record<string, FileKind> = {
  js: 'js', mjs: 'js', cjs: 'js', jsx: 'js',
  ts: 'ts', mts: 'ts', cts: 'ts', tsx: 'ts',
  json: 'json', jsonc: 'json', json5: 'json',
  yaml: 'yaml', yml: 'yaml',
  toml: 'toml',
  ini: 'ini', properties: 'ini', cfg: 'ini', conf: 'ini',
  md: 'markdown', mdx: 'markdown', markdown: 'markdown',
  sh: 'shell', bash: 'shell', zsh: 'shell',
};

/** What kind of file a path is, by its name. */
export function fileKind(path: string): FileKind {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^\.env(\..*)?$/i.test(base) || /\.env$/i.test(base)) return 'env';
  if (/^(Dockerfile|Containerfile)(\..*)?$/i.test(base) || /\.dockerfile$/i.test(base)) return 'docker';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'text';
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? 'text';
}

/** True for JavaScript/TypeScript sources (parsed and linted with the plugin's rules). */
export function isCode(kind: FileKind): boolean {
  return kind === 'js' || kind === 'ts';
}

/** The length of `text` once string literals of 200+ characters on one line (data: URIs, base64 blobs) are left out. */
function codeLength(text: string): number {
  let dropped = 0;
  let i = 0;
  // a linear scan: a regex with a backtracking run of this kind overflows the stack on megabyte lines
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x22 && c !== 0x27 && c !== 0x60) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 0x22 || d === 0x27 || d === 0x60 || d === 0x0a || d === 0x5c) break;
      j++;
    }
    if (j < text.length && text.charCodeAt(j) === c && j - i - 1 >= 200) {
      dropped += j - i - 1;
      i = j + 1;
    } else {
      i = j;
    }
  }
  return text.length - dropped;
}

/**
 * Minified bundles (long lines of code) are not worth an AST: their findings belong to the sources
 * they were built from. They still get the text scan for keys. The evidence is the whole file's
 * average line length once long string literals are set aside, so a ten-line bot that embeds one
 * 25 KB `data:` URI is linted like any other file.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && lines < 10_000; i = text.indexOf('\n', i + 1)) lines++;
  if (text.length / lines <= 1_000) return false;
  const code = codeLength(text);
  return code >= 20_000 && code / lines > 1_000;
}
