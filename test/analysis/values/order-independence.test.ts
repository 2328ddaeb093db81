// What a value evaluates to must not depend on which value the rules asked for first. The
// evaluator keeps answers per node and depth (values/reentry.ts `onceUnlessCut`) and cuts a value
// that comes back inside its own evaluation (a TDZ cycle: `const a = … + b; const b = a + …`). An
// answer kept from one question, where the depth limit stopped the evaluation before the cycle
// closed, once stood in for the cut inside another question's cycle: asking for c19 then c21 gave
// c19 with the Gemini host twice, asking in the other order gave it once. Nor may an answer
// that a cut shaped (a hole where the value asked for first came back) be kept for a later
// question on which no such cut falls.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { staticString } from '../../../src/analysis/values/values.js';
import { parse } from '../../helpers/parse.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The initialisers of a file's top-level `const`s, by name, on a fresh parse (fresh memos). */
function initialisers(code: string): { sc: ReturnType<typeof parse>; init: (name: string) => TSESTree.Node } {
  const sc = parse(code);
  const inits = new Map<string, TSESTree.Node>();
  for (const statement of sc.ast.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const d of statement.declarations) if (d.id.type === 'Identifier' && d.init) inits.set(d.id.name, d.init);
  }
  return { sc, init: (name) => inits.get(name)! };
}

/** A two-value cycle, and a chain of `length` values leading from it. */
function chainFromCycle(length: number, cycle: [string, string], link: (previous: string) => string): string {
  const lines = [...cycle, `const c0 = ${link('b')};`];
  for (let i = 1; i <= length; i++) lines.push(`const c${i} = ${link(`c${i - 1}`)};`);
  return lines.join('\n');
}

/**
 * For every chain length to well past the depth limit, and every two of the cycle's values and
 * the chain's: `ask` on one value right after `ask` on another gives what it gives asked alone.
 */
function expectOrderIndependent(file: (length: number) => string, ask: (node: TSESTree.Node, sc: SourceCode) => unknown): number {
  let compared = 0;
  for (let length = 2; length <= 30; length++) {
    const code = file(length);
    const names = [...new Set(['a', 'b', 'c0', `c${length - 2}`, `c${length}`])];
    const alone = new Map(
      names.map((name) => {
        const { sc, init } = initialisers(code);
        return [name, ask(init(name), sc)];
      }),
    );
    for (const before of names) {
      for (const name of names) {
        if (name === before) continue;
        const { sc, init } = initialisers(code);
        ask(init(before), sc);
        expect(ask(init(name), sc), `chain of ${length}: ${name} asked after ${before}`).toEqual(alone.get(name));
        compared++;
      }
    }
  }
  return compared;
}

describe('the evaluator answers the same whatever was asked first', () => {
  it('strings made of a cycle of constants, behind chains of every length', () => {
    const file = (length: number) => chainFromCycle(length, ["const a = 'https://api.gemini.com' + b;", "const b = a + '/v1';"], (p) => `${p} + '/x'`);
    expect(expectOrderIndependent(file, (node, sc) => staticString(node, sc))).toBe(4 * 3 + 28 * 5 * 4);
    // the cut still answers: a hole where the cycle closes, the known parts around it
    const { sc, init } = initialisers(file(3));
    expect(staticString(init('c3'), sc)).toMatchObject({ complete: false, text: expect.stringMatching(/^https:\/\/api\.gemini\.com.*\/v1\/x\/x\/x\/x$/u) });
  });
});
