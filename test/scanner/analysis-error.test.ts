// A throw that the analysis swallows (so that the user's lint run survives it) is a place the rules
// did not finish looking: the scanner must name the file (skip reason `analysis-error`) in every
// output format, never call it clean. No known input makes the analysis throw (each one found was
// fixed), so here the request recognisers throw on a marker, as a recogniser bug would; the throw
// is swallowed by the analysis layer's own catch (requests/http-calls.ts), not by a rule's guard.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as Clients from '../../src/analysis/requests/clients/index.js';
import { runCli, type CliEnvironment } from '../../src/scanner/cli.js';
import { scanSources } from '../../src/scanner/core.js';

const MARKER = 'BREAK_THE_RECOGNISERS';
// ... only while the text still holds a plain-http Gemini URL (which --fix rewrites)
const UNTIL_FIXED = 'BREAK_THEM_UNTIL_FIXED';

vi.mock('../../src/analysis/requests/clients/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Clients>();
  // in place: the analysis keys tables by these descriptor objects
  for (const client of actual.CLIENTS) {
    const recognise = client.recognise.bind(client);
    (client as { recognise: typeof recognise }).recognise = (node, sourceCode) => {
      if (sourceCode.text.includes(MARKER)) throw new TypeError('a recogniser bug');
      if (sourceCode.text.includes(UNTIL_FIXED) && sourceCode.text.includes('http://api.gemini.com')) throw new TypeError('a recogniser bug');
      return recognise(node, sourceCode);
    };
  }
  return actual;
});

const KEY = 'account-Tq4Wn8Zr2Lp6Xv0Bk3Jd';
const client = (marker: boolean): string => `// ${marker ? MARKER : 'an ordinary client'}
const apiKey = '${KEY}';
export function balances() {
  return fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': apiKey } });
}
`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-analysis-error-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const env = (cwd: string): CliEnvironment => ({ cwd, env: {}, stdoutIsTTY: false, stderrIsTTY: false });

describe('a throw the analysis swallowed', () => {
  it('names the file as not fully checked, and keeps the findings the rest of the analysis made', () => {
    const result = scanSources([{ file: 'bot.js', text: client(true) }]);
    expect(result.skipped).toEqual([{ file: 'bot.js', reason: 'analysis-error', detail: expect.stringMatching(/^\d+ internal errors? in the rules' analysis: findings may be missing$/) }]);
    expect(result.findings.map((f) => [f.ruleId, f.line])).toContainEqual(['gemini-guard/no-hardcoded-credentials', 2]);
  });

  it('with --fix, judges the analysis of the fixed text, which the findings come from', () => {
    const insecure = (marker: string): string => `// ${marker}\nexport const symbols = () => fetch('http://api.gemini.com/v1/symbols');\n`;
    const once = scanSources([{ file: 'bot.js', text: insecure(UNTIL_FIXED) }], { fix: true });
    expect(once.fixed.get('bot.js')).toBe(insecure(UNTIL_FIXED).replace('http://', 'https://'));
    expect(once.skipped).toEqual([]);
    const always = scanSources([{ file: 'bot.js', text: insecure(MARKER) }], { fix: true });
    expect(always.fixed.get('bot.js')).toBe(insecure(MARKER).replace('http://', 'https://'));
    expect(always.skipped.map((s) => s.reason)).toEqual(['analysis-error']);
  });

  it('names nothing when nothing threw', () => {
    const result = scanSources([{ file: 'bot.js', text: client(false) }]);
    expect(result.skipped).toEqual([]);
    expect(result.findings.map((f) => f.ruleId)).toContain('gemini-guard/no-hardcoded-credentials');
  });

  it('is named in the text, JSON and SARIF reports, and fails the scan with --fail-on-skip', async () => {
    const cwd = project({ 'bot.js': client(true), 'other.js': client(false) });
    const text = await runCli(['scan', '--fail-on', 'none'], env(cwd));
    expect(text.stdout).toMatch(/bot\.js {2}analysis-error \(\d+ internal errors? in the rules' analysis: findings may be missing\); still run: every rule, up to the part of its analysis that failed/);
    expect(text.stdout).not.toMatch(/other\.js {2}analysis-error/);

    const json = JSON.parse((await runCli(['scan', '--format', 'json', '--fail-on', 'none'], env(cwd))).stdout) as { skipped: { file: string; reason: string }[] };
    expect(json.skipped.map((s) => [s.file, s.reason])).toEqual([['bot.js', 'analysis-error']]);

    const sarif = JSON.parse((await runCli(['scan', '--format', 'sarif', '--fail-on', 'none'], env(cwd))).stdout) as {
      runs: { invocations: { toolExecutionNotifications: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }[];
    };
    const notes = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications;
    expect(notes.map((n) => [n.locations[0]!.physicalLocation.artifactLocation.uri, n.message.text.slice(0, 31)])).toEqual([['bot.js', 'Not fully checked (analysis-err']]);

    expect((await runCli(['scan', '--fail-on', 'none', '--fail-on-skip'], env(cwd))).exitCode).toBe(1);
  });
});
