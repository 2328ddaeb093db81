import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createRule, forEachGuarded, guarded } from '../../src/utils/create-rule.js';

// createRule's guard: a rule must never throw on code ESLint can parse. An analysis that meets a
// shape it does not know costs that node's (or item's) findings, never the user's lint run.
const probe = createRule<[], 'seen'>({
  name: 'probe',
  meta: { type: 'problem', docs: { description: 'Probe.', recommended: false }, schema: [], messages: { seen: 'Saw {{name}}.' } },
  defaultOptions: [],
  create(context) {
    return {
      Identifier(node: TSESTree.Identifier) {
        if (node.name === 'boom') throw new Error('an analysis bug');
        context.report({ node, messageId: 'seen', data: { name: node.name } });
      },
      'Program:exit'(program: TSESTree.Program) {
        const names = program.body.flatMap((s) => (s.type === 'ExpressionStatement' && s.expression.type === 'Identifier' ? [s.expression.name] : []));
        forEachGuarded(names, (name) => {
          if (name === 'boom') throw new Error('an analysis bug');
          context.report({ node: program, messageId: 'seen', data: { name: `${name} at exit` } });
        });
      },
    };
  },
});

function lint(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter
    .verify(code, [{ plugins: { test: { rules: { probe: probe as never } } }, rules: { 'test/probe': 'error' } }])
    .map((m) => m.message);
}

describe('createRule guard', () => {
  it('keeps a throwing listener from ending the lint run and from costing other nodes their findings', () => {
    expect(lint('a;\nboom;\nb;').sort()).toEqual(['Saw a at exit.', 'Saw a.', 'Saw b at exit.', 'Saw b.']);
  });

  it('guarded returns the fallback when the function throws', () => {
    expect(guarded(() => 1, 0)).toBe(1);
    expect(
      guarded(() => {
        throw new Error('x');
      }, 0),
    ).toBe(0);
  });
});
