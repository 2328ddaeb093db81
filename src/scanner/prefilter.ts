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

const NEEDLES = ['gemini', 'Gemini', 'GEMINI'].map((n) => Buffer.from(n));
const KEY_PREFIXES = GEMINI_API_KEY_PREFIXES.map((prefix) => Buffer.from(prefix));

/**
 * {@link mayConcernGemini} on raw bytes, before any decoding: native substring searches for the
 * usual spellings of "gemini" and for key prefixes (then the key regex on that file only). Most
 * files of a repository stop here, never decoded and never held in memory.
 */
export function mayConcernGeminiBytes(bytes: Buffer): boolean {
  for (const needle of NEEDLES) if (bytes.includes(needle)) return true;
  for (const prefix of KEY_PREFIXES) {
    for (let at = bytes.indexOf(prefix); at !== -1; at = bytes.indexOf(prefix, at + 1)) {
      if (keyShapeAt(bytes, at, prefix.length)) return true;
    }
  }
  return false;
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
