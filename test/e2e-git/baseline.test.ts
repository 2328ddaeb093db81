// Baselines: adopting gemini-guard on an existing repository, end to end with the built CLI.
import { describe, expect, it } from 'vitest';
import { createRepo, expectNoLeak, json, KEY, KEY2, SECRET, SECRET2 } from './helpers.js';

const BASELINE = '.gemini-guard-baseline.json';
const BOT = [
  "import crypto from 'node:crypto';",
  'export function sign(payload) {',
  "  return crypto.createHmac('sha256', process.env.GEMINI_API_SECRET).update(payload).digest('hex');",
  '}',
  "export const ticker = () => fetch('http://api.gemini.com/v1/pubticker/btcusd');",
  '',
].join('\n');

/** An existing project with findings of several kinds: keys in an env file and code mistakes. */
function legacyRepo() {
  const repo = createRepo();
  repo.write('.env.production', `# Gemini exchange\nGEMINI_API_KEY=${KEY}\nGEMINI_API_SECRET=${SECRET}\n`);
  repo.write('src/bot.js', BOT);
  repo.commit('legacy', '.env.production', 'src/bot.js');
  return repo;
}

describe('baselines', { timeout: 90_000 }, () => {
  it('adopts an existing repository: write a baseline, then only new findings fail', () => {
    const repo = legacyRepo();
    const before = json(repo.run(['scan', '--format', 'json']));
    expect(before.findings.length).toBeGreaterThanOrEqual(4);

    const write = repo.run(['scan', '--write-baseline', BASELINE]);
    expect(write.status).toBe(0);
    // it says what it wrote (not "no problems found"), and how to use it
    const n = before.findings.length;
    const errors = before.findings.filter((f) => f.severity === 'error').length;
    expect(write.stdout).toBe(
      `Wrote ${n} baseline entries to ${BASELINE}: ${n} current findings (${errors} errors, ${n - errors} warning${n - errors === 1 ? '' : 's'}). Scan with --baseline ${BASELINE} to report only new findings.\n`,
    );
    expect(write.stderr).toBe('');
    // with a machine format the report stays on stdout and the sentence goes to stderr
    const asJson = repo.run(['scan', '--write-baseline', BASELINE, '--format', 'json']);
    expect(json(asJson).findings).toEqual([]);
    expect(asJson.stderr).toMatch(new RegExp(`^gemini-guard: Wrote ${n} baseline entries to `));
    const file = repo.read(BASELINE);
    const baseline = JSON.parse(file) as { version: number; findings: { fingerprint: string; ruleId: string; file: string }[] };
    expect(Object.keys(baseline)).toEqual(['version', 'findings']);
    expect(baseline.version).toBe(1);
    expect(baseline.findings.map((e) => Object.keys(e))).toEqual(baseline.findings.map(() => ['fingerprint', 'ruleId', 'file']));
    const sorted = [...baseline.findings].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
    expect(baseline.findings).toEqual(sorted);
    expect(new Set(baseline.findings.map((e) => e.fingerprint))).toEqual(new Set(before.findings.map((f) => f.fingerprint)));
    expectNoLeak(file, write.stdout, write.stderr);

    const quiet = repo.run(['scan', '--baseline', BASELINE]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toContain(`${before.findings.length} known findings suppressed by the baseline.`);
    expect(quiet.stderr).toBe('');

    repo.write('src/new.js', `export const key = '${KEY2}';\n`);
    const fresh = repo.run(['scan', '--baseline', BASELINE, '--format', 'json']);
    expect(fresh.status).toBe(1);
    const report = json(fresh);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['gemini-guard/no-hardcoded-credentials', 'src/new.js', 1]]);
    expect(report.suppressedByBaseline).toBe(before.findings.length);
    expect(report.staleBaseline).toEqual([]);
  });

  it('keeps a moved line suppressed, secrets and code alike', () => {
    const repo = legacyRepo();
    repo.run(['scan', '--write-baseline', BASELINE]);
    repo.write('.env.production', `# Gemini exchange\n\nLOG_LEVEL=debug\nTIMEOUT=10\nGEMINI_API_SECRET=${SECRET}\nGEMINI_API_KEY=${KEY}\n`);
    repo.write('src/bot.js', `// utilities\n\n${BOT.replace("  return crypto", "    return crypto")}`);
    const result = repo.run(['scan', '--baseline', BASELINE, '--format', 'json']);
    expect(json(result).findings).toEqual([]);
    expect(result.status).toBe(0);
    expect(json(result).staleBaseline).toEqual([]);
  });

  it('reports a different secret on a suppressed line, and the old entry as stale', () => {
    const repo = legacyRepo();
    repo.run(['scan', '--write-baseline', BASELINE]);
    const old = JSON.parse(repo.read(BASELINE)) as { findings: { fingerprint: string; ruleId: string; file: string }[] };
    repo.write('.env.production', `# Gemini exchange\nGEMINI_API_KEY=${KEY}\nGEMINI_API_SECRET=${SECRET2}\n`);
    const result = repo.run(['scan', '--baseline', BASELINE, '--format', 'json']);
    expect(result.status).toBe(1);
    const report = json(result);
    // the new secret, and the tracked env file that now holds a new credential
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['gemini-guard/tracked-secret-file', '.env.production', 1],
      ['gemini-guard/no-hardcoded-credentials', '.env.production', 3],
    ]);
    expect(report.findings[1]?.message).toContain('P8…');
    // the unchanged key on line 2 stays suppressed; the old secret's entries are stale
    const stale = report.staleBaseline ?? [];
    expect(stale.map((e) => [e.file, e.ruleId])).toEqual([
      ['.env.production', 'gemini-guard/no-hardcoded-credentials'],
      ['.env.production', 'gemini-guard/tracked-secret-file'],
    ]);
    for (const entry of stale) expect(old.findings).toContainEqual(entry);
    // stale entries are listed on stderr too, and never fail the run on their own
    const text = repo.run(['scan', '--baseline', BASELINE]);
    expect(text.stderr).toContain('gemini-guard: 2 baseline entries match no finding any more');
    expect(text.stderr).toContain(`.env.production  gemini-guard/no-hardcoded-credentials  ${stale[0]?.fingerprint}`);
    expectNoLeak(result.stdout, text.stdout, text.stderr);
  });

  it('lists fixed findings as stale without failing, and --write-baseline drops them', () => {
    const repo = legacyRepo();
    repo.run(['scan', '--write-baseline', BASELINE]);
    const count = (JSON.parse(repo.read(BASELINE)) as { findings: unknown[] }).findings.length;
    repo.write('src/bot.js', BOT.replace('http://', 'https://'));
    const result = repo.run(['scan', '--baseline', BASELINE, '--format', 'json']);
    expect(result.status).toBe(0);
    expect(json(result).staleBaseline?.map((e) => [e.file, e.ruleId])).toEqual([['src/bot.js', 'gemini-guard/no-insecure-transport']]);

    const refresh = repo.run(['scan', '--baseline', BASELINE, '--write-baseline', BASELINE]);
    expect(refresh.status).toBe(0);
    expect((JSON.parse(repo.read(BASELINE)) as { findings: unknown[] }).findings).toHaveLength(count - 1);
    expect(repo.run(['scan', '--baseline', BASELINE]).stderr).toBe('');
  });

  it('with --since or --staged, neither reports nor drops the entries of files it did not look at', () => {
    const repo = legacyRepo();
    repo.run(['scan', '--write-baseline', BASELINE]);
    repo.commit('baseline', BASELINE);
    const all = (JSON.parse(repo.read(BASELINE)) as { findings: { file: string }[] }).findings;
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/other.js', 'export const x = 1;\n').commit('unrelated change', 'src/other.js');

    const gate = repo.run(['scan', '--since', 'main', '--baseline', BASELINE, '--format', 'json']);
    expect(gate.status).toBe(0);
    expect(json(gate).staleBaseline).toEqual([]);

    // a --since refresh keeps the entries of the files outside the diff
    repo.write('src/other.js', `export const key = '${KEY2}';\n`).commit('leak', 'src/other.js');
    const refresh = repo.run(['scan', '--since', 'main', '--write-baseline', BASELINE]);
    expect(refresh.status).toBe(0);
    const refreshed = (JSON.parse(repo.read(BASELINE)) as { findings: { file: string }[] }).findings;
    expect(refreshed).toHaveLength(all.length + 1);
    expect(refreshed.filter((e) => e.file === 'src/other.js')).toHaveLength(1);

    // --staged: the index holds only the changed file
    repo.write('src/other.js', `export const key = '${KEY}';\n`).stage('src/other.js');
    const staged = repo.run(['scan', '--staged', '--baseline', BASELINE, '--format', 'json']);
    expect(staged.status).toBe(1);
    expect(json(staged).staleBaseline?.map((e) => e.file)).toEqual(['src/other.js']);
  });

  it('works for history findings: accept rotated leaks, report new ones', () => {
    const repo = legacyRepo();
    repo.remove('.env.production').git('rm', '-q', '--cached', '.env.production');
    repo.commit('remove the env file');
    const history = repo.run(['scan', '--history', '--write-baseline', BASELINE]);
    expect(history.status).toBe(0);
    expect(repo.run(['scan', '--history', '--baseline', BASELINE]).status).toBe(0);
    // a plain scan does not call the history entries stale
    expect(json(repo.run(['scan', '--baseline', BASELINE, '--format', 'json'])).staleBaseline).toEqual([]);
    repo.write('ops/run.sh', `GEMINI_API_KEY=${KEY2} node bot.js\n`).commit('new leak', 'ops/run.sh');
    const fresh = repo.run(['scan', '--history', '--baseline', BASELINE, '--format', 'json']);
    expect(fresh.status).toBe(1);
    expect(json(fresh).findings.map((f) => f.file)).toEqual(['ops/run.sh']);
    expectNoLeak(repo.read(BASELINE), fresh.stdout);
  });

  it('exits 2 on a missing or invalid baseline file without overwriting it', () => {
    const repo = legacyRepo();
    const missing = repo.run(['scan', '--baseline', 'nope.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('gemini-guard: cannot read baseline ' + `${repo.dir}/nope.json: ENOENT\n`);
    for (const [text, message] of [
      ['{', 'is not valid JSON'],
      ['{"version":2,"findings":[]}', 'unsupported baseline version (expected 1)'],
      ['{"version":1,"findings":[{"ruleId":"x"}]}', 'findings[0] needs a hex "fingerprint"'],
    ] as const) {
      repo.write(BASELINE, text);
      const r = repo.run(['scan', '--baseline', BASELINE]);
      expect(r.status, text).toBe(2);
      expect(r.stderr).toContain(message);
      const w = repo.run(['scan', '--write-baseline', BASELINE]);
      expect(w.status).toBe(2);
      expect(repo.read(BASELINE)).toBe(text);
    }
  });
});
