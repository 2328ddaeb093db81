// The screening run against the Linter on TypeScript (npm run test:long: linting every rule-test
// case twice more takes a while): see screen.test.ts for JavaScript.
import { describe, expect, it } from 'vitest';
import { lintWithLinter, lintWithRules, screenStats, warmUp } from '../../src/scanner/detectors/eslint-rules.js';
import { effectiveRules, pluginRuleSettings } from '../../src/scanner/rules.js';
import { ruleTesterCases } from '../helpers/rule-samples.js';

const RULES = pluginRuleSettings(effectiveRules());
const ruleSamples = await ruleTesterCases();

describe('screening run on TypeScript', () => {
  for (const name of ['sample.ts', 'sample.tsx']) {
    it(`gives what the Linter gives on every code sample of the rule tests as ${name}, and settles the ones without findings`, () => {
      warmUp(RULES);
      expect(ruleSamples.length).toBeGreaterThan(500);
      const before = screenStats.settled;
      let clean = 0;
      for (const code of ruleSamples) {
        const expected = lintWithLinter(name, code, RULES);
        expect({ code, outcome: lintWithRules(name, code, RULES) }).toEqual({ code, outcome: expected });
        if (!expected.fatal && expected.findings.length === 0 && !/\/[/*]\s*(?:eslint|global)\s/.test(code)) clean++;
      }
      expect(clean).toBeGreaterThan(150);
      expect(screenStats.settled - before).toBe(clean);
    });
  }
});
