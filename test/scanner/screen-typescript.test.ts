// The screening run against the Linter on TypeScript (npm run test:long: linting every rule-test
// case twice more takes a while): see screen.test.ts for JavaScript.
import { describe, expect, it } from 'vitest';
import { effectiveRules, pluginRuleSettings } from '../../src/scanner/rules.js';
import { expectScreeningAgrees, ruleTesterCases } from '../helpers/rule-samples.js';

const RULES = pluginRuleSettings(effectiveRules());
const ruleSamples = await ruleTesterCases();

describe('screening run on TypeScript', () => {
  for (const name of ['sample.ts', 'sample.tsx']) {
    it(`gives what the Linter gives on every code sample of the rule tests as ${name}, and settles the ones without findings`, () => {
      expect(ruleSamples.length).toBeGreaterThan(500);
      expectScreeningAgrees(name, ruleSamples, RULES);
    });
  }
});
