// Fuzz: mutations of the fixtures, the example bot and every rule-test case, through every rule and
// the scanner core (cross-file phase included for the fixture projects). Replay a failure: see
// test/fuzz/harness.ts.
import { dirname } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossFileFacts } from '../../src/scanner/cross-file.js';
import { scanSources } from '../../src/scanner/core.js';
import { guardedFailures } from '../../src/utils/create-rule.js';
import { assertSaneMessages, assertSaneScan, fuzzParameters, fuzzRuns, fuzzTimeout, lint, parseError } from './harness.js';
import { fixtureFiles, loadCorpus, mutatedArb } from './mutate.js';

const corpus = await loadCorpus();
const fixtures = fixtureFiles();

describe('fuzzing mutated fixtures, examples and rule-test cases', () => {
  it('mutates every fixture and example file and the cases of every rule test', () => {
    expect(fixtures.map((f) => f.file)).toEqual(expect.arrayContaining(['examples/vulnerable-bot/src/gemini-client.js', 'test/fixtures/cross-file/src/trader.ts']));
    const rules = new Set(corpus.filter((f) => f.file.startsWith('rules/')).map((f) => f.file.split('/')[1]));
    expect(rules.size).toBeGreaterThanOrEqual(9);
    expect(corpus.length).toBeGreaterThan(400);
  });

  const runs = fuzzRuns(6750);
  it(`no rule and no scanner pass crashes or shows a secret on ${runs} mutated inputs`, () => {
    let executed = 0;
    let parsed = 0;
    fc.assert(
      fc.property(mutatedArb(corpus), fc.boolean(), fc.nat({ max: 9 }), (input, otherOptions, scanMode) => {
        executed++;
        const swallowed = guardedFailures.count;
        const messages = lint(input.code, input.file, otherOptions);
        if (!parseError(messages)) parsed++;
        assertSaneMessages(messages, input.code);
        // a fixture is scanned with the rest of its project now and then, so the second pass sees the mutation
        assertSaneScan(scanSources(withProject(input, scanMode < 3), { fix: scanMode === 3, reportUnusedIgnores: scanMode === 4 }));
        // a throw a rule's guard swallowed keeps the run alive but may cost findings: none allowed
        expect(guardedFailures.count - swallowed, 'throws swallowed by the rules\' guards').toBe(0);
      }),
      fuzzParameters(runs),
    );
    // Most mutations keep the code parseable, so the rules (not only the parser) are exercised.
    expect(parsed / executed).toBeGreaterThan(0.6);
  }, fuzzTimeout(runs, 20));

  // The ts-morph phase costs a quarter of a second per project: fewer runs, whole projects only.
  const projectRuns = fuzzRuns(40);
  it(`the cross-file phase and both scanner passes survive ${projectRuns} mutated fixture projects`, () => {
    const projectFiles = corpus.filter((f) => !f.file.startsWith('rules/'));
    fc.assert(
      fc.property(mutatedArb(projectFiles), (input) => {
        const files = withProject(input, true);
        assertSaneScan(scanSources(files, { crossFile: crossFileFacts(files, () => undefined) }));
      }),
      fuzzParameters(projectRuns),
    );
  }, fuzzTimeout(projectRuns, 500));
});

/** The mutated file, and with `project` the unchanged files of its fixture project beside it. */
function withProject(input: { file: string; code: string }, project: boolean): { file: string; text: string }[] {
  const siblings = project && !input.file.startsWith('rules/') ? fixtures.filter((f) => dirname(f.file) === dirname(input.file) && f.file !== input.file) : [];
  return [{ file: input.file, text: input.code }, ...siblings.map((f) => ({ file: f.file, text: f.code }))];
}
