// The scanner's screening run (src/scanner/detectors/screen.ts) must give exactly what ESLint's
// Linter gives: it settles a file only when no rule reports, and every other file goes to the
// Linter. Checked on the cases of the rule tests (hundreds of Gemini and near-miss shapes, with and
// without findings), the JavaScript fixtures and examples, and the cases below.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { espree, expectScreeningAgrees, projectSamples, ruleTesterCases } from '../helpers/rule-samples.js';
import { learntScreenSetup, lintWithLinter, lintWithRules, screenStats, warmUp } from '../../src/scanner/detectors/eslint-rules.js';
import { screen } from '../../src/scanner/detectors/screen.js';
import { guarded, guardedFailures } from '../../src/utils/create-rule.js';
import { analyzeScope, scopeShape, sharedKeysAnalyzer } from '../../src/scanner/detectors/scope.js';
import { effectiveRules, pluginRuleSettings } from '../../src/scanner/rules.js';

const RULES = pluginRuleSettings(effectiveRules());

const ruleSamples = await ruleTesterCases();
const fileSamples = projectSamples();


describe('screening run', () => {
  it('gives what the Linter gives on every code sample of the rule tests, and settles the ones without findings', () => {
    expect(ruleSamples.length).toBeGreaterThan(500);
    // as TypeScript (and TSX) too in test/scanner/screen-typescript.test.ts (npm run test:long)
    expectScreeningAgrees('sample.js', ruleSamples, RULES);
  });

  it('gives what the Linter gives on the fixtures and examples, JavaScript as modules and as CommonJS, and TypeScript', () => {
    expect(fileSamples.length).toBeGreaterThan(5);
    for (const { name, text } of fileSamples) {
      for (const as of /\.[cm]?jsx?$/.test(name) ? [name, name.replace(/\.[cm]?jsx?$/, '.cjs')] : [name]) {
        expect({ as, outcome: lintWithRules(as, text, RULES) }).toEqual({ as, outcome: lintWithLinter(as, text, RULES) });
      }
    }
  });

  it('leaves files to the Linter when comments configure ESLint, and keeps eslint-disable comments working', () => {
    warmUp(RULES);
    const insecure = "fetch('http://api.gemini.com/v1/symbols');";
    const cases = [
      // a global comment changes what names resolve to
      `/* global fetch */\n${insecure}\n`,
      // a configuration comment can turn a rule off
      `/* eslint gemini-guard/no-insecure-transport: "off" */\n${insecure}\n`,
      // a disable comment for another rule: the finding stays
      `${insecure} // eslint-disable-line quotes\n`,
      // a disable comment for ours: no finding
      `${insecure} // eslint-disable-line gemini-guard/no-insecure-transport\n`,
      // a shebang line
      `#!/usr/bin/env node\n${insecure}\n`,
      `#!/usr/bin/env node\nconst gemini = 'https://api.gemini.com';\n`,
      // code espree cannot read: the Linter retries it as TypeScript
      `const gemini: string = 'https://api.gemini.com/v1/symbols';\n`,
      // a disable comment naming an id the plugin lacks (a scanner-only rule, a typo): no finding either way
      `// eslint-disable-next-line gemini-guard/tracked-secret-file\nconst GEMINI_BASE = 'https://api.gemini.com';\nexport const base = GEMINI_BASE;\n`,
      `/* eslint-disable gemini-guard/no-such-rule */\nconst gemini = 1;\n`,
    ];
    for (const code of cases) expect({ code, outcome: lintWithRules('case.js', code, RULES) }).toEqual({ code, outcome: lintWithLinter('case.js', code, RULES) });
    expect(lintWithRules('case.js', cases[1]!, RULES).findings).toEqual([]);
    expect(lintWithRules('case.js', cases[2]!, RULES).findings.map((f) => f.ruleId)).toEqual(['gemini-guard/no-insecure-transport']);
    expect(lintWithRules('case.js', cases[3]!, RULES).findings).toEqual([]);
    expect(lintWithLinter('case.js', cases[7]!, RULES).findings).toEqual([]);
    expect(lintWithLinter('case.js', cases[8]!, RULES).findings).toEqual([]);
  });

  it('leaves a file to the Linter when a rule\'s guard swallowed a throw', () => {
    warmUp(RULES);
    const before = screenStats.settled;
    const failures = guardedFailures.count;
    // a rule whose guard swallows a throw on this file: its finding might be lost, so screening must not settle it
    const throwing = { create: () => ({ Program: () => guarded(() => { throw new Error('boom'); }, undefined) }) };
    const quiet = { create: () => ({ Program: () => guarded(() => undefined, undefined) }) };
    const setup = learntScreenSetup('case.js')!;
    const text = "const gemini = 'https://api.gemini.com';\n";
    expect(screen('case.js', text, new Map([['test/quiet', { rule: quiet, options: [] }]]), {}, setup)).toEqual({ clean: true });
    expect(screen('case.js', text, new Map([['test/throwing', { rule: throwing, options: [] }]]), {}, setup)).toBeUndefined();
    expect(guardedFailures.count).toBe(failures + 1);
    expect(screenStats.settled).toBe(before);
  });

  it('settles a file without findings, and sends a file with a finding to the Linter', () => {
    warmUp(RULES);
    const before = screenStats.settled;
    lintWithRules('clean.js', "const gemini = 'https://api.gemini.com/v1/symbols';\nfetch(gemini);\n", RULES);
    expect(screenStats.settled).toBe(before + 1);
    expect(lintWithRules('unsigned.js', "fetch('https://api.gemini.com/v1/balances', { method: 'POST' });\n", RULES).findings).toHaveLength(1);
    expect(screenStats.settled).toBe(before + 1);
  });
});

