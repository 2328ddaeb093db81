// `tracked-secret-file` tells a user whose .env is already committed what actually fixes it
// (a .gitignore entry alone does not untrack a file), and following that advice works.
import { describe, expect, it } from 'vitest';
import { createRepo, expectNoLeak, json, KEY } from './helpers.js';

describe('tracked-secret-file', { timeout: 60_000 }, () => {
  it('says git rm --cached <file>, that the credential is in the history, and the advice clears the finding', () => {
    const repo = createRepo();
    repo.write('config/.env', `GEMINI_API_KEY=${KEY}\n`).commit('add settings', 'config/.env');

    const scan = repo.run(['scan', '--format', 'json']);
    expect(scan.status).toBe(1);
    const tracked = json(scan).findings.filter((f) => f.ruleId === 'gemini-guard/tracked-secret-file');
    expect(tracked.map((f) => [f.file, f.line])).toEqual([['config/.env', 1]]);
    const message = tracked[0]!.message;
    expect(message).toContain('`git rm --cached config/.env`');
    expect(message).toMatch(/\.gitignore entry alone does not untrack/);
    expect(message).toMatch(/history of every clone: rotate it/);
    expect(message).toContain('`gemini-guard scan --history`');
    expectNoLeak(scan.stdout, scan.stderr);

    // follow the advice: untrack, ignore, commit
    repo.git('rm', '-q', '--cached', 'config/.env');
    repo.write('.gitignore', 'config/.env\n').commit('untrack settings', '.gitignore');
    const after = repo.run(['scan', '--format', 'json']);
    expect(json(after).findings.map((f) => f.ruleId)).not.toContain('gemini-guard/tracked-secret-file');
    // …and the key is still in the history, as the message said
    const history = repo.run(['scan', '--history', '--format', 'json']);
    expect(history.status).toBe(1);
    expect(json(history).findings.map((f) => [f.ruleId, f.file])).toEqual([['gemini-guard/secret-in-history', 'config/.env']]);
  });
});
