// The scanner under ESLint 9 (the peer range is ^9 || ^10; the repository's own `eslint` is 10). The
// built package is installed beside ESLint 9 (`eslint-v9`, an npm alias) in a throwaway
// node_modules, so that every `eslint`, `espree` and `eslint-scope` the scanner loads (in the main
// thread, in its lint workers, and in its screening run, which rebuilds ESLint's parse, scopes and
// traversal itself) is ESLint 9's. Then the screening run must still give exactly what ESLint 9's
// Linter gives, and a scan must report what it reports under ESLint 10.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, cleanEnv, root } from '../e2e-git/helpers.js';
import { isJavaScript, ruleTesterCases } from '../helpers/rule-samples.js';
import type { LintOutcome } from '../../src/scanner/detectors/eslint-rules.js';
import type * as RulesModule from '../../src/scanner/rules.js';
import type { RuleSetting } from '../../src/scanner/types.js';

const dir = mkdtempSync(join(tmpdir(), 'gg-eslint9-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// node_modules: the repository's packages (linked), ESLint 9 as `eslint`, and a copy of the built
// package (a copy, not a link: Node resolves from a module's real path, which must be in here)
const modules = join(dir, 'node_modules');
mkdirSync(modules);
for (const entry of readdirSync(join(root, 'node_modules'))) {
  if (entry === 'eslint' || entry.startsWith('.')) continue;
  symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
}
symlinkSync(join(root, 'node_modules', 'eslint-v9'), join(modules, 'eslint'));
const installed = join(modules, 'eslint-plugin-gemini-guard');
mkdirSync(installed);
cpSync(join(root, 'package.json'), join(installed, 'package.json'));
cpSync(join(root, 'dist'), join(installed, 'dist'), { recursive: true });

// a project with findings: the examples and fixtures, out of the repository (whose own scan
// configuration leaves them out)
const project = join(dir, 'project');
cpSync(join(root, 'examples'), join(project, 'examples'), { recursive: true });
cpSync(join(root, 'test', 'fixtures'), join(project, 'fixtures'), { recursive: true });

const fromInstalled = createRequire(join(installed, 'dist', 'index.js'));

interface EslintRules {
  lintWithRules(name: string, text: string, rules: Record<string, RuleSetting>): LintOutcome;
  lintWithLinter(name: string, text: string, rules: Record<string, RuleSetting>): LintOutcome;
  warmUp(rules: Record<string, RuleSetting>): void;
  screenStats: { settled: number };
}

/** The built CLI (the repository's, or the copy beside ESLint 9): its JSON report, without the time it took. */
function scan(cli: string, jobs: string): unknown {
  const r = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', '--jobs', jobs, '--fail-on', 'none'], { cwd: project, encoding: 'utf8', env: cleanEnv() });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  const report = JSON.parse(r.stdout) as { stats: { durationMs?: number } };
  delete report.stats.durationMs;
  return report;
}

describe('the scanner under ESLint 9', () => {
  it('loads ESLint 9 and its espree and eslint-scope, from the installed package', () => {
    const eslint = fromInstalled('eslint') as { Linter: { version: string } };
    expect(eslint.Linter.version).toMatch(/^9\./);
    const fromEslint = createRequire(fromInstalled.resolve('eslint'));
    expect(realpathSync(fromEslint.resolve('eslint-scope'))).toMatch(/eslint-v9[\\/]node_modules[\\/]eslint-scope/);
    expect(realpathSync(fromEslint.resolve('espree'))).toMatch(/eslint-v9[\\/]node_modules[\\/]espree/);
  });

  it('screens every JavaScript sample of the rule tests as ESLint 9\'s Linter lints it, and settles those without findings', async () => {
    const { lintWithLinter, lintWithRules, screenStats, warmUp } = fromInstalled('./scanner/detectors/eslint-rules.js') as EslintRules;
    const { effectiveRules, pluginRuleSettings } = fromInstalled('./scanner/rules.js') as typeof RulesModule;
    const rules = pluginRuleSettings(effectiveRules());
    const samples = (await ruleTesterCases()).filter(isJavaScript);
    expect(samples.length).toBeGreaterThan(300);
    warmUp(rules);
    const before = screenStats.settled;
    let clean = 0;
    for (const code of samples) {
      const expected = lintWithLinter('sample.js', code, rules);
      expect({ code, outcome: lintWithRules('sample.js', code, rules) }).toEqual({ code, outcome: expected });
      if (expected.findings.length === 0 && !/\/[/*]\s*(?:eslint|global)\s/.test(code)) clean++;
    }
    // the screening run really ran (it settled every clean sample) rather than leaving all to the Linter
    expect(clean).toBeGreaterThan(150);
    expect(screenStats.settled - before).toBe(clean);
  });

  it('reports on the examples and fixtures what it reports under ESLint 10, with and without lint workers', () => {
    const underTen = scan(bin, '1');
    expect((underTen as { findings: unknown[] }).findings.length).toBeGreaterThan(20);
    const cli = join(installed, 'dist', 'bin', 'gemini-guard.js');
    expect(scan(cli, '1')).toEqual(underTen);
    expect(scan(cli, '2')).toEqual(underTen);
  });
});
