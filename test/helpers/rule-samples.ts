// Code samples for checks that must hold on every shape the tests know: every case of the rule
// tests (recorded, not run) and the project's JavaScript/TypeScript fixtures and examples.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';

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
