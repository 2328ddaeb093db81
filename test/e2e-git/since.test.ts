// `gemini-guard scan --since <rev>` (the pull-request gate) against real git repositories.
import { describe, expect, it } from 'vitest';
import { createRepo, expectNoLeak, json, KEY, KEY2, type Report } from './helpers.js';

const CLEAN_CLIENT = "export const symbols = () => fetch('https://api.gemini.com/v1/symbols');\n";

/** main: an old leak nobody touches and a clean client; branch `feature` off main. */
function prRepo() {
  const repo = createRepo();
  repo.write('legacy/keys.env', `GEMINI_API_KEY=${KEY}\n`).write('src/client.js', CLEAN_CLIENT).write('.gitignore', 'local.env\n');
  const base = repo.commit('main: initial', 'legacy', 'src', '.gitignore');
  repo.git('checkout', '-q', '-b', 'feature');
  return { repo, base };
}

const hardcoded = (r: Report) => r.findings.filter((f) => f.ruleId === 'gemini-guard/no-hardcoded-credentials').map((f) => [f.file, f.line]);

describe('scan --since', { timeout: 60_000 }, () => {
  it("reports only the files the branch changed, not old findings elsewhere", () => {
    const { repo } = prRepo();
    repo.write('src/client.js', `${CLEAN_CLIENT}export const key = '${KEY2}';\n`).commit('feature: hardcode a key', 'src/client.js');
    const result = repo.run(['scan', '--since', 'main', '--format', 'json']);
    expect(result.status).toBe(1);
    const report = json(result);
    expect(report.stats.filesSeen).toBe(1);
    expect(hardcoded(report)).toEqual([['src/client.js', 2]]);
    // the whole repository still has the old leak
    expect(hardcoded(json(repo.run(['scan', '--format', 'json'])))).toEqual([
      ['legacy/keys.env', 1],
      ['src/client.js', 2],
    ]);
    expectNoLeak(result.stdout, repo.run(['scan', '--since', 'main']).stdout);
  });

  it('uses the merge base: files changed on the base branch after the fork are not the pull request’s', () => {
    const { repo, base } = prRepo();
    repo.write('src/feature.js', 'export const f = 1;\n').commit('feature: clean change', 'src/feature.js');
    repo.git('checkout', '-q', 'main');
    repo.write('src/main-only.env', `GEMINI_API_KEY=${KEY2}\n`).commit('main: a leak after the fork', 'src/main-only.env');
    repo.git('checkout', '-q', 'feature');
    // `main` moved on; `--since main` still means "what this branch did since it forked"
    const byName = repo.run(['scan', '--since', 'main', '--format', 'json']);
    expect(byName.status).toBe(0);
    expect(json(byName).stats.filesSeen).toBe(1);
    // a commit id works the same (what the GitHub workflow passes: the pull request's base sha)
    expect(json(repo.run(['scan', '--since', base, '--format', 'json'])).stats.filesSeen).toBe(1);
  });

  it('adds uncommitted changes, staged or not, and untracked files git does not ignore', () => {
    const { repo } = prRepo();
    repo.write('src/client.js', `${CLEAN_CLIENT}export const key = '${KEY}';\n`); // modified, not staged
    repo.write('src/new.env', `GEMINI_API_KEY=${KEY2}\n`); // untracked
    repo.write('local.env', `GEMINI_API_KEY=${KEY2}\n`); // ignored
    const result = repo.run(['scan', '--since', 'main', '--format', 'json']);
    expect(result.status).toBe(1);
    const files = [...new Set(json(result).findings.map((f) => f.file))];
    expect(files).toEqual(['src/client.js', 'src/new.env']);
  });

  it('skips files the branch deleted and exits 0 when nothing changed', () => {
    const { repo } = prRepo();
    repo.git('rm', '-q', 'legacy/keys.env');
    repo.commit('feature: drop the legacy keys');
    const result = repo.run(['scan', '--since', 'main', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(json(result).stats.filesSeen).toBe(0);
    expect(repo.run(['scan', '--since', 'HEAD']).stdout).toContain('No Gemini exchange problems found (0 files');
  });

  it('exits 2 on a revision git does not know, without echoing more than its name', () => {
    const { repo } = prRepo();
    const unknown = repo.run(['scan', '--since', 'origin/does-not-exist']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^gemini-guard: unknown revision "origin\/does-not-exist" \(in a shallow CI clone, fetch the history first/);
    const optionLike = repo.run(['scan', '--since=--output=/tmp/x']);
    expect(optionLike.status).toBe(2);
    expect(optionLike.stderr).toContain('--since takes a git revision');
  });
});
