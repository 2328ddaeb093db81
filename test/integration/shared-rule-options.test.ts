// docs/scanner.md's recipe for keeping rule options in one file: eslint.config.js imports
// gemini-guard.config.json, so ESLint (through the BUILT package) and the scanner CLI report the same
// findings with the same options. The fixture's eslint.config.js is the recipe, word for word.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const FIXTURE = join(root, 'test', 'fixtures', 'shared-rule-options');

function recipe(): string {
  const doc = readFileSync(join(root, 'docs', 'scanner.md'), 'utf8');
  const m = /<!-- recipe: shared-rule-options -->\n```js\n([\s\S]*?)\n```/.exec(doc);
  if (!m?.[1]) throw new Error('docs/scanner.md has no shared-rule-options recipe');
  return `${m[1]}\n`;
}

describe('one file of rule options for ESLint and the scanner', { timeout: 60_000 }, () => {
  it('the fixture uses the documented recipe', () => {
    expect(readFileSync(join(FIXTURE, 'eslint.config.js'), 'utf8')).toBe(recipe());
  });

  it('ESLint and gemini-guard scan report the same findings with the shared options', async () => {
    const [result] = await new ESLint({ cwd: FIXTURE, overrideConfigFile: join(FIXTURE, 'eslint.config.js') }).lintFiles(['src/treasury.js']);
    const eslint = (result?.messages ?? []).map((m) => `${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId}`);
    const scan = spawnSync(process.execPath, [join(root, 'dist', 'bin', 'gemini-guard.js'), 'scan', '--format', 'json'], { cwd: FIXTURE, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const findings = (JSON.parse(scan.stdout) as { findings: { line: number; column: number; severity: string; ruleId: string }[] }).findings;
    const scanner = findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`);
    // the options took effect: the allowed legacy withdrawal is silent, the other one is an error
    // (recommended makes it a warning), and the nonce is judged for a time-based key
    expect(eslint).toEqual(['4:70 error gemini-guard/valid-nonce', '12:34 error gemini-guard/no-withdrawal-endpoints']);
    expect(scanner).toEqual(eslint);
  });
});
