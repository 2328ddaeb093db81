import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { nodesOfType } from '../../../src/analysis/ast-utils.js';
import { objectEntries, resolveObjectLiteral, staticString } from '../../../src/analysis/values/index.js';
import { HOLE } from '../../../src/gemini/paths.js';
import { parse } from '../../helpers/parse.js';

/** The value of the initialiser of `const probe = …` (the last one in the code). */
function probe(code: string) {
  const sc = parse(code);
  const declarator = nodesOfType(sc.ast, AST_NODE_TYPES.VariableDeclarator).filter((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === 'probe').pop()!;
  return { sc, init: declarator.init as TSESTree.Expression };
}

function keys(code: string): string[] | undefined {
  const { sc, init } = probe(code);
  const obj = resolveObjectLiteral(init, sc);
  return obj && objectEntries(obj, sc).entries.map((e) => e.key);
}

describe('the value evaluator', () => {
  it('merges Object.assign arguments in order and sees through structuredClone and JSON round trips', () => {
    expect(keys(`const a = { method: 'GET' }; const probe = Object.assign({}, a, { headers: {} });`)).toEqual(['method', 'headers']);
    expect(keys(`const a = { method: 'GET' }; const probe = structuredClone(a);`)).toEqual(['method']);
    expect(keys(`const a = { url: 'x' }; const probe = JSON.parse(JSON.stringify(a));`)).toEqual(['url']);
  });

  it('follows await and a helper that returns one object, but not one that returns several', () => {
    expect(keys(`async function init() { return { method: 'POST', body }; } const probe = await init();`)).toEqual(['method', 'body']);
    expect(keys(`function init(x) { if (x) return { a: 1 }; return { b: 2 }; } const probe = init(1);`)).toBeUndefined();
  });

  it('does not unroll a recursive helper', () => {
    expect(keys(`function loop(): object { return loop(); } const probe = loop();`)).toBeUndefined();
    const { sc, init } = probe(`function s(p: string): string { return s(p) + '/'; } const probe = s('/v1');`);
    expect(staticString(init, sc)).toEqual({ text: `${HOLE}/`, complete: false });
  });

  it('joins arrays and evaluates string helpers with each call argument', () => {
    const join = probe(`const API = 'https://api.gemini.com'; const probe = [API, 'v1', 'balances'].join('/');`);
    expect(staticString(join.init, join.sc)).toEqual({ text: 'https://api.gemini.com/v1/balances', complete: true });
    const helper = probe(`const BASE = 'https://api.gemini.com'; const url = (p: string, q = '') => BASE + p + q; const probe = url('/v1/orders');`);
    expect(staticString(helper.init, helper.sc)).toEqual({ text: 'https://api.gemini.com/v1/orders', complete: true });
  });
});
