// Autofix safety: every fix and suggestion the rules offer, on the fixtures, the example bot, every
// rule-test case and fuzz-generated and mutated code. Replay a failure: see test/fuzz/harness.ts.
import fc from 'fast-check';
import type { Linter, Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { fileNameOf, programArb } from './arbitraries.js';
import { fuzzParameters, fuzzRuns, fuzzTimeout, lint, lintAndFix, parseError } from './harness.js';
import { loadCorpus, mutatedArb, type CorpusFile } from './mutate.js';

const corpus = await loadCorpus();

function applyFix(code: string, fix: Rule.Fix): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

const count = (messages: Linter.LintMessage[], m: Linter.LintMessage): number =>
  messages.filter((x) => x.ruleId === m.ruleId && x.messageId === m.messageId).length;

/** What the autofix check saw, so the tests can show they exercised something. */
interface Seen {
  fixes: number;
  suggestions: number;
  fixedFiles: number;
}

/**
 * For one file: each fix alone leaves parseable code with one report fewer of its kind; each
 * suggestion alone leaves parseable code; fixing everything (ESLint's multi-pass `verifyAndFix`)
 * twice gives the same text as fixing it once. Throws with the code and the fix on failure.
 */
function checkAutofixes(input: CorpusFile, seen: Seen): void {
  const { file, code } = input;
  const messages = lint(code, file);
  if (parseError(messages)) return;
  // the count of a fault before a fix, from the same single-rule lint as after it
  const before = new Map<string, Linter.LintMessage[]>();
  const alone = (ruleId: string): Linter.LintMessage[] => {
    if (!before.has(ruleId)) before.set(ruleId, lint(code, file, false, [ruleId]));
    return before.get(ruleId)!;
  };
  const describeFailure = (what: string, m: Linter.LintMessage, after: string): string =>
    `${what}: ${m.ruleId}/${m.messageId} at ${m.line}:${m.column} in ${file}\n--- before ---\n${code}\n--- after ---\n${after}`;
  for (const m of messages) {
    if (m.fix) {
      seen.fixes++;
      const fixed = applyFix(code, m.fix);
      const after = lint(fixed, file, false, [m.ruleId!]);
      const error = parseError(after);
      if (error) throw new Error(describeFailure(`the fix does not parse (${error.message})`, m, fixed));
      if (count(after, m) >= count(alone(m.ruleId!), m)) throw new Error(describeFailure('the fix does not remove the report', m, fixed));
    }
    for (const suggestion of m.suggestions ?? []) {
      seen.suggestions++;
      const applied = applyFix(code, suggestion.fix);
      const error = parseError(lint(applied, file, false, []));
      if (error) throw new Error(describeFailure(`the suggestion "${suggestion.desc}" does not parse (${error.message})`, m, applied));
    }
  }
  const once = lintAndFix(code, file);
  if (!once.fixed) return;
  seen.fixedFiles++;
  const error = parseError(once.messages);
  if (error) throw new Error(`fixing ${file} breaks it (${error.message})\n--- before ---\n${code}\n--- after ---\n${once.output}`);
  const twice = lintAndFix(once.output, file);
  if (twice.output !== once.output) throw new Error(`fixing ${file} twice differs from fixing it once\n--- once ---\n${once.output}\n--- twice ---\n${twice.output}`);
}

describe('autofix safety', () => {
  it('every fix and suggestion on the fixtures, the example bot and the rule-test cases parses, removes its report and is idempotent', () => {
    const seen: Seen = { fixes: 0, suggestions: 0, fixedFiles: 0 };
    for (const input of corpus) checkAutofixes(input, seen);
    // the corpus holds fixable faults of every fixing rule: the check is not vacuous
    expect(seen.fixes).toBeGreaterThan(20);
    expect(seen.suggestions).toBeGreaterThan(50);
    expect(seen.fixedFiles).toBeGreaterThan(10);
  }, 300_000);

  const runs = fuzzRuns(150);
  it(`every fix and suggestion on ${runs} generated and ${runs} mutated inputs parses, removes its report and is idempotent`, () => {
    const seen: Seen = { fixes: 0, suggestions: 0, fixedFiles: 0 };
    const generated = fc.oneof(programArb(false), programArb(true)).map((p) => ({ file: fileNameOf(p), code: p.code }));
    fc.assert(
      fc.property(generated, (input) => checkAutofixes(input, seen)),
      fuzzParameters(runs),
    );
    fc.assert(
      fc.property(mutatedArb(corpus), (input) => checkAutofixes(input, seen)),
      fuzzParameters(runs),
    );
    expect(seen.fixes).toBeGreaterThan(runs / 10);
    expect(seen.suggestions).toBeGreaterThan(runs / 10);
  }, fuzzTimeout(runs * 2, 150));
});
