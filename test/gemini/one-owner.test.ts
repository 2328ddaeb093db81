import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  containsGeminiApiKey,
  GEMINI_API_KEY_PATTERN,
  GEMINI_API_KEY_PREFIX_PATTERN,
  GEMINI_API_KEY_PREFIXES,
  GEMINI_API_KEY_RE,
  GEMINI_API_SECRET_PATTERN,
  geminiApiKeyPrefix,
  isGeminiApiKey,
  isMasterApiKey,
} from '../../src/gemini/credentials.js';
import { GEMINI_HEADERS } from '../../src/gemini/headers.js';
import { GEMINI_CLIENT_PACKAGES, GOOGLE_GEMINI_AI_PACKAGES } from '../../src/gemini/packages.js';

// src/gemini owns the key and secret shapes, the header names and the package lists; a copy
// anywhere else drifts the day one of them changes.
const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const OWNER = join(SRC, 'gemini');

const SHAPE_COPIES: readonly RegExp[] = [
  /account\|master|master\|account/i, // the prefix alternation
  /account-\|master-|master-\|account-/i,
  /\[(?:0-9A-Za-z|0-9a-zA-Z|A-Za-z0-9|a-zA-Z0-9)\]\{(?:20|26,28)\}/, // a key body or a secret
];
const PREFIX_LITERAL = /^(?:account|master)-$/;
// strings that are one of the facts themselves: a header name, a client or Google AI package
const OWNED_STRINGS: ReadonlySet<string> = new Set(
  [...Object.values(GEMINI_HEADERS), ...GEMINI_CLIENT_PACKAGES, ...GOOGLE_GEMINI_AI_PACKAGES].map((s) => s.toLowerCase()),
);
const HEADER_IN_REGEX = /x-gemini-/i;

/** The regex literals and string/template texts in `code` that retype a credential shape, a header name or a package name. */
function shapeCopies(code: string, fileName = 'file.ts'): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node) || ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      const text = ts.isRegularExpressionLiteral(node) ? node.text : node.text;
      const isString = !ts.isRegularExpressionLiteral(node);
      const copy = isString
        ? PREFIX_LITERAL.test(text) || OWNED_STRINGS.has(text.toLowerCase()) || SHAPE_COPIES.some((re) => re.test(text))
        : SHAPE_COPIES.some((re) => re.test(text)) || HEADER_IN_REGEX.test(text);
      if (copy) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push(`${fileName}:${line + 1}: ${node.getText(source)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === OWNER ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the Gemini facts have one owner (src/gemini)', () => {
  it('finds no key or secret shape, header name or package name retyped in src outside src/gemini', () => {
    const copies = sourceFiles(SRC).flatMap((file) => shapeCopies(readFileSync(file, 'utf8'), relative(ROOT, file)));
    expect(copies).toEqual([]);
  });

  it('catches the ways a copy is written: regex literal, RegExp source string, template, bare prefix, header and package names', () => {
    const code = [
      'const a = /(?:account|master)-[0-9A-Za-z]{20}/;',
      "const b = new RegExp('(master|account)-x');",
      'const c = new RegExp(`^[A-Za-z0-9]{26,28}$`);',
      "const d = s.startsWith('master-');",
      "const e = { 'x-gemini-apikey': key };",
      'const f = /^X-GEMINI-/i;',
      "const g = spec === '@google/genai';",
      '// account|master and X-GEMINI-APIKEY in a comment are prose, not copies',
      "const h = [GEMINI_API_KEY_RE, GEMINI_HEADERS.apiKey, 'X-GEMINI-APIKEY is the key header.'];",
    ].join('\n');
    expect(shapeCopies(code).map((c) => c.split(':')[1])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
});

describe('the exported shape pieces', () => {
  const KEY = 'account-aB3dE5gH7jK9mN1pQ2rS';

  it('compose into the same key the detector finds', () => {
    expect(new RegExp(`^${GEMINI_API_KEY_PATTERN}$`).test(KEY)).toBe(true);
    expect(GEMINI_API_KEY_RE.test(`x ${KEY} y`)).toBe(true);
    expect(new RegExp(`^${GEMINI_API_KEY_PREFIX_PATTERN}$`).test('master')).toBe(true);
    expect(new RegExp(`^${GEMINI_API_SECRET_PATTERN}$`).test('3go2Bd2n6rPsaGwhTBHqH9rBrdzZ')).toBe(true);
    expect(GEMINI_API_KEY_PREFIXES.every((p) => isGeminiApiKey(`${p}${'aB3dE5gH7jK9mN1pQ2rS'}`))).toBe(true);
  });

  it('names the prefix of a key and tells master keys apart', () => {
    expect(geminiApiKeyPrefix(KEY)).toBe('account-');
    expect(geminiApiKeyPrefix('master-Zq8Lp3Wx7Tn2Vb5Rc9Hm')).toBe('master-');
    expect(geminiApiKeyPrefix('ACCOUNT-aB3dE5gH7jK9mN1pQ2rS')).toBeUndefined();
    expect(isMasterApiKey('master-Zq8Lp3Wx7Tn2Vb5Rc9Hm')).toBe(true);
    expect(isMasterApiKey(KEY)).toBe(false);
  });

  it('finds a key in text only when one is whole there', () => {
    expect(containsGeminiApiKey(`const k = '${KEY}';`)).toBe(true);
    expect(containsGeminiApiKey('account-short')).toBe(false);
    expect(containsGeminiApiKey(`x${KEY}`)).toBe(false);
  });
});
