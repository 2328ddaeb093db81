/**
 * The fuzz properties, shared by the test files that run them (one file per language, so vitest
 * runs them in parallel). Replay a failure: see harness.ts.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { guardedFailures } from '../../src/utils/create-rule.js';
import { fileNameOf, programArb } from './arbitraries.js';
import { assertSaneMessages, assertSaneScan, fuzzParameters, fuzzRuns, fuzzTimeout, lint, parseError, scanCore } from './harness.js';

/**
 * Generated programs of one language: every rule (with default and with other options) must
 * neither throw (not even into its own guard, which would cost findings silently) nor show a secret, and the scanner core must neither throw, nor skip the file for
 * an internal error, nor show a secret. The generator itself must stay within valid syntax.
 */
export function fuzzGeneratedPrograms(typescript: boolean, ciRuns: number): void {
  const runs = fuzzRuns(ciRuns);
  const language = typescript ? 'TypeScript' : 'JavaScript';
  it(`no rule and no scanner pass crashes or shows a secret on ${runs} generated ${language} clients`, () => {
    let executed = 0;
    let unparsable = 0;
    fc.assert(
      fc.property(programArb(typescript), fc.boolean(), fc.nat({ max: 3 }), (program, otherOptions, scanMode) => {
        executed++;
        const file = fileNameOf(program);
        const swallowed = guardedFailures.count;
        const messages = lint(program.code, file, otherOptions);
        if (parseError(messages)) unparsable++;
        assertSaneMessages(messages, program.code);
        assertSaneScan(scanCore([{ file, text: program.code }], { fix: scanMode === 1, reportUnusedIgnores: scanMode === 2 }));
        // a throw a rule's guard swallowed keeps the run alive but may cost findings: none allowed
        expect(guardedFailures.count - swallowed, 'throws swallowed by the rules\' guards').toBe(0);
      }),
      fuzzParameters(runs),
    );
    // A generator that drifts into syntax errors would stop exercising the rules.
    expect(unparsable / executed).toBeLessThan(0.03);
  }, fuzzTimeout(runs));
}
