// Wires @typescript-eslint/rule-tester to vitest once, for every rule test.
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, beforeAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The scanner loads the plugin and its lint pass with require() when first needed (src/scanner/lazy.ts);
// run from the TypeScript sources, require() cannot load them, so they are handed over here. In a
// hook, not at import: a test file's vi.mock of analysis modules must apply to the plugin it gets.
beforeAll(async () => {
  const { provideLazyModules } = await import('../src/scanner/lazy.js');
  const { default: plugin } = await import('../src/index.js');
  const eslintRules = await import('../src/scanner/detectors/eslint-rules.js');
  provideLazyModules({ plugin, eslintRules });
});
