// Pathological inputs for the scanner, through the BUILT CLI in temp folders: each ends as a finding
// or as a `skipped` entry with a reason, and the exit code keeps its meaning (0 nothing found, 1
// findings, never 2 — that is for usage and fatal errors).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listPaths, readSource } from '../../src/scanner/files.js';
import { scanProject } from '../../src/scanner/scan.js';
import { API_KEYS } from '../helpers/secrets.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'bin', 'gemini-guard.js');
const KEY = API_KEYS[0]!;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-patho-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const gitEnv = (): NodeJS.ProcessEnv => ({ ...process.env, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' });
const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface Report {
  findings: { ruleId: string; file: string; line: number }[];
  skipped: { file: string; reason: string; detail?: string }[];
  stats: { filesParsed: number };
}

/** Runs the built CLI with JSON output; a hang (a FIFO read, an endless walk) fails the test instead of blocking it. */
function scan(dir: string, ...args: string[]): { status: number | null; report: Report; stderr: string } {
  const r = spawnSync(process.execPath, [bin, 'scan', '--format', 'json', '--no-progress', ...args], { cwd: dir, env: { ...gitEnv(), NO_COLOR: '1' }, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  expect(r.error, 'the CLI did not finish').toBeUndefined();
  expect(r.status, r.stderr).not.toBe(2);
  return { status: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const skippedAs = (report: Report, file: string) => report.skipped.find((s) => s.file === file);

describe('pathological inputs', () => {
  it('skips a 6 MB one-line bundle as too large by default, and with a larger limit scans it for keys without a parse', async () => {
    const bundle = `var gemini="https://api.gemini.com",k="${KEY}";${'function a(b){return b&&b.c?b.c(1):0}'.repeat(170_000)}\n`;
    expect(bundle.length).toBeGreaterThan(6_000_000);
    const dir = folder({ 'dist/app.min.js': bundle });

    const byDefault = scan(dir);
    expect(byDefault.status).toBe(0);
    expect(skippedAs(byDefault.report, 'dist/app.min.js')).toMatchObject({ reason: 'too-large' });

    const larger = scan(dir, '--max-file-size', '8000000');
    expect(larger.status).toBe(1);
    expect(skippedAs(larger.report, 'dist/app.min.js')).toMatchObject({ reason: 'minified' });
    expect(larger.report.stats.filesParsed).toBe(0);
    expect(larger.report.findings).toEqual([expect.objectContaining({ ruleId: 'gemini-guard/no-hardcoded-credentials', file: 'dist/app.min.js', line: 1 })]);
  }, 120_000);

  it('lints a 100,000-line file to its last line', async () => {
    // a generated data table (100,000 declarations would measure acorn's quadratic scope checks instead)
    const lines = ['export const MARKETS = [', ...Array.from({ length: 99_998 }, (_, i) => `  [${i}, 'btcusd'],`), '];'];
    lines.push("fetch('http://api.gemini.com/v1/symbols');");
    expect(lines.length).toBe(100_001);
    const dir = folder({ 'src/long.js': `${lines.join('\n')}\n` });
    const { status, report } = scan(dir);
    expect(status).toBe(1);
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'gemini-guard/no-insecure-transport', file: 'src/long.js', line: 100_001 })]);
  }, 120_000);

  it('ends code nested 10,000 levels deep as a skipped entry with a reason, and still finds the key in it', async () => {
    const deep = 10_000;
    const dir = folder({
      'src/parens.js': `export const gemini = ${'(\n'.repeat(deep)}'${KEY}'${'\n)'.repeat(deep)};\n`,
      'src/arrays.ts': `export const gemini = ${'[\n'.repeat(deep)}'${KEY}'${'\n]'.repeat(deep)};\n`,
      'src/members.js': `export const gemini = 'https://api.gemini.com';\nconst v = a${'\n.b'.repeat(deep)};\n`,
      'src/sum.js': `export const gemini = 'https://api.gemini.com';\nconst v = ${Array.from({ length: deep }, () => 'a').join('\n+ ')};\n`,
      'src/calls.ts': `import { BASE } from './config';\nexport const gemini = ${'f(\n'.repeat(deep)}BASE${'\n)'.repeat(deep)};\n`,
      'src/config.ts': `export const BASE = 'https://api.gemini.com';\nexport const deep = ${'{ a:\n'.repeat(deep)}1${'\n}'.repeat(deep)};\n`,
    });
    const { status, report } = scan(dir);
    expect(status).toBe(1);
    // each file either parses, or is skipped with a reason that names the cause
    for (const file of ['src/parens.js', 'src/arrays.ts', 'src/members.js', 'src/sum.js', 'src/calls.ts', 'src/config.ts']) {
      const skipped = skippedAs(report, file);
      if (skipped) {
        expect(skipped.reason).toBe('syntax-error');
        expect(skipped.detail).toMatch(/stack|nested/i);
        expect(skipped.detail).not.toMatch(/undefined|internal error/);
      }
    }
    expect(skippedAs(report, 'src/parens.js')).toBeDefined();
    const keys = report.findings.filter((f) => f.ruleId === 'gemini-guard/no-hardcoded-credentials').map((f) => [f.file, f.line]);
    expect(keys).toEqual([
      ['src/arrays.ts', deep + 1],
      ['src/parens.js', deep + 1],
    ]);
  }, 120_000);

  it('skips invalid UTF-8 and binary files with their reason, and finds a key in UTF-16 files with a BOM', async () => {
    const utf16 = (text: string, bigEndian: boolean): Buffer => {
      const le = Buffer.from(text, 'utf16le');
      if (bigEndian) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
      return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), le]);
    };
    const dir = folder({
      'src/latin1.js': Buffer.concat([Buffer.from("const gemini = 'caf"), Buffer.from([0xe9, 0x27, 0x3b, 0x0a])]),
      'assets/logo.bin': Buffer.concat([Buffer.from('GIF89a gemini '), Buffer.alloc(64), Buffer.from(KEY)]),
      'src/wide.js': utf16(`// saved by an editor as UTF-16\nconst note = 'gemini';\nconst GEMINI_API_KEY = '${KEY}';\n`, false),
      'config/wide.env': utf16(`GEMINI_API_KEY=${KEY}\n`, true),
    });
    const { status, report } = scan(dir);
    expect(status).toBe(1);
    expect(skippedAs(report, 'src/latin1.js')).toMatchObject({ reason: 'invalid-utf8' });
    expect(skippedAs(report, 'assets/logo.bin')).toMatchObject({ reason: 'binary' });
    expect(report.findings.map((f) => [f.file, f.line])).toEqual(expect.arrayContaining([['src/wide.js', 3], ['config/wide.env', 1]]));
  }, 120_000);

  it('survives symlink loops, dangling links, a FIFO and a directory named like a file, outside git', async () => {
    const dir = folder({ 'src/client.js': `const k = '${KEY}';\n`, 'src/gemini.js': "export const gemini = 'https://api.gemini.com';\n" });
    symlinkSync('loop-b.js', join(dir, 'src/loop-a.js'));
    symlinkSync('loop-a.js', join(dir, 'src/loop-b.js'));
    symlinkSync('..', join(dir, 'src/up'));
    symlinkSync('nowhere.js', join(dir, 'src/dangling.js'));
    execFileSync('mkfifo', [join(dir, 'src/pipe.js')]);
    mkdirSync(join(dir, 'src/folder.js'));
    const { status, report } = scan(dir);
    expect(status).toBe(1);
    expect(report.findings).toEqual([expect.objectContaining({ file: 'src/client.js' })]);
    expect(skippedAs(report, 'src/loop-a.js')).toMatchObject({ reason: 'symlink-loop' });
    expect(skippedAs(report, 'src/loop-b.js')).toMatchObject({ reason: 'symlink-loop' });
    expect(skippedAs(report, 'src/dangling.js')?.reason).toMatch(/symlink-loop|unreadable|vanished/);
    expect(skippedAs(report, 'src/pipe.js')).toMatchObject({ reason: 'special-file' });
    // the link back to the root is not followed into an endless walk
    expect(report.skipped.filter((s) => s.file.startsWith('src/up/src/up'))).toEqual([]);
  }, 120_000);

  it('survives a tracked symlink loop, FIFO stand-in and a tracked file that became a directory, inside git', async () => {
    const dir = folder({ 'src/client.js': `const k = '${KEY}';\n`, 'src/was-a-file.js': "const gemini = 'https://api.gemini.com';\n" });
    symlinkSync('loop-b.js', join(dir, 'src/loop-a.js'));
    symlinkSync('loop-a.js', join(dir, 'src/loop-b.js'));
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'init');
    rmSync(join(dir, 'src/was-a-file.js'));
    mkdirSync(join(dir, 'src/was-a-file.js'));
    const { status, report } = scan(dir);
    expect(status).toBe(1);
    expect(report.findings).toEqual([expect.objectContaining({ file: 'src/client.js' })]);
    expect(skippedAs(report, 'src/loop-a.js')).toMatchObject({ reason: 'symlink-loop' });
    expect(skippedAs(report, 'src/was-a-file.js')).toMatchObject({ reason: 'unreadable' });
  }, 120_000);

  it('reports a file deleted between listing and reading as vanished, and goes on', async () => {
    const dir = folder({ 'a.js': `const k = '${KEY}';\n`, 'b.js': "const gemini = 'http://api.gemini.com';\n", 'c.env': `GEMINI_API_KEY=${KEY}\n` });
    // the reader on its own: listed, then gone
    const listed = listPaths({ cwd: dir, paths: [] }).paths.map((p) => p.file);
    expect(listed).toEqual(['a.js', 'b.js', 'c.env']);
    rmSync(join(dir, 'b.js'));
    expect(readSource(dir, 'b.js')).toEqual({ file: 'b.js', reason: 'vanished' });
    // a whole scan: the progress hook deletes the next file after the first one is read
    writeFileSync(join(dir, 'b.js'), "const gemini = 'http://api.gemini.com';\n");
    const result = await scanProject({
      cwd: dir,
      paths: [],
      onProgress: (done) => {
        if (done === 1) rmSync(join(dir, 'b.js'), { force: true });
      },
    });
    expect(result.skipped).toEqual([{ file: 'b.js', reason: 'vanished' }]);
    expect(result.findings.map((f) => f.file)).toEqual(['a.js', 'c.env']);
  });

  it('scans an empty repository and an empty folder without findings or errors', async () => {
    const repo = folder();
    git(repo, 'init', '-q');
    for (const args of [[], ['--staged'], ['--history']]) {
      const r = spawnSync(process.execPath, [bin, 'scan', '--format', 'json', '--no-progress', ...args], { cwd: repo, env: gitEnv(), encoding: 'utf8', timeout: 60_000 });
      // --staged/--history may not exist in this build; when they do, an empty repository is no error
      if (/unknown option|Unknown option/i.test(r.stderr)) continue;
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ findings: [], skipped: [] });
    }
    const empty = folder();
    const { status, report } = scan(empty);
    expect(status).toBe(0);
    expect(report).toMatchObject({ findings: [], skipped: [] });
  }, 120_000);
});
