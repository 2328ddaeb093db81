// `gemini-guard scan --history`: keys and secrets in the lines past commits added.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sarifValidator } from '../helpers/sarif-schema.js';
import { describe, expect, it } from 'vitest';
import { createRepo, expectNoLeak, json, KEY, KEY2, runCli, SECRET, SECRET2 } from './helpers.js';

const RULE = 'gemini-guard/secret-in-history';

describe('scan --history', { timeout: 60_000 }, () => {
  it('reports a key removed in a later commit, with the commit, author date, path and line, and says to rotate it', () => {
    const repo = createRepo();
    repo.write('README.md', '# bot\n').commit('init', 'README.md');
    repo.write('config/.env', `# Gemini exchange\nLOG_LEVEL=info\nGEMINI_API_KEY=${KEY}\nGEMINI_API_SECRET=${SECRET}\n`);
    const leak = repo.commit('add config', 'config/.env');
    repo.write('config/.env', '# Gemini exchange\nLOG_LEVEL=info\n').commit('remove the keys', 'config/.env');

    expect(repo.run(['scan']).status).toBe(0); // the working tree is clean now
    const result = repo.run(['scan', '--history', '--format', 'json']);
    expect(result.status).toBe(1);
    const report = json(result);
    expect(report.stats.commitsScanned).toBe(3);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.commit, f.authorDate])).toEqual([
      [RULE, 'config/.env', 3, 16, leak, '2024-01-17T12:00:00+00:00'],
      [RULE, 'config/.env', 4, 19, leak, '2024-01-17T12:00:00+00:00'],
    ]);
    const [key, secret] = report.findings;
    expect(key?.message).toBe(
      `Gemini exchange API key account-Tq4W… was added in commit ${leak.slice(0, 10)} (2024-01-17). It stays in the git history even if a later commit removed it, and anyone with a clone can use it: rotate the key in your Gemini exchange account (deleting the line is not enough).`,
    );
    expect(secret?.message).toContain('API secret (N3…)');
    expect(secret?.message).toContain('rotate');
    const text = repo.run(['scan', '--history']);
    expect(text.stdout).toContain('config/.env\n  3:16');
    // SARIF: valid 2.1.0, with the history rule described and linked to its documentation
    const sarifText = repo.run(['scan', '--history', '--format', 'sarif']).stdout;
    const sarif = JSON.parse(sarifText);
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === RULE);
    expect(rule.helpUri).toMatch(/\/docs\/ci\.md#secret-in-history$/);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual([RULE, RULE]);
    expectNoLeak(result.stdout, text.stdout, text.stderr, sarifText);
  });

  it('reports a credential once per file, at the commit that introduced it, counting the later commits that added it again', () => {
    const repo = createRepo();
    const first = repo.commit('a', ...[['deploy.sh', `export GEMINI_API_KEY=${KEY}\n`]].map(([f, t]) => (repo.write(f!, t!), f!)));
    repo.write('deploy.sh', 'export GEMINI_API_KEY="$KEY"\n').commit('b', 'deploy.sh');
    repo.write('deploy.sh', `echo deploying\nexport GEMINI_API_KEY=${KEY}\n`).commit('c: oops, again', 'deploy.sh');
    repo.write('ops/deploy.sh', `export GEMINI_API_KEY=${KEY}\n`).commit('d: copied elsewhere', 'ops/deploy.sh');
    const report = json(repo.run(['scan', '--history', '--format', 'json']));
    expect(report.findings.map((f) => [f.file, f.line, f.commit === first])).toEqual([
      ['deploy.sh', 1, true],
      ['ops/deploy.sh', 1, false],
    ]);
    expect(report.findings[0]?.message).toMatch(/It was added again in 1 later commit\.$/);
    expect(report.findings[1]?.message).not.toContain('again');
    // one fingerprint per credential and path, stable as history grows
    const before = report.findings.map((f) => f.fingerprint);
    repo.write('x.txt', 'x\n').commit('e', 'x.txt');
    expect(json(repo.run(['scan', '--history', '--format', 'json'])).findings.map((f) => f.fingerprint)).toEqual(before);
  });

  it('finds keys and Gemini-named secrets in JavaScript and TypeScript lines', () => {
    const repo = createRepo();
    repo.write(
      'src/config.ts',
      [
        'export const config = {',
        `  apiKey: process.env.GEMINI_API_KEY ?? '${KEY}',`,
        `  apiSecret: process.env.GEMINI_API_SECRET ?? "${SECRET}",`,
        '};',
        `const GEMINI_API_SECRET: string = '${SECRET2}';`,
        "const cacheKey = 'q9Wx2Rt5Yp8Lk3Mn6Bv1Cz4Hd'; // not a credential name",
        '',
      ].join('\n'),
    );
    repo.commit('config', 'src/config.ts');
    const lines = repo.read('src/config.ts').split('\n');
    const at = (line: number, value: string) => ['src/config.ts', line, (lines[line - 1] ?? '').indexOf(value) + 1];
    const report = json(repo.run(['scan', '--history', '--format', 'json']));
    expect(report.findings.map((f) => [f.file, f.line, f.column])).toEqual([at(2, KEY), at(3, SECRET), at(5, SECRET2)]);
  });

  it('trusts an unnamed secret only when the file names Gemini, in the commit’s lines or elsewhere in the file', () => {
    const repo = createRepo();
    repo.write('settings.env', '# Gemini exchange bot\nLOG_LEVEL=info\n').write('other.env', '# payments provider\nLOG_LEVEL=info\n');
    repo.commit('init', 'settings.env', 'other.env');
    repo.write('settings.env', `# Gemini exchange bot\nLOG_LEVEL=info\nAPI_SECRET=${SECRET}\n`);
    repo.write('other.env', `# payments provider\nLOG_LEVEL=info\nAPI_SECRET=${SECRET2}\n`);
    repo.commit('add secrets', 'settings.env', 'other.env');
    const report = json(repo.run(['scan', '--history', '--format', 'json']));
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([['settings.env', 3]]);
  });

  it('with --since, reads only the commits after that revision', () => {
    const repo = createRepo();
    repo.write('a.env', `GEMINI_API_KEY=${KEY}\n`).commit('old leak', 'a.env');
    const base = repo.commit('base');
    repo.write('b.env', `GEMINI_API_KEY=${KEY2}\n`).commit('new leak', 'b.env');
    const report = json(repo.run(['scan', '--history', '--since', base, '--format', 'json']));
    expect(report.stats.commitsScanned).toBe(1);
    expect(report.findings.map((f) => f.file)).toEqual(['b.env']);
  });

  it('reads every branch merged into HEAD once, skips merge commits, and copes with odd path names', () => {
    const repo = createRepo();
    repo.commit('init');
    repo.git('checkout', '-q', '-b', 'topic');
    const odd = 'conf/my "gemini" keys ü.env';
    const leak = repo.commit('topic leak', ...[odd].map((f) => (repo.write(f, `GEMINI_API_KEY=${KEY}\n`), f)));
    repo.git('checkout', '-q', 'main');
    repo.write('main.txt', 'x\n').commit('main work', 'main.txt');
    repo.git('merge', '-q', '--no-ff', '-m', 'merge topic', 'topic');
    const report = json(repo.run(['scan', '--history', '--format', 'json']));
    expect(report.stats.commitsScanned).toBe(3); // init, topic leak, main work (not the merge)
    expect(report.findings.map((f) => [f.file, f.commit])).toEqual([[odd, leak]]);
  });

  it('limits the history to paths and honours --exclude', () => {
    const repo = createRepo();
    repo.write('app/a.env', `GEMINI_API_KEY=${KEY}\n`).write('test/fixtures/b.env', `GEMINI_API_KEY=${KEY2}\n`).commit('both', 'app', 'test');
    expect(json(repo.run(['scan', '--history', 'app', '--format', 'json'])).findings.map((f) => f.file)).toEqual(['app/a.env']);
    expect(json(repo.run(['scan', '--history', '--exclude', 'test/**', '--format', 'json'])).findings.map((f) => f.file)).toEqual(['app/a.env']);
  });

  it('exits 0 on a repository without commits and 2 outside git', () => {
    const repo = createRepo();
    const empty = repo.run(['scan', '--history']);
    expect(empty.status).toBe(0);
    expect(empty.stdout).toContain('No Gemini exchange keys or secrets found in the git history (0 commits).');
    const outside = runCli(['scan', '--history'], mkdtempSync(join(tmpdir(), 'gg-nogit-')));
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^gemini-guard: --history needs a git work tree/);
  });
});
