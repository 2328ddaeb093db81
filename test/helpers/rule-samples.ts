// Code samples for checks that must hold on every shape the tests know: every case of the rule
// tests (recorded, not run) and the project's JavaScript/TypeScript fixtures and examples.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { expect } from 'vitest';
import { lintWithLinter, lintWithRules, screenStats, warmUp } from '../../src/scanner/detectors/eslint-rules.js';
import type { RuleSetting } from '../../src/scanner/types.js';

const ROOT = join(import.meta.dirname, '..', '..');

const fromEslint = createRequire(createRequire(import.meta.url).resolve('eslint'));
export const espree = fromEslint('espree') as { parse(text: string, options: object): unknown; latestEcmaVersion: number };

/** Whether espree reads `code` as a JavaScript module. */
export function isJavaScript(code: string): boolean {
  try {
    espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } });
    return true;
  } catch {
    return false;
  }
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Every case of the rule test files that hold only RuleTester suites, recorded instead of run: the
 * files are imported with `RuleTester#run` replaced (a file with tests of its own is left out, or
 * they would run again here).
 */
export async function ruleTesterCases(): Promise<string[]> {
  const cases: string[] = [];
  const run = RuleTester.prototype.run;
  RuleTester.prototype.run = function record(_name: string, _rule: unknown, tests: { valid: readonly (string | { code: string })[]; invalid: readonly { code: string }[] }) {
    for (const test of [...tests.valid, ...tests.invalid]) cases.push(typeof test === 'string' ? test : test.code);
  } as typeof run;
  try {
    for (const file of filesUnder(join(ROOT, 'test', 'rules'), /\.test\.ts$/)) {
      if (/\bruleTester\.run\(/.test(readFileSync(file, 'utf8')) && !/^(?:describe|it|test)\(/m.test(readFileSync(file, 'utf8'))) await import(file);
    }
  } finally {
    RuleTester.prototype.run = run;
  }
  return cases;
}

/** The JavaScript and TypeScript files of test/fixtures and examples, by repository-relative name. */
export function projectSamples(): { name: string; text: string }[] {
  return [...filesUnder(join(ROOT, 'test', 'fixtures'), /\.[cm]?[jt]sx?$/), ...filesUnder(join(ROOT, 'examples'), /\.[cm]?[jt]sx?$/)].map((file) => ({
    name: file.slice(ROOT.length + 1),
    text: readFileSync(file, 'utf8'),
  }));
}

/**
 * Lints every sample under `name` with the scanner's screening run first and with the `Linter`
 * alone, expects the same outcome for each, and expects screening to have settled exactly the
 * samples that parse, have no findings and no config comment (the rest go to the `Linter`).
 */
export function expectScreeningAgrees(name: string, samples: readonly string[], rules: Record<string, RuleSetting>): void {
  warmUp(rules);
  const before = screenStats.settled;
  let clean = 0;
  for (const code of samples) {
    const expected = lintWithLinter(name, code, rules);
    expect({ name, code, outcome: lintWithRules(name, code, rules) }).toEqual({ name, code, outcome: expected });
    // JavaScript that espree cannot read is retried as TypeScript by the Linter: never screened
    const parses = /\.[cm]?jsx?$/.test(name) ? isJavaScript(code) : !expected.fatal;
    if (expected.findings.length === 0 && parses && !/\/[/*]\s*(?:eslint|global)\s/.test(code)) clean++;
  }
  expect(clean).toBeGreaterThan(150);
  expect({ name, settled: screenStats.settled - before }).toEqual({ name, settled: clean });
}
