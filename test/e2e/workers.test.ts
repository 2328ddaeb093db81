// The built scanner lints in worker threads (the default on two or more cores) or in its main
// thread (`--jobs 1`): the report must not depend on which.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bin, cleanEnv, KEY } from '../e2e-git/helpers.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-workers-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function scan(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'scan', '.', '--format', 'json', '--fail-on', 'none', ...args], { cwd: dir, encoding: 'utf8', env: cleanEnv() });
  const report = JSON.parse(r.stdout) as { findings: unknown[]; skipped: unknown[]; stats: Record<string, number> };
  const { durationMs: _duration, ...stats } = report.stats;
  return { status: r.status, stderr: r.stderr, report: { ...report, stats } };
}

/** Many Gemini clients, one importing its base URL from another module (the cross-file phase). */
function clients(count: number): Record<string, string> {
  const files: Record<string, string> = {
    'src/config.js': "export const GEMINI_BASE = 'https://api.gemini.com';\n",
    'src/keys.js': `export const key = '${KEY}';\n`,
  };
  for (let i = 0; i < count; i++) {
    files[`src/client${i}.js`] = [
      "import axios from 'axios';",
      "import { GEMINI_BASE } from './config.js';",
      `export async function balances${i}() {`,
      "  return axios.post(GEMINI_BASE + '/v1/balances', {});",
      '}',
      `export const insecure${i} = () => fetch('http://api.gemini.com/v1/symbols');`,
      // filler, so that the files add up to more than one worker's share
      ...Array.from({ length: 200 }, (_, j) => `export const filler${i}_${j} = { id: ${j}, name: 'value ${j}', tags: ['a', 'b', 'c'] };`),
      '',
    ].join('\n');
  }
  return files;
}

describe('lint worker threads', () => {
  it('report the same findings, skips and counts as linting in the main thread', () => {
    const dir = folder(clients(40));
    cpSync(join(__dirname, '..', '..', 'examples'), join(dir, 'examples'), { recursive: true });
    const main = scan(dir, ['--jobs', '1']);
    const threads = scan(dir, ['--jobs', '2']);
    expect(main.status).toBe(0);
    expect(threads.status).toBe(0);
    expect(threads.report).toEqual(main.report);
    const rules = new Set((main.report.findings as { ruleId: string }[]).map((f) => f.ruleId));
    // the cross-file constant made the unsigned calls visible, in either mode
    expect(rules).toContain('gemini-guard/no-unsigned-private-request');
    expect(rules).toContain('gemini-guard/no-insecure-transport');
    expect(rules).toContain('gemini-guard/no-hardcoded-credentials');
    expect(main.report.stats.filesParsed).toBeGreaterThanOrEqual(40);
  });

  it('apply the same fixes with --fix', () => {
    const files = clients(12);
    const one = folder(files);
    const two = folder(files);
    expect(scan(one, ['--fix', '--jobs', '1']).status).toBe(0);
    expect(scan(two, ['--fix', '--jobs', '2']).status).toBe(0);
    for (const name of Object.keys(files)) expect(readFileSync(join(two, name), 'utf8')).toBe(readFileSync(join(one, name), 'utf8'));
    expect(readFileSync(join(two, 'src/client3.js'), 'utf8')).toContain("fetch('https://api.gemini.com/v1/symbols')");
  });

  it('--jobs takes a number of threads; anything else exits 2', () => {
    const dir = folder({ 'a.js': 'export const a = 1;\n' });
    for (const bad of ['0', 'two', '65', '1.5', '']) {
      const r = spawnSync(process.execPath, [bin, 'scan', `--jobs=${bad}`], { cwd: dir, encoding: 'utf8', env: cleanEnv() });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--jobs takes a number of threads from 1 to 64/);
    }
  });
});
