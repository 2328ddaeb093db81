// Wires @typescript-eslint/rule-tester to vitest once, for every rule test.
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The scanner loads the plugin and its lint pass with require() when first needed (src/scanner/lazy.ts);
// run from the TypeScript sources, require() cannot load them, so they are handed over here.
import { provideLazyModules } from '../src/scanner/lazy.js';
import plugin from '../src/index.js';
import * as eslintRules from '../src/scanner/detectors/eslint-rules.js';

provideLazyModules({ plugin, eslintRules });
