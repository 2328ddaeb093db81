import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
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
  it('exits 0 on a clean project and 1 with findings', async () => {
    expect((await runCli(['scan'], env(dirWith({ 'a.js': 'export const a = 1;' })))).exitCode).toBe(0);
    const result = await runCli(['scan'], env(dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n` })));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('keys.env');
    expect(result.stdout).toContain('account-Tq4W…');
    expect(result.stdout).not.toContain(KEY);
  });

  it('exits 2 on usage errors, with one line and a hint to --help on stderr', async () => {
    for (const args of [[], ['lint'], ['scan', '--format', 'xml'], ['scan', '--fail-on', 'sometimes'], ['scan', '--bogus'], ['scan', '--max-file-size', '-1']]) {
      const result = await runCli(args, env(dirWith({})));
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^gemini-guard: [^\n]+\nRun "gemini-guard --help" for the commands and options\.\n$/);
    }
  });

  it('prints help and version', async () => {
    expect((await runCli(['--help'], env('.'))).stdout).toContain('Exit codes');
    expect((await runCli(['--version'], env('.'))).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('honours --fail-on', async () => {
    const dir = dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n`, 'gemini-guard.config.json': JSON.stringify({ rules: { 'no-hardcoded-credentials': 'warn' } }) });
    expect((await runCli(['scan'], env(dir))).exitCode).toBe(0);
    expect((await runCli(['scan', '--fail-on', 'warning'], env(dir))).exitCode).toBe(1);
    expect((await runCli(['scan', '--fail-on', 'none'], env(dir))).exitCode).toBe(0);
  });

  it('reads the config from package.json and rejects unknown keys', async () => {
    const dir = dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n`, 'package.json': JSON.stringify({ name: 'x', 'gemini-guard': { exclude: ['*.env'] } }) });
    expect((await runCli(['scan'], env(dir))).exitCode).toBe(0);
    const bad = dirWith({ 'gemini-guard.config.json': JSON.stringify({ rulez: {} }) });
    const result = await runCli(['scan'], env(bad));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('unknown key "rulez"');
  });

  it('exits 2 on a config file under a name it does not read, rather than scan unconfigured', async () => {
    // the config raises the limit: dropped, the large file would be skipped instead of scanned
    const config = JSON.stringify({ maxFileSize: 50_000_000 });
    for (const name of ['.gemini-guard.json', '.gemini-guardrc', 'gemini-guard.json', 'gemini-guard.config.js', 'Gemini-Guard.config.yaml', 'gemini_guard.config.json', '.geminiguardrc.json']) {
      const result = await runCli(['scan'], env(dirWith({ [name]: config, 'keys.env': `GEMINI_API_KEY=${KEY}\n` })));
      expect(result.exitCode, name).toBe(2);
      expect(result.stderr, name).toContain(`found ${name}, which gemini-guard does not read`);
    }
    // JSON under another name: renaming or --config fixes it; --config reads it
    const json = await runCli(['scan'], env(dirWith({ '.gemini-guard.json': config })));
    expect(json.stderr).toContain('Rename the file, or pass --config .gemini-guard.json.');
    const passed = dirWith({ '.gemini-guard.json': JSON.stringify({ rules: { 'no-hardcoded-credentials': 'off' } }), 'keys.env': `GEMINI_API_KEY=${KEY}\n` });
    expect((await runCli(['scan', '--config', '.gemini-guard.json'], env(passed))).exitCode).toBe(0);
    expect((await runCli(['scan', '--config', '.gemini-guard.json', '--fail-on', 'none'], env(dirWith({ '.gemini-guard.json': config })))).exitCode).toBe(0);
    // JavaScript: the settings have to move to JSON
    expect((await runCli(['scan'], env(dirWith({ 'gemini-guard.config.mjs': 'export default {};' })))).stderr).toContain('Move the settings there.');
    // a package.json key under another spelling
    const key = await runCli(['scan'], env(dirWith({ 'package.json': JSON.stringify({ name: 'bot', geminiGuard: { exclude: ['*.env'] } }) })));
    expect(key.exitCode).toBe(2);
    expect(key.stderr).toContain('package.json has a "geminiGuard" key, which gemini-guard does not read');
  });

  it('leaves alone names that are not a config: a script, a folder, a report it wrote, and a near miss beside the real config', async () => {
    const clean = { 'a.js': 'export const a = 1;' };
    // a JSON report written with --output gemini-guard.json does not stop the next run
    const reported = dirWith({ ...clean, 'keys.env': `GEMINI_API_KEY=${KEY}\n` });
    expect((await runCli(['scan', '--format', 'json', '--output', 'gemini-guard.json', '--fail-on', 'none'], env(reported))).exitCode).toBe(0);
    expect((await runCli(['scan', '--fail-on', 'none'], env(reported))).exitCode).toBe(0);
    expect((await runCli(['scan'], env(dirWith({ ...clean, '.gemini-guard.yml': '# notes\nowner: bots-team\n' })))).exitCode).toBe(0);
    // the same names holding settings are a config under the wrong name
    expect((await runCli(['scan'], env(dirWith({ ...clean, '.gemini-guard.yml': 'exclude:\n  - test/**\n' })))).exitCode).toBe(2);
    expect((await runCli(['scan'], env(dirWith({ ...clean, 'gemini-guard.json': '{"rules": {}}' })))).exitCode).toBe(2);
    expect((await runCli(['scan'], env(dirWith({ ...clean, 'gemini-guard.js': 'console.log(1);', 'gemini-guard': '#!/bin/sh\n' })))).exitCode).toBe(0);
    const folder = dirWith(clean);
    mkdirSync(join(folder, '.gemini-guard'));
    expect((await runCli(['scan'], env(folder))).exitCode).toBe(0);
    // the real config is read; the other file is not a silent omission then
    const both = dirWith({ 'gemini-guard.config.json': JSON.stringify({ rules: { 'no-hardcoded-credentials': 'warn' } }), '.gemini-guardrc': '{}', 'keys.env': `GEMINI_API_KEY=${KEY}\n` });
    expect((await runCli(['scan'], env(both))).exitCode).toBe(0);
    expect((await runCli(['scan', '--fail-on', 'warning'], env(both))).exitCode).toBe(1);
  });

  it("applies the scanned folder's config globs relative to that folder, also when run from outside it", async () => {
    const project = dirWith({ 'gemini-guard.config.json': JSON.stringify({ include: ['src/**', 'lib/**'], exclude: ['src/fixtures/**'] }) });
    for (const folder of ['src/fixtures', 'lib', 'other']) mkdirSync(join(project, folder), { recursive: true });
    const key = `const key = '${KEY}';\n`;
    for (const file of ['src/a.js', 'src/fixtures/b.js', 'lib/c.js', 'other/d.js']) writeFileSync(join(project, file), key);
    const files = async (cwd: string, args: string[]): Promise<string[]> =>
      (JSON.parse((await runCli(['scan', ...args, '--format', 'json', '--fail-on', 'none'], env(cwd))).stdout) as { findings: { file: string }[] }).findings.map((f) => f.file).sort();
    expect(await files(project, [])).toEqual(['lib/c.js', 'src/a.js']);
    // from a sibling folder (the scanned folder is the root, outside the cwd) and from its parent folder's child
    const outside = mkdtempSync(join(tmpdir(), 'gg-cli-elsewhere-'));
    const prefix = relative(outside, project).split(sep).join('/');
    expect(await files(outside, [project])).toEqual([`${prefix}/lib/c.js`, `${prefix}/src/a.js`]);
    expect(await files(join(project, 'other'), ['..'])).toEqual(['../lib/c.js', '../src/a.js']);
    // a --config file's globs stay relative to the current folder, as ESLint reads --config's
    expect(await files(project, ['--config', 'gemini-guard.config.json'])).toEqual(['lib/c.js', 'src/a.js']);
  });

  it('matches the folder name of a config outside the cwd literally, glob characters included', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'gg-cli-glob-'));
    const project = join(parent, 'bot[1] (copy)');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'gemini-guard.config.json'), JSON.stringify({ include: ['src/**'] }));
    writeFileSync(join(project, 'src', 'a.js'), `const key = '${KEY}';\n`);
    const outside = mkdtempSync(join(tmpdir(), 'gg-cli-elsewhere-'));
    const report = JSON.parse((await runCli(['scan', project, '--format', 'json', '--fail-on', 'none'], env(outside))).stdout) as { findings: { file: string }[] };
    expect(report.findings.map((f) => f.file)).toEqual([`${relative(outside, project).split(sep).join('/')}/src/a.js`]);
  });

  it('exits 2 when the include patterns keep none of the files of the scanned folders, rather than report nothing checked as clean', async () => {
    const dir = dirWith({ 'bot.js': `const key = '${KEY}';\n`, 'keys.env': `GEMINI_API_KEY=${KEY}\n` });
    const typo = await runCli(['scan', '--include', 'scr/**'], env(dir));
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('the include patterns match none of the 2 files listed, so nothing would be checked. Check them: --include: "scr/**" (relative to the current folder)');
    writeFileSync(join(dir, 'gemini-guard.config.json'), JSON.stringify({ include: ['src/**/*.ts'] }));
    const config = await runCli(['scan', '.'], env(dir));
    expect(config.exitCode).toBe(2);
    expect(config.stderr).toContain('Check them: the config (relative to its folder): "src/**/*.ts"');
    // run from outside, the patterns are quoted as written, not as matched (../folder/src/**)
    const outside = await runCli(['scan', dir], env(mkdtempSync(join(tmpdir(), 'gg-cli-elsewhere-'))));
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain('the config (relative to its folder): "src/**/*.ts"');
    // a pattern that keeps something scans as before; so does an empty folder, with nothing to keep
    writeFileSync(join(dir, 'gemini-guard.config.json'), '{}');
    expect((await runCli(['scan', '--include', '*.js', '--fail-on', 'none'], env(dir))).exitCode).toBe(0);
    expect((await runCli(['scan', '--include', 'src/**'], env(dirWith({})))).exitCode).toBe(0);
  });

  it('scans a part of the root that lies outside the include patterns as nothing to do: staged files, one package of a monorepo', async () => {
    const dir = dirWith({ 'README.md': '# bot\n', 'gemini-guard.config.json': JSON.stringify({ include: ['packages/api/**'] }) });
    for (const pkg of ['api', 'web']) {
      mkdirSync(join(dir, 'packages', pkg), { recursive: true });
      writeFileSync(join(dir, 'packages', pkg, 'index.js'), 'export const a = 1;\n');
    }
    for (const args of [['README.md'], ['packages/web'], ['packages/web', 'README.md']]) {
      const result = await runCli(['scan', ...args], env(dir));
      expect(result.exitCode, args.join(' ')).toBe(0);
      expect(result.stderr, args.join(' ')).toBe('');
    }
  });

  it("reads the config of the one folder scanned from a folder above it that has none (cd ~ && gemini-guard scan ~/bot)", async () => {
    const parent = dirWith({});
    const bot = join(parent, 'bot');
    for (const folder of ['src', 'other']) mkdirSync(join(bot, folder), { recursive: true });
    for (const file of ['src/a.js', 'other/b.js']) writeFileSync(join(bot, file), `const key = '${KEY}';\n`);
    writeFileSync(join(bot, 'gemini-guard.config.json'), JSON.stringify({ include: ['src/**'] }));
    const report = JSON.parse((await runCli(['scan', 'bot', '--format', 'json', '--fail-on', 'none'], env(parent))).stdout) as { findings: { file: string }[] };
    expect(report.findings.map((f) => f.file)).toEqual(['bot/src/a.js']);
    // so its mistakes are found from there too, and the way out is said from there
    writeFileSync(join(bot, '.gemini-guard.json'), JSON.stringify({ rules: {} }));
    rmSync(join(bot, 'gemini-guard.config.json'));
    expect((await runCli(['scan', 'bot'], env(parent))).stderr).toContain('found bot/.gemini-guard.json, which gemini-guard does not read: its configuration is gemini-guard.config.json (JSON) or the "gemini-guard" key of package.json. Rename the file, or pass --config bot/.gemini-guard.json.');
    rmSync(join(bot, '.gemini-guard.json'));
    writeFileSync(join(bot, 'gemini-guard.config.json'), '{"include": [');
    const broken = await runCli(['scan', 'bot'], env(parent));
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toContain('is not valid JSON');
    // an --include typo for the folder named beside it checks nothing: exit 2, not a clean pass
    writeFileSync(join(bot, 'gemini-guard.config.json'), '{}');
    const typo = await runCli(['scan', 'bot', '--include', 'bot/scr/**'], env(parent));
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('--include: "bot/scr/**"');
    // a config of the folder above wins, as before (a monorepo's root config)
    writeFileSync(join(parent, 'gemini-guard.config.json'), JSON.stringify({ exclude: ['bot/src/**'] }));
    const root = JSON.parse((await runCli(['scan', 'bot', '--format', 'json', '--fail-on', 'none'], env(parent))).stdout) as { findings: { file: string }[] };
    expect(root.findings.map((f) => f.file)).toEqual(['bot/other/b.js']);
  });

  it('never prints a key that a config path holds', async () => {
    const parent = dirWith({});
    const folder = join(parent, KEY);
    mkdirSync(folder);
    writeFileSync(join(folder, 'gemini-guard.config.json'), '{"include": [');
    const result = await runCli(['scan', KEY], env(parent));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('is not valid JSON');
    expect(result.stderr).not.toContain(KEY.slice(8));
  });

  it('writes the report to --output and prints nothing', async () => {
    const dir = dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n` });
    const result = await runCli(['scan', '--format', 'json', '--output', 'report.json'], env(dir));
    expect(result.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.findings).toHaveLength(1);
    expect(report.stats.filesSeen).toBe(1);
  });

  it('uses colours only on a TTY without NO_COLOR', async () => {
    const dir = dirWith({ 'keys.env': `GEMINI_API_KEY=${KEY}\n` });
    const escape = '\u001b[';
    expect((await runCli(['scan'], env(dir, { stdoutIsTTY: true }))).stdout).toContain(escape);
    expect((await runCli(['scan'], env(dir, { stdoutIsTTY: true, env: { NO_COLOR: '1' } }))).stdout).not.toContain(escape);
    expect((await runCli(['scan'], env(dir, { stdoutIsTTY: false }))).stdout).not.toContain(escape);
    expect((await runCli(['scan', '--no-color'], env(dir, { stdoutIsTTY: true }))).stdout).not.toContain(escape);
  });

  it('shows progress only on a TTY, outside CI, unless --no-progress, for scans longer than a second', async () => {
    const dir = dirWith({ 'a.js': 'x', 'b.js': 'y' });
    let clock = 0;
    const now = () => (clock += 600);
    const run = async (extra: Partial<CliEnvironment>, args: string[] = []) => {
      const written: string[] = [];
      await runCli(['scan', ...args], env(dir, { stderrIsTTY: true, now, writeProgress: (t) => written.push(t), ...extra }));
      return written.join('');
    };
    expect(await run({})).toContain('files');
    expect(await run({}, ['--no-progress'])).toBe('');
    expect(await run({ env: { CI: 'true' } }, ['--progress'])).toContain('files');
    expect(await run({ env: { CI: 'true' } })).toBe('');
    expect(await run({ stderrIsTTY: false })).toBe('');
  });

  it('applies --fix to files on disk', async () => {
    const dir = dirWith({ 'a.js': "fetch('http://api.gemini.com/v1/symbols');\n" });
    const result = await runCli(['scan', '--fix'], env(dir));
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe("fetch('https://api.gemini.com/v1/symbols');\n");
  });
});
