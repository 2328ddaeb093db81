// `gemini-guard scan --staged` against real git repositories, through the built CLI.
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createRepo, expectNoLeak, json, KEY, KEY2, runCli, SECRET, SECRET2 } from './helpers.js';

describe('scan --staged', { timeout: 60_000 }, () => {
  it('catches a key that is staged and then deleted from the working copy', () => {
    const repo = createRepo();
    repo.commit('init', ...['a.js'].map((f) => (repo.write(f, 'export const a = 1;\n'), f)));
    repo.write('.env', `# gemini exchange\nGEMINI_API_KEY=${KEY}\nGEMINI_API_SECRET=${SECRET}\n`).stage('.env').remove('.env');

    const staged = repo.run(['scan', '--staged', '--format', 'json']);
    expect(staged.status).toBe(1);
    const findings = json(staged).findings.filter((f) => f.ruleId === 'gemini-guard/no-hardcoded-credentials');
    expect(findings.map((f) => [f.file, f.line, f.column])).toEqual([
      ['.env', 2, 16],
      ['.env', 3, 19],
    ]);
    // The working tree no longer has it: a plain scan cannot see what is about to be committed.
    expect(repo.run(['scan']).status).toBe(0);
    expectNoLeak(staged.stdout, staged.stderr, repo.run(['scan', '--staged']).stdout);
  });

  it('scans the staged content of a file, not its unstaged edits', () => {
    const repo = createRepo();
    repo.write('src/config.js', "export const gemini = { apiKey: process.env.GEMINI_API_KEY };\n").commit('init', 'src/config.js');

    // staged: a hardcoded key; working copy: fixed again but not staged
    repo.write('src/config.js', `export const gemini = { apiKey: '${KEY}' };\n`).stage('src/config.js');
    repo.write('src/config.js', "export const gemini = { apiKey: process.env.GEMINI_API_KEY };\n");
    const bad = repo.run(['scan', '--staged', '--format', 'json']);
    expect(bad.status).toBe(1);
    expect(json(bad).findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['gemini-guard/no-hardcoded-credentials', 'src/config.js', 1]]);
    expect(repo.run(['scan']).status).toBe(0);

    // the reverse: the key only in an unstaged edit does not block this commit
    repo.write('src/config.js', "export const gemini = { apiKey: process.env.GEMINI_API_KEY ?? '' };\n").stage('src/config.js');
    repo.write('src/config.js', `export const gemini = { apiKey: '${KEY}' };\n`);
    const clean = repo.run(['scan', '--staged']);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('No Gemini exchange problems found (1 files');
    expectNoLeak(bad.stdout, clean.stdout);
  });

  it('scans only added, modified and renamed files: files staged for deletion and unchanged files are left out', () => {
    const repo = createRepo();
    repo.write('old.env', `GEMINI_API_KEY=${KEY}\n`).write('keep.env', `GEMINI_API_KEY=${KEY2}\n`).write('a.js', 'export {};\n');
    repo.commit('init', 'old.env', 'keep.env', 'a.js');
    repo.git('rm', '-q', 'old.env');
    repo.git('mv', 'keep.env', 'moved.env');
    repo.write('a.js', 'export const x = 2;\n').stage('a.js');
    const result = repo.run(['scan', '--staged', '--format', 'json']);
    expect(result.status).toBe(1);
    const report = json(result);
    expect(report.stats.filesSeen).toBe(2); // a.js and moved.env
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['gemini-guard/tracked-secret-file', 'moved.env', 1],
      ['gemini-guard/no-hardcoded-credentials', 'moved.env', 1],
    ]);
  });

  it('runs the cross-file phase among the staged files', () => {
    const repo = createRepo();
    repo.write('README.md', '# bot\n').commit('init', 'README.md');
    // A secret in a module that never names the exchange: only its use by Gemini signing code shows what it is.
    repo.write('src/secrets.ts', `export const SIGNING_SECRET = '${SECRET2}';\n`);
    repo.write(
      'src/client.ts',
      [
        "import { createHmac } from 'node:crypto';",
        "import { SIGNING_SECRET } from './secrets';",
        'export async function balances(apiKey: string) {',
        "  const payload = Buffer.from(JSON.stringify({ request: '/v1/balances', nonce: Date.now() })).toString('base64');",
        "  const signature = createHmac('sha384', SIGNING_SECRET).update(payload).digest('hex');",
        "  return fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
        '}',
        '',
      ].join('\n'),
    );
    repo.stage('src/secrets.ts');
    // Only the secrets module staged: on its own it says nothing about Gemini.
    expect(repo.run(['scan', '--staged']).status).toBe(0);
    repo.stage('src/client.ts');
    const both = repo.run(['scan', '--staged', '--format', 'json']);
    expect(both.status).toBe(1);
    expect(json(both).findings.map((f) => [f.ruleId, f.file, f.line])).toContainEqual(['gemini-guard/no-hardcoded-credentials', 'src/secrets.ts', 1]);
    expectNoLeak(both.stdout);
  });

  it('limits the scan to the given paths, relative or absolute (as lint-staged passes them), and to a subfolder run from', () => {
    const repo = createRepo();
    repo.write('x', '').commit('init', 'x');
    repo.write('app/keys.env', `GEMINI_API_KEY=${KEY}\n`).write('tools/keys.env', `GEMINI_API_KEY=${KEY2}\n`).stage('app', 'tools');
    const files = (args: string[], cwd?: string) =>
      json(repo.run(['scan', '--staged', '--format', 'json', ...args], cwd))
        .findings.filter((f) => f.ruleId === 'gemini-guard/no-hardcoded-credentials')
        .map((f) => f.file);
    expect(files([])).toEqual(['app/keys.env', 'tools/keys.env']);
    expect(files(['app'])).toEqual(['app/keys.env']);
    expect(files([join(repo.dir, 'tools', 'keys.env')])).toEqual(['tools/keys.env']);
    // from a subfolder: paths are relative to it, and only it is scanned
    expect(files([], join(repo.dir, 'tools'))).toEqual(['keys.env']);
    expect(files(['--exclude', 'tools/**'])).toEqual(['app/keys.env']);
  });

  it('works before the first commit', () => {
    const repo = createRepo();
    repo.write('deploy/gemini.yaml', `gemini:\n  api_key: ${KEY}\n  api_secret: ${SECRET}\n`).stage('deploy');
    const result = repo.run(['scan', '--staged', '--format', 'json']);
    expect(result.status).toBe(1);
    expect(json(result).findings.map((f) => [f.file, f.line])).toEqual([
      ['deploy/gemini.yaml', 2],
      ['deploy/gemini.yaml', 3],
    ]);
  });

  it('exits 2 with a short message outside a git work tree and on conflicting options', () => {
    const notGit = mkdtempSync(join(tmpdir(), 'gg-nogit-'));
    const outside = runCli(['scan', '--staged'], notGit);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^gemini-guard: --staged needs a git work tree/);
    expect(outside.stderr).not.toContain('Usage:');
    const repo = createRepo();
    for (const args of [['--staged', '--since', 'HEAD'], ['--staged', '--history'], ['--staged', '--fix']]) {
      const r = repo.run(['scan', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^gemini-guard: .+\nRun "gemini-guard --help" for the commands and options\.\n$/);
    }
  });
});
