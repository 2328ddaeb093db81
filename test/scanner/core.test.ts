import { describe, expect, it } from 'vitest';
import { scanSources } from '../../src/scanner/core.js';
import type { SourceFile } from '../../src/scanner/types.js';

const KEY = 'account-Tq4Wn8Zr2Lp6Xv0Bk3Jd';
const SECRET = 'N3vX8qLz5Rt1Wp7Ky2Hc9Bm4Df';

function scan(files: SourceFile[], options = {}) {
  return scanSources(files, options);
}

describe('scanSources', () => {
  it('finds Gemini keys and Gemini-named secrets in config files, redacted', () => {
    const { findings } = scan([
      { file: '.env', text: `GEMINI_API_KEY=${KEY}\nGEMINI_API_SECRET=${SECRET}\n` },
      { file: 'conf/app.yaml', text: `gemini:\n  api_secret: "${SECRET}"\n` },
      { file: 'Dockerfile', text: `FROM node:20\nENV GEMINI_API_SECRET ${SECRET}\n` },
    ]);
    expect(findings.map((f) => [f.file, f.line, f.column, f.ruleId])).toEqual([
      ['.env', 1, 16, 'gemini-guard/no-hardcoded-credentials'],
      ['.env', 2, 19, 'gemini-guard/no-hardcoded-credentials'],
      ['Dockerfile', 2, 23, 'gemini-guard/no-hardcoded-credentials'],
      ['conf/app.yaml', 2, 16, 'gemini-guard/no-hardcoded-credentials'],
    ]);
    const text = JSON.stringify(findings);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.slice(0, 9));
  });

  it('reports an environment file with a secret that git does not ignore', () => {
    const tracked = scan([{ file: '.env', text: `GEMINI_API_SECRET=${SECRET}\n`, notGitIgnored: true }]);
    expect(tracked.findings.map((f) => f.ruleId)).toContain('gemini-guard/tracked-secret-file');
    const untracked = scan([{ file: '.env', text: `GEMINI_API_SECRET=${SECRET}\n` }]);
    expect(untracked.findings.map((f) => f.ruleId)).not.toContain('gemini-guard/tracked-secret-file');
  });

  it('stays silent on placeholders, Google Gemini AI keys and secrets with no Gemini context', () => {
    const { findings } = scan([
      { file: '.env.example', text: 'GEMINI_API_KEY=account-XXXXXXXXXXXXXXXXXXXX\nGEMINI_API_SECRET=your-api-secret\n' },
      { file: '.env.google', text: 'GEMINI_API_KEY=AIzaSyD3xAmPlEkEy0000000000000000000000\n' },
      { file: 'aws.env', text: `AWS_SECRET_ACCESS_KEY=${SECRET}\n` },
    ]);
    expect(findings).toEqual([]);
  });

  it('does not parse files the prefilter rules out', () => {
    const result = scan([
      { file: 'a.js', text: 'export const x = 1;' },
      { file: 'b.js', text: "fetch('https://api.gemini.com/v1/symbols');" },
    ]);
    expect(result.filesParsed).toBe(1);
  });

  it('keeps a fingerprint when the line moves and changes it when the secret changes', () => {
    const at = (text: string) => scan([{ file: '.env', text }]).findings[0]!.fingerprint;
    const original = at(`GEMINI_API_KEY=${KEY}\n`);
    expect(at(`# moved down\n\nGEMINI_API_KEY=${KEY}\n`)).toBe(original);
    expect(at(`GEMINI_API_KEY=account-Zz4Wn8Zr2Lp6Xv0Bk3Jd\n`)).not.toBe(original);
    expect(original).toMatch(/^[0-9a-f]{32}$/);
  });

  it('honours gemini-guard-ignore-next-line, with or without a rule name', () => {
    const text = [
      '# gemini-guard-ignore-next-line',
      `A_GEMINI_KEY=${KEY}`,
      '# gemini-guard-ignore-next-line no-insecure-transport',
      `B_GEMINI_KEY=${KEY}`,
      '# gemini-guard-ignore-next-line gemini-guard/no-hardcoded-credentials',
      `C_GEMINI_KEY=${KEY}`,
    ].join('\n');
    const { findings } = scan([{ file: 'run.sh', text }]);
    expect(findings.map((f) => f.line)).toEqual([4]);
  });

  it('reports unused ignore comments on request', () => {
    const { findings } = scan([{ file: 'run.sh', text: `# gemini-guard-ignore-next-line\necho gemini\n` }], { reportUnusedIgnores: true });
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['gemini-guard/unused-ignore', 1]]);
  });

  it('turns rules off and down from the configuration', () => {
    const files = [{ file: '.env', text: `GEMINI_API_KEY=${KEY}\n` }];
    expect(scan(files, { rules: { 'no-hardcoded-credentials': 'off' } }).findings).toEqual([]);
    expect(scan(files, { rules: { 'gemini-guard/no-hardcoded-credentials': 'warn' } }).findings[0]?.severity).toBe('warning');
  });

  it('skips a file with a syntax error but still finds keys in it', () => {
    const result = scan([{ file: 'broken.js', text: `const k = '${KEY}';\nfunction (\n` }]);
    expect(result.skipped).toEqual([{ file: 'broken.js', reason: 'syntax-error', detail: expect.stringContaining('line') }]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['gemini-guard/no-hardcoded-credentials']);
  });

  it('reports through the rules in code, honouring eslint-disable comments', () => {
    const code = [
      "fetch('http://api.gemini.com/v1/symbols');",
      '// eslint-disable-next-line gemini-guard/no-insecure-transport',
      "fetch('http://api.gemini.com/v1/book/btcusd');",
    ].join('\n');
    const { findings } = scan([{ file: 'src/a.ts', text: code }]);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['gemini-guard/no-insecure-transport', 1, 7]]);
  });

  it('returns fixed text with --fix semantics and leaves the input alone', () => {
    const files = [{ file: 'src/a.js', text: "fetch('http://api.gemini.com/v1/symbols');\n" }];
    const result = scan(files, { fix: true });
    expect(result.fixed.get('src/a.js')).toBe("fetch('https://api.gemini.com/v1/symbols');\n");
    expect(result.findings).toEqual([]);
    expect(files[0]!.text).toContain('http://');
  });

  it('sorts by file, line and column', () => {
    const { findings } = scan([
      { file: 'b.env', text: `X_GEMINI=${KEY}\n` },
      { file: 'a.env', text: `\nX_GEMINI=${KEY}\nY_GEMINI=${KEY}\n` },
    ]);
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['a.env:2', 'a.env:3', 'b.env:1']);
  });
});

