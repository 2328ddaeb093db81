import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { branchesOnParameters, callSiteBindings, callSitesOf, parametersFunction, symbolicString } from '../../src/analysis/values/symbolic.js';
import { isFunctionNode } from '../../src/analysis/ast-utils.js';
import { HOLE } from '../../src/gemini/paths.js';
import { findNode, findNodes, parse } from '../helpers/parse.js';

describe('symbolicString', () => {
  it('evaluates constants, templates and concatenation like staticString', () => {
    const sc = parse("const BASE = 'https://api.gemini.com'; const v = 'v1'; const url = `${BASE}/${v}/balances`;");
    const result = symbolicString(findNode(sc, AST_NODE_TYPES.Identifier, 'url'), sc);
    expect(result.value).toEqual({ text: 'https://api.gemini.com/v1/balances', complete: true });
    expect(result.params.size).toBe(0);
  });

  it('records parameters and leaves them as holes without a substitution', () => {
    const sc = parse("function post(path: string) { const url = 'https://api.gemini.com' + path; return url; }");
    const ret = findNodes(sc, AST_NODE_TYPES.ReturnStatement)[0]!;
    const result = symbolicString(ret.argument!, sc);
    expect(result.value).toEqual({ text: `https://api.gemini.com${HOLE}`, complete: false });
    expect([...result.params].map((p) => p.name)).toEqual(['path']);
  });

  it('substitutes the values one call site passes', () => {
    const sc = parse("function post(path: string) { return new URL(path, 'https://api.gemini.com').href; }\npost('/v1/balances');");
    const fn = findNodes(sc, AST_NODE_TYPES.FunctionDeclaration)[0]!;
    const [binding] = callSiteBindings(fn, sc);
    const ret = findNodes(sc, AST_NODE_TYPES.ReturnStatement)[0]!;
    expect(symbolicString(ret.argument!, sc, binding!.substitution).value).toEqual({ text: 'https://api.gemini.com/v1/balances', complete: true });
  });

  it('returns no value for expressions that are not strings', () => {
    const sc = parse('const n = a * b;');
    expect(symbolicString(findNode(sc, AST_NODE_TYPES.BinaryExpression), sc).value).toBeUndefined();
  });
});

describe('callSiteBindings', () => {
  it('binds arguments, defaults and unknown spreads per call', () => {
    const sc = parse(
      [
        "function call(path: string, method = 'POST', extra?: string) { return path + method + extra; }",
        "call('/v1/balances');",
        "call('/v1/orders', 'GET', x);",
        'call(...args);',
      ].join('\n'),
    );
    const fn = findNodes(sc, AST_NODE_TYPES.FunctionDeclaration)[0]!;
    const bindings = callSiteBindings(fn, sc);
    expect(bindings.map((b) => [...b.substitution.values()].map((v) => v.text))).toEqual([
      ['/v1/balances', 'POST', HOLE],
      ['/v1/orders', 'GET', HOLE],
      [HOLE, HOLE, HOLE],
    ]);
    const pathVar = [...bindings[0]!.substitution.keys()][0]!;
    expect(sc.getText(bindings[1]!.argumentFor(pathVar)!)).toBe("'/v1/orders'");
    expect(bindings[2]!.argumentFor(pathVar)).toBeUndefined();
  });

  it('finds this.method() calls in the class', () => {
    const sc = parse("class C { private(path: string) { return path; } a() { return this.private('/v1/a'); } }");
    const fn = findNodes(sc, AST_NODE_TYPES.FunctionExpression)[0]!;
    expect(callSitesOf(fn, sc).map((c) => sc.getText(c))).toEqual(["this.private('/v1/a')"]);
  });
});

describe('parametersFunction', () => {
  it('names the one function that owns every parameter, or nothing', () => {
    const sc = parse('function outer(a: string) { return function inner(b: string) { return a + b; }; }');
    const outer = findNodes(sc, AST_NODE_TYPES.FunctionDeclaration)[0];
    const inner = findNodes(sc, AST_NODE_TYPES.FunctionExpression)[0];
    const ret = findNodes(sc, AST_NODE_TYPES.BinaryExpression)[0]!;
    const both = symbolicString(ret, sc).params;
    expect(parametersFunction(both)).toBeUndefined();
    const onlyA = symbolicString(ret.left, sc).params;
    expect(parametersFunction(onlyA)).toBe(outer);
    expect(isFunctionNode(inner)).toBe(true);
    expect(parametersFunction([])).toBeUndefined();
  });
});

describe('branchesOnParameters', () => {
  it('notices tests on the function\'s own parameters only', () => {
    const sc = parse(
      [
        "function a(method: string) { if (method === 'GET') return 1; return 2; }",
        'function b(path: string) { const x = flag ? path : path; return x; }',
        'function c(path: string) { return path ?? fallback; }',
        'function d(path: string) { const inner = (m: string) => (m ? 1 : 2); return inner(path); }',
      ].join('\n'),
    );
    expect(findNodes(sc, AST_NODE_TYPES.FunctionDeclaration).map((fn) => branchesOnParameters(fn, sc))).toEqual([true, false, true, false]);
  });
});
