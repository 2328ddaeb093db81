// The analysis layer's shortcuts for files that cannot concern Gemini (most of a repository) must
// answer exactly what the full analysis answers.
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { nodesOfType, walk } from '../../src/analysis/ast-utils.js';
import { geminiContext } from '../../src/analysis/gemini-context.js';
import { httpCalls } from '../../src/analysis/requests/http-calls.js';
import { fileMayHoldGeminiCode } from '../../src/analysis/relevance.js';
import { registerFileSettings } from '../../src/analysis/cross-file/settings.js';
import { classFieldValue } from '../../src/analysis/values/values.js';
import { findNode, findNodes, parse } from '../helpers/parse.js';

describe('geminiContext without evidence in the text', () => {
  it('still finds evidence spelled with string escapes', () => {
    const sc = parse(`const BASE = 'https://api.gem\\u0069ni.com'; probe();`);
    expect(geminiContext(sc).isGeminiCode(findNode(sc, AST_NODE_TYPES.Identifier, 'probe'))).toBe(true);
  });

  it('still knows other APIs in a file that never says gemini', () => {
    const sc = parse(`const h = { 'X-MBX-APIKEY': key }; probe();`);
    const ctx = geminiContext(sc);
    expect(ctx.isOtherApiCode(findNode(sc, AST_NODE_TYPES.Identifier, 'probe'))).toBe(true);
    expect(ctx.counterEvidence.map((e) => e.kind)).toEqual(['binance']);
    expect(ctx.evidence).toEqual([]);
  });

  it('calls nothing Gemini code or other-API code in a file with no evidence either way', () => {
    const sc = parse(`const payload = { request: '/v1/balances', nonce: Date.now() }; probe();`);
    const ctx = geminiContext(sc);
    const probe = findNode(sc, AST_NODE_TYPES.Identifier, 'probe');
    expect([ctx.isGeminiCode(probe), ctx.isOtherApiCode(probe), ctx.fileIsGemini, ctx.counterEvidence]).toEqual([false, false, false, []]);
  });
});

describe('httpCalls without an HTTP client import', () => {
  it('recognises axios instances when axios is imported, and plain fetch without it', () => {
    const withAxios = parse(`import axios from 'axios';\nclass C { constructor() { this.http = axios.create({ baseURL: 'https://api.gemini.com' }); }\n  go() { return this.http.post('/v1/balances'); } }`);
    expect(httpCalls(withAxios).map((c) => [c.client, c.url?.text])).toEqual([['axios', 'https://api.gemini.com/v1/balances']]);
    const withoutAxios = parse(`class C { go() { this.http.post('/v1/balances'); return fetch('https://api.gemini.com/v1/symbols'); } }`);
    expect(httpCalls(withoutAxios).map((c) => c.client)).toEqual(['fetch']);
  });
});

describe('classFieldValue, answered once per class', () => {
  it('gives the single value of a field, and nothing for a field set twice or by a parameter property', () => {
    const sc = parse(
      `class C {\n  base = 'a';\n  constructor(private readonly key: string) { this.url = 'u'; this.twice = 1; if (x) this.twice = 2; }\n  m() { return [this.base, this.url, this.twice, this.key, this.none]; }\n}`,
    );
    const members = findNodes(sc, AST_NODE_TYPES.MemberExpression).filter((m) => m.object.type === AST_NODE_TYPES.ThisExpression && m.parent?.type === AST_NODE_TYPES.ArrayExpression);
    const values = members.map((m) => {
      const name = (m.property as { name: string }).name;
      const value = classFieldValue(m, name);
      return [name, value ? sc.getText(value) : undefined];
    });
    expect(values).toEqual([
      ['base', "'a'"],
      ['url', "'u'"],
      ['twice', undefined],
      ['key', undefined],
      ['none', undefined],
    ]);
  });
});

describe('walk and the node index', () => {
  it('visit every node but type annotations, in source order', () => {
    const sc = parse(`const a: Array<string> = [b, c(d)];\nfunction f<T>(x: T): T { return x; }`);
    const seen: string[] = [];
    walk(sc.ast, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier) seen.push(node.name);
    });
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'f', 'x', 'x']);
    expect(nodesOfType(sc.ast, AST_NODE_TYPES.Identifier).map((n) => n.name)).toEqual(seen);
  });
});

describe('fileMayHoldGeminiCode', () => {
  it('lets through Gemini text, keys whole or in pieces, escapes and files with cross-file facts', () => {
    for (const code of [
      'const x = "gemini";',
      "const k = 'account-aB3dE5gH7jK9mN1pQ2rS';",
      "const k = 'account-' + body;",
      'const k = `master-${body}`;',
      "const k = 'account' + '-' + body;",
      "const s = 'gem\\x69ni';",
    ]) {
      expect(fileMayHoldGeminiCode(parse(code)), code).toBe(true);
    }
    const imported = parse(`import { BASE } from './config'; fetch(BASE + '/v1/balances');`);
    registerFileSettings(imported, { importedValues: { './config#BASE': 'https://api.gemini.com' } });
    expect(fileMayHoldGeminiCode(imported)).toBe(true);
  });

  it('stops files that only say "account" or "master" in other senses', () => {
    expect(fileMayHoldGeminiCode(parse("const a = this.safeString(params, 'account'); git.checkout('master'); const sub = 'sub-account-id';"))).toBe(false);
  });

  it('decodes escapes instead of letting every file with one through', () => {
    for (const code of ["const nbsp = '\\u00a0'; const tab = '\\x09';", "const e = '\\u{1F600}'; // not a character: \\u{110000}"]) {
      expect(fileMayHoldGeminiCode(parse(code)), code).toBe(false);
      expect(geminiContext(parse(code)).fileIsGemini, code).toBe(false);
    }
    for (const code of ["const h = 'api.\\u{67}emini.com';", "const k = '\\x61ccount-' + body;", 'const \\u0067emini = 1;']) {
      expect(fileMayHoldGeminiCode(parse(code)), code).toBe(true);
    }
  });
});

describe('nodesOfType with several types', () => {
  it('lists them in source order, even where the walk is not (template quasis before expressions)', () => {
    const sc = parse('const t = `a${`b${x}c`}d`; f(`e`, 1, new G(2));');
    const nodes = nodesOfType(sc.ast, AST_NODE_TYPES.TemplateElement, AST_NODE_TYPES.Literal, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression);
    expect(nodes.map((n) => sc.getText(n))).toEqual(['`a${', '`b${', '}c`', '}d`', 'f(`e`, 1, new G(2))', '`e`', '1', 'new G(2)', '2']);
  });
});
