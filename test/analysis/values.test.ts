import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { HOLE } from '../../src/gemini/paths.js';
import { envRead, objectEntries, staticString, valueOrigins } from '../../src/analysis/values/values.js';
import { findNode, parse } from '../helpers/parse.js';

/** staticString of the initialiser of the last `const probe = …`. */
function probe(code: string) {
  const sc = parse(code);
  const all = sc.ast.body.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations : []));
  const target = all.find((d) => d.id.type === 'Identifier' && d.id.name === 'probe');
  if (!target?.init) throw new Error('no probe');
  return { sc, node: target.init };
}

describe('staticString', () => {
  it('folds literals, templates, concatenation and const bindings', () => {
    const { sc, node } = probe(`const host = 'https://api.gemini.com'; const v = '/v1'; const probe = host + \`\${v}/order/new\`;`);
    expect(staticString(node, sc)).toEqual({ text: 'https://api.gemini.com/v1/order/new', complete: true });
  });

  it('keeps unknown template parts as one hole each', () => {
    const { sc, node } = probe(`declare const sym: string; const probe = \`/v1/book/\${sym}\`;`);
    expect(staticString(node, sc)).toEqual({ text: `/v1/book/${HOLE}`, complete: false });
  });

  it('follows a let that is assigned once', () => {
    const { sc, node } = probe(`let base; base = 'https://api.sandbox.gemini.com'; const probe = base + '/v1/balances';`);
    expect(staticString(node, sc)?.text).toBe('https://api.sandbox.gemini.com/v1/balances');
  });

  it('does not follow a let that is reassigned', () => {
    const { sc, node } = probe(`let base = 'https://a'; base = 'https://b'; const probe = base + '/x';`);
    expect(staticString(node, sc)).toEqual({ text: `${HOLE}/x`, complete: false });
  });

  it('reads object literal properties and class fields', () => {
    const sc = parse(`
      const config = { api: { base: 'https://api.gemini.com' } };
      class Client {
        base = config.api.base;
        url(p: string) { return this.base + '/v1/order/' + p; }
      }`);
    const bin = findNode(sc, AST_NODE_TYPES.ReturnStatement).argument!;
    expect(staticString(bin, sc)).toEqual({ text: `https://api.gemini.com/v1/order/${HOLE}`, complete: false });
  });

  it('reads a field assigned once in the constructor', () => {
    const sc = parse(`
      class Client {
        base: string;
        constructor() { this.base = 'https://api.gemini.com'; }
        url() { return \`\${this.base}/v1/balances\`; }
      }`);
    expect(staticString(findNode(sc, AST_NODE_TYPES.ReturnStatement).argument!, sc)?.text).toBe('https://api.gemini.com/v1/balances');
  });

  it('survives binding cycles', () => {
    const { sc, node } = probe(`const a = b + 'x'; const b = a + 'y'; const probe = a;`);
    expect(() => staticString(node, sc)).not.toThrow();
  });

  it('returns undefined for a value that is not a string', () => {
    const { sc, node } = probe(`declare function f(): string; const probe = f();`);
    expect(staticString(node, sc)).toBeUndefined();
  });
});

describe('envRead', () => {
  it('recognises process.env, bracket access, destructuring and import.meta.env', () => {
    const sc = parse(`
      const a = process.env.GEMINI_API_KEY;
      const b = process.env['GEMINI_API_SECRET'];
      const { GEMINI_X } = process.env;
      const c = import.meta.env.VITE_GEMINI_KEY;
      const d = GEMINI_X;`);
    const inits = sc.ast.body.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations.map((d) => d.init!) : []));
    expect(inits.map((n) => envRead(n, sc))).toEqual([
      { name: 'GEMINI_API_KEY', via: 'process.env' },
      { name: 'GEMINI_API_SECRET', via: 'process.env' },
      undefined, // the destructuring itself is an object, not one variable
      { name: 'VITE_GEMINI_KEY', via: 'import.meta.env' },
      { name: 'GEMINI_X', via: 'process.env' },
    ]);
  });

  it('does not treat a local object named process as the environment', () => {
    const { sc, node } = probe(`const process = { env: { KEY: 'x' } }; const probe = process.env.KEY;`);
    expect(envRead(node, sc)).toBeUndefined();
  });
});

describe('valueOrigins', () => {
  it('fans out over fallbacks: env var or hard-coded literal', () => {
    const { sc, node } = probe(`const probe = process.env.GEMINI_API_SECRET || 'a1B2c3D4e5F6g7H8i9J0k1L2m3';`);
    const kinds = valueOrigins(node, sc).map((o) => o.kind);
    expect(kinds).toEqual(['env', 'literal']);
  });

  it('reports a parameter default as parameter plus literal', () => {
    const sc = parse(`function f(secret = 'abc') { return secret; }`);
    const ret = findNode(sc, AST_NODE_TYPES.ReturnStatement).argument!;
    expect(valueOrigins(ret, sc).map((o) => o.kind)).toEqual(['parameter']);
  });
});

describe('objectEntries', () => {
  it('merges resolvable spreads and marks unknown spreads incomplete', () => {
    const sc = parse(`
      const base = { 'Content-Type': 'text/plain' };
      declare const extra: object;
      const h1 = { ...base, 'X-GEMINI-APIKEY': 'k' };
      const h2 = { ...extra, 'X-GEMINI-APIKEY': 'k' };`);
    const objects = sc.ast.body.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations.map((d) => d.init!) : [])).filter((n) => n?.type === 'ObjectExpression');
    const [, h1, h2] = objects as TSESTree.ObjectExpression[];
    expect(objectEntries(h1!, sc)).toMatchObject({ complete: true, entries: [{ key: 'Content-Type' }, { key: 'X-GEMINI-APIKEY' }] });
    expect(objectEntries(h2!, sc)).toMatchObject({ complete: false, entries: [{ key: 'X-GEMINI-APIKEY' }] });
  });
});
