// End to end: the BUILT CLI (dist/bin/gemini-guard.js) on the mini-projects in test/fixtures/,
// compared with golden JSON and SARIF files. `UPDATE_GOLDEN=1 npx vitest run test/e2e` rewrites
// the goldens; review the diff before committing it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sarifValidator } from '../helpers/sarif-schema.js';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'bin', 'gemini-guard.js');
const fixtures = join(root, 'test', 'fixtures');
const CASES = ['clean', 'config-files', 'cross-file'];
const update = process.env.UPDATE_GOLDEN === '1';

function run(cwd: string, args: string[]) {
  if (!existsSync(bin)) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Timing and the tool's version change between runs; everything else must not. */
function normalise(text: string): string {
  return text.replace(/"durationMs": \d+/g, '"durationMs": 0').replace(/("name": "gemini-guard",\s*"version": )"[^"]+"/, '$1"0.0.0"');
}

function golden(name: string, actual: string) {
  const path = join(fixtures, name);
  if (update) writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/e2e and review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Every key- or secret-shaped value written in a fixture's files. */
function plantedSecrets(dir: string): string[] {
  const out = new Set<string>();
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '.'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/(?:account|master)-[0-9A-Za-z]{20}/g)) out.add(m[0]);
    for (const m of text.matchAll(/(?<![0-9A-Za-z])[0-9A-Za-z]{26,28}(?![0-9A-Za-z])/g)) if (/\d/.test(m[0]) && /[a-z]/.test(m[0]) && /[A-Z]/.test(m[0])) out.add(m[0]);
  }
  return [...out].filter((s) => !/X{6}/.test(s));
}

describe.each(CASES)('gemini-guard scan on test/fixtures/%s', (name) => {
  const dir = join(fixtures, name);

  it('matches the golden JSON report', () => {
    const result = run(dir, ['scan', '--format', 'json']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(result.status).toBe(report.findings.some((f: { severity: string }) => f.severity === 'error') ? 1 : 0);
    golden(`${name}.expected.json`, normalise(result.stdout));
  });

  it('matches the golden SARIF report, which validates against the SARIF 2.1.0 schema', () => {
    const result = run(dir, ['scan', '--format', 'sarif']);
    const sarif = JSON.parse(result.stdout);
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const ruleIds = new Set(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id));
    for (const r of sarif.runs[0].results) {
      expect(ruleIds.has(r.ruleId)).toBe(true);
      expect(r.partialFingerprints['geminiGuardFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const rule of sarif.runs[0].tool.driver.rules) expect(rule.helpUri).toMatch(/^https:\/\/.+\.md(#.*)?$/);
    golden(`${name}.expected.sarif`, normalise(result.stdout));
  });

  it('never prints a planted secret, nor any 9-character piece of one, in any format', () => {
    const secrets = plantedSecrets(dir);
    const outputs = ['text', 'json', 'sarif'].map((format) => {
      const r = run(dir, ['scan', '--format', format]);
      return r.stdout + r.stderr;
    });
    for (const secret of secrets) {
      const body = secret.replace(/^(account|master)-/, '');
      for (let i = 0; i + 9 <= body.length; i++) {
        const piece = body.slice(i, i + 9);
        for (const output of outputs) expect(output.includes(piece), `${piece} of a planted secret leaked`).toBe(false);
      }
    }
  });
});