describe('shared-keys scope analysis', () => {
  it('builds the same scopes, variables and references as eslint-scope on every sample', () => {
    const fromEslint = createRequire(createRequire(import.meta.url).resolve('eslint'));
    const scope = fromEslint('eslint-scope') as { analyze(ast: unknown, options: object): Parameters<typeof scopeShape>[0] };
    const evk = fromEslint('eslint-visitor-keys') as { KEYS: object; getKeys(node: object): readonly string[] };
    let compared = 0;
    for (const sourceType of ['module', 'commonjs'] as const) {
      const options = { ignoreEval: true, ecmaVersion: espree.latestEcmaVersion + 2009, sourceType, childVisitorKeys: evk.KEYS, fallback: evk.getKeys, jsx: true };
      for (const code of [...ruleSamples, ...fileSamples.filter((f) => /\.[cm]?jsx?$/.test(f.name)).map((f) => f.text)]) {
        let ast: unknown;
        try {
          ast = espree.parse(code, { ecmaVersion: 'latest', sourceType, range: true, loc: true, ecmaFeatures: { jsx: true } });
        } catch {
          continue;
        }
        expect(scopeShape(analyzeScope(ast, options))).toBe(scopeShape(scope.analyze(ast, options)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('passes its self-check and builds the same scopes as eslint-scope 8 under ESLint 9', () => {
    const fromEslint9 = createRequire(createRequire(import.meta.url).resolve('eslint-v9'));
    const analyze = sharedKeysAnalyzer(fromEslint9);
    expect(analyze).toBeDefined();
    const espree9 = fromEslint9('espree') as typeof espree;
    const scope9 = fromEslint9('eslint-scope') as { analyze(ast: unknown, options: object): Parameters<typeof scopeShape>[0]; version: string };
    expect(scope9.version).toMatch(/^8\./);
    const evk9 = fromEslint9('eslint-visitor-keys') as { KEYS: object; getKeys(node: object): readonly string[] };
    let compared = 0;
    const options = { ignoreEval: true, ecmaVersion: espree9.latestEcmaVersion + 2009, sourceType: 'module', childVisitorKeys: evk9.KEYS, fallback: evk9.getKeys, jsx: true };
    for (const code of ruleSamples) {
      let ast: unknown;
      try {
        ast = espree9.parse(code, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, ecmaFeatures: { jsx: true } });
      } catch {
        continue;
      }
      expect(scopeShape(analyze!(ast, options))).toBe(scopeShape(scope9.analyze(ast, options)));
      compared++;
    }
    expect(compared).toBeGreaterThan(250);
  });
});
