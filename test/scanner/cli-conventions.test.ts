// The scanner CLI follows ESLint's conventions where users expect them: --quiet reports errors
// only, --max-warnings, --progress/--no-progress, --fix says what it changed and findings say when
// they are fixable, and a usage mistake is one line that names it (that one through the BUILT bin).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/scanner/cli.js';

const root = join(import.meta.dirname, '..', '..');
const BIN = join(root, 'dist', 'bin', 'gemini-guard.js');
const KEY = 'account-Tq4Wn8Zr2Lp6Xv0Bk3Jd';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-cli-conv-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The CLI in-process (what the bin runs), as a CI job would: no colours, no terminal. */
async function cli(dir: string, args: string[]) {
  const r = await runCli(args, { cwd: dir, env: { NO_COLOR: '1', CI: 'true' }, stdoutIsTTY: false, stderrIsTTY: false });
  return { status: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

/** The BUILT bin in a child process, for what only a real process shows (its exit status, stderr). */
function bin(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  findings: { ruleId: string; severity: string; line: number; fixable?: true }[];
}

// one error (a hardcoded key) and one warning (a withdrawal endpoint, a warning in `recommended`),
// plus a fixable error (plain http)
const BOT = `const KEY = '${KEY}';
export const withdraw = (payload, signature) => fetch('https://api.gemini.com/v1/withdraw/btc', { method: 'POST', headers: { 'X-GEMINI-APIKEY': KEY, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });
export const ticker = () => fetch('http://api.gemini.com/v1/pubticker/btcusd');
`;

describe('gemini-guard scan: ESLint conventions', { timeout: 60_000 }, () => {
  it('--quiet reports errors only, as in ESLint', async () => {
    const dir = project({ 'src/bot.js': BOT });
    const all = JSON.parse((await cli(dir, ['scan', '--format', 'json'])).stdout) as Report;
    expect(all.findings.map((f) => f.severity).sort()).toEqual(['error', 'error', 'warning']);
    const quiet = await cli(dir, ['scan', '--format', 'json', '--quiet']);
    expect(quiet.status).toBe(1);
    expect((JSON.parse(quiet.stdout) as Report).findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['gemini-guard/no-hardcoded-credentials', 'error'],
      ['gemini-guard/no-insecure-transport', 'error'],
    ]);
    expect((await cli(dir, ['scan', '--quiet'])).stdout).not.toMatch(/^ +\d+:\d+ +warning/m);
  });

  it('--max-warnings N fails on more than N warnings, even when only errors fail otherwise', async () => {
    const dir = project({ 'src/bot.js': BOT.replace(`'${KEY}'`, 'process.env.GEMINI_API_KEY').replace('http://', 'https://') });
    expect((await cli(dir, ['scan'])).status).toBe(0); // one warning, no error
    const strict = await cli(dir, ['scan', '--max-warnings', '0']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toBe('gemini-guard: too many warnings (1; --max-warnings allows 0).\n');
    expect((await cli(dir, ['scan', '--max-warnings', '1'])).status).toBe(0);
    const bad = await cli(dir, ['scan', '--max-warnings', 'some']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('gemini-guard: --max-warnings takes a number of warnings (0 or more)');
  });

  it('marks fixable findings, and --fix says which files it changed', async () => {
    const dir = project({ 'src/bot.js': BOT });
    const report = JSON.parse((await cli(dir, ['scan', '--format', 'json'])).stdout) as Report;
    expect(report.findings.map((f) => [f.ruleId, f.fixable ?? false])).toEqual([
      ['gemini-guard/no-hardcoded-credentials', false],
      ['gemini-guard/no-withdrawal-endpoints', false],
      ['gemini-guard/no-insecure-transport', true],
    ]);
    const text = (await cli(dir, ['scan'])).stdout;
    expect(text).toMatch(/3:\d+ +error .*gemini-guard\/no-insecure-transport {2}fixable\n/);
    expect(text).toContain('1 of them fixable with `gemini-guard scan --fix`');
    const fixed = await cli(dir, ['scan', '--fix']);
    expect(fixed.stderr).toBe('gemini-guard: --fix changed 1 file: src/bot.js.\n');
    expect(readFileSync(join(dir, 'src/bot.js'), 'utf8')).toContain("fetch('https://api.gemini.com/v1/pubticker/btcusd')");
    expect((await cli(dir, ['scan', '--fix'])).stderr).toBe('gemini-guard: --fix changed no file.\n');
  });

  it('a usage mistake is one line naming it and a hint to --help, not the whole help text', async () => {
    const dir = project({});
    const unknown = bin(dir, ['scan', '--qiuet']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('gemini-guard: unknown option --qiuet\nRun "gemini-guard --help" for the commands and options.\n');
    const missing = await cli(dir, ['scan', '--format']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.split('\n')).toHaveLength(3);
    expect(missing.stderr).toContain('--format');
    expect((await cli(dir, ['--help'])).stdout).toContain('--max-warnings <n>');
  });

  it('--no-progress and --progress are accepted (the bar itself is tested in-process)', async () => {
    const dir = project({ 'a.js': 'export const a = 1;\n' });
    expect((await cli(dir, ['scan', '--no-progress'])).status).toBe(0);
    expect((await cli(dir, ['scan', '--progress'])).status).toBe(0);
  });
});
