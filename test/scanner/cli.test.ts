import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliEnvironment } from '../../src/scanner/cli.js';

const KEY = 'account-Tq4Wn8Zr2Lp6Xv0Bk3Jd';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function env(cwd: string, extra: Partial<CliEnvironment> = {}): CliEnvironment {
  return { cwd, env: {}, stdoutIsTTY: false, stderrIsTTY: false, ...extra };
}

describe('runCli', () => {
  it('exits 0 on a clean project and 1 with findings', () => {
    expect(runCli(['scan'], env(dirWith({ 'a.js': 'export const a = 1;' }))).exitCode).toBe(0);
    const result = runCli(['scan'], env(dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n` })));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('keys.env');
    expect(result.stdout).toContain('account-Tq4W…');
    expect(result.stdout).not.toContain(KEY);
  });

  it('exits 2 on usage errors, with one line and a hint to --help on stderr', () => {
    for (const args of [[], ['lint'], ['scan', '--format', 'xml'], ['scan', '--fail-on', 'sometimes'], ['scan', '--bogus'], ['scan', '--max-file-size', '-1']]) {
      const result = runCli(args, env(dirWith({})));
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^gemini-guard: [^\n]+\nRun "gemini-guard --help" for the commands and options\.\n$/);
    }
  });

  it('prints help and version', () => {
    expect(runCli(['--help'], env('.')).stdout).toContain('Exit codes');
    expect(runCli(['--version'], env('.')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('honours --fail-on', () => {
    const dir = dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n`, 'gemini-guard.config.json': JSON.stringify({ rules: { 'no-hardcoded-credentials': 'warn' } }) });
    expect(runCli(['scan'], env(dir)).exitCode).toBe(0);
    expect(runCli(['scan', '--fail-on', 'warning'], env(dir)).exitCode).toBe(1);
    expect(runCli(['scan', '--fail-on', 'none'], env(dir)).exitCode).toBe(0);
  });

  it('reads the config from package.json and rejects unknown keys', () => {
    const dir = dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n`, 'package.json': JSON.stringify({ name: 'x', 'gemini-guard': { exclude: ['*.env'] } }) });
    expect(runCli(['scan'], env(dir)).exitCode).toBe(0);
    const bad = dirWith({ 'gemini-guard.config.json': JSON.stringify({ rulez: {} }) });
    const result = runCli(['scan'], env(bad));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('unknown key "rulez"');
  });

  it('writes the report to --output and prints nothing', () => {
    const dir = dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n` });
    const result = runCli(['scan', '--format', 'json', '--output', 'report.json'], env(dir));
    expect(result.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.findings).toHaveLength(1);
    expect(report.stats.filesSeen).toBe(1);
  });

  it('uses colours only on a TTY without NO_COLOR', () => {
    const dir = dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n` });
    const escape = '\u001b[';
    expect(runCli(['scan'], env(dir, { stdoutIsTTY: true })).stdout).toContain(escape);
    expect(runCli(['scan'], env(dir, { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(escape);
    expect(runCli(['scan'], env(dir, { stdoutIsTTY: false })).stdout).not.toContain(escape);
    expect(runCli(['scan', '--no-color'], env(dir, { stdoutIsTTY: true })).stdout).not.toContain(escape);
  });

  it('shows progress only on a TTY, outside CI, unless --no-progress, for scans longer than a second', () => {
    const dir = dirWith({ 'a.js': 'x', 'b.js': 'y' });
    let clock = 0;
    const now = () => (clock += 600);
    const run = (extra: Partial<CliEnvironment>, args: string[] = []) => {
      const written: string[] = [];
      runCli(['scan', ...args], env(dir, { stderrIsTTY: true, now, writeProgress: (t) => written.push(t), ...extra }));
      return written.join('');
    };
    expect(run({})).toContain('files');
    expect(run({}, ['--no-progress'])).toBe('');
    expect(run({ env: { CI: 'true' } }, ['--progress'])).toContain('files');
    expect(run({ env: { CI: 'true' } })).toBe('');
    expect(run({ stderrIsTTY: false })).toBe('');
  });

  it('applies --fix to files on disk', () => {
    const dir = dirWith({ 'a.js': "fetch('http://api.gemini.com/v1/symbols');\n" });
    const result = runCli(['scan', '--fix'], env(dir));
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe("fetch('https://api.gemini.com/v1/symbols');\n");
  });
});
