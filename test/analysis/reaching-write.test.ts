import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { nodesOfType } from '../../src/analysis/ast-utils.js';
import { lastWriteBefore } from '../../src/analysis/values/reaching-write.js';
import { parse } from '../helpers/parse.js';

/** lastWriteBefore for the argument of the last `use(x)` call, as source text. */
function reaching(code: string): string | undefined {
  const sc = parse(code, 'file.js');
  const calls = nodesOfType(sc.ast, AST_NODE_TYPES.CallExpression).filter((c) => c.callee.type === AST_NODE_TYPES.Identifier && c.callee.name === 'use');
  const arg = calls[calls.length - 1]?.arguments[0] as TSESTree.Identifier;
  const value = lastWriteBefore(arg, sc);
  return value && sc.getText(value);
}

describe('lastWriteBefore', () => {
  it('takes the last plain write before the use', () => {
    expect(reaching('function f() { var p; p = { a: 1 }; p = enc(p); use(p); }')).toBe('enc(p)');
    expect(reaching('function f() { let p = 1; use(p); p = 2; use(p); }')).toBe('2');
  });

  it('takes the earlier write for a use inside the right-hand side of a later write', () => {
    const sc = parse('function f() { var p; p = { a: 1 }; p = enc(p); }', 'file.js');
    const inner = nodesOfType(sc.ast, AST_NODE_TYPES.Identifier).filter((i) => i.name === 'p').at(-1)!;
    expect(sc.getText(lastWriteBefore(inner, sc)!)).toBe('{ a: 1 }');
  });

  it('gives up on compound writes, writes in other functions and loops that write after the use', () => {
    expect(reaching('function f() { var p = "a"; p += "b"; use(p); }')).toBeUndefined();
    expect(reaching('function f() { var p = 1; g(() => { p = 2; }); use(p); }')).toBeUndefined();
    expect(reaching('function f() { var p = 1; for (;;) { use(p); p = 2; } }')).toBeUndefined();
    expect(reaching('function f(p) { p = 1; use(p); }')).toBeUndefined();
  });
});