describe('mayConcernGeminiBytes', () => {
  it('agrees with the text prefilter on keys and spellings of gemini', async () => {
    const { mayConcernGemini, mayConcernGeminiBytes } = await import('../../src/scanner/prefilter.js');
    const samples = [
      'const x = 1;',
      'https://api.gemini.com',
      'X-GEMINI-APIKEY',
      'Gemini client',
      `k = "${KEY}"`,
      'git checkout master-branch-with-a-long-name',
      'sub-account-Tq4Wn8Zr2Lp6Xv0Bk3Jd',
      'account-Tq4Wn8Zr2Lp6Xv0Bk3JdX',
      'account-Tq4Wn8Zr2Lp6Xv0Bk3J',
    ];
    for (const sample of samples) expect(mayConcernGeminiBytes(Buffer.from(sample)), sample).toBe(mayConcernGemini(sample));
  });
});

describe('scanSources with first-pass results from the lint workers', () => {
  const client = { file: 'src/client.js', text: "fetch('http://api.gemini.com/v1/symbols');\n" };
  const insecure = 'gemini-guard/no-insecure-transport';

  it('uses a result computed with the same settings instead of linting again', () => {
    const outcome = { findings: [{ ruleId: insecure, message: 'from the worker', line: 1, column: 7, endLine: 1, endColumn: 40, severity: 'error' as const, shape: 'worker' }], unusedDirectives: [], importUses: [] };
    const { findings, filesParsed } = scanSources([client], { linted: new Map([[client.file, { settings: undefined, outcome }]]) });
    expect(findings.map((f) => [f.ruleId, f.message, f.line, f.column])).toEqual([[insecure, 'from the worker', 1, 7]]);
    expect(filesParsed).toBe(1);
  });

  it('lints again when the result was computed with other settings', () => {
    const outcome = { findings: [], unusedDirectives: [], importUses: [] };
    const { findings } = scanSources([client], { linted: new Map([[client.file, { settings: { importedValues: {} }, outcome }]]) });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([[insecure, 1, 7]]);
  });

  it('treats a stack overflow the worker reported as the thread would: the file is skipped, saying why', () => {
    const { skipped, findings } = scanSources([client], { linted: new Map([[client.file, { settings: undefined, error: { name: 'RangeError', message: 'Maximum call stack size exceeded' } }]]) });
    expect(skipped).toEqual([{ file: client.file, reason: 'syntax-error', detail: 'nested too deeply to analyse (Maximum call stack size exceeded)' }]);
    expect(findings).toEqual([]);
  });
});
