// Redaction by knowledge, as a property (issue 11): random Gemini keys and secrets — whole, and as
// 9-character pieces joined with `+` — placed in code, in identifier, file and folder names, in
// URLs, nonce and payload expressions. No ESLint message or suggestion, no scanner output format
// (text, JSON, SARIF), baseline file, `roles` report or error message may contain 9 characters of
// any of them, in any letter case.
//
// The default size keeps CI fast; `REDACTION_RUNS=10000 REDACTION_CLI_CODE_RUNS=500 npx vitest run
// test/redaction/property.test.ts` runs the issue's 10,000 keys and secrets: all of them through the
// rules' messages and through file and folder names in every CLI output, the code of 500 through
// the CLI (about half an hour of CPU).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { isPlaceholder, looksLikeGeminiSecret } from '../../src/gemini/credentials.js';

const RUNS = Number(process.env.REDACTION_RUNS) > 0 ? Number(process.env.REDACTION_RUNS) : 120;
// The rules spend ~0.1 s of CPU on each case's code, and the CLI part scans it six times: it lints
// the code of at most this many cases (all of them by default), while every key and secret still
// goes into file and folder names (cheap: names are not linted).
const CLI_CODE_RUNS = Math.min(RUNS, Number(process.env.REDACTION_CLI_CODE_RUNS) > 0 ? Number(process.env.REDACTION_CLI_CODE_RUNS) : RUNS);
// few cases per file: the rules' cost per case grows with the size of the file
const CASES_PER_FILE = 5;
const WINDOW = 9;
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'bin', 'gemini-guard.js');

/** mulberry32: a small seeded generator, so every run plants the same values. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const next = random(Number(process.env.REDACTION_SEED ?? 11_011));
const draw = (n: number): string => Array.from({ length: n }, () => ALNUM[Math.floor(next() * ALNUM.length)]).join('');

interface Planted {
  key: string;
  secret: string;
}

/** A key the scanner takes for real (not a placeholder) and a secret that has the shape of one. */
function plant(): Planted {
  let key: string;
  do key = `${next() < 0.5 ? 'account' : 'master'}-${draw(20)}`;
  while (isPlaceholder(key));
  let secret: string;
  do secret = draw(26 + Math.floor(next() * 3));
  while (!looksLikeGeminiSecret(secret));
  return { key, secret };
}

/** `'abcdefghi' + 'jklmnopqr' + …`: a value split into 9-character pieces. */
const split = (value: string): string => (value.match(/.{1,9}/g) ?? []).map((p) => `'${p}'`).join(' + ');

/** One case's code: the key and secret in names, literals, URLs, nonces and payloads. */
function caseCode(i: number, { key, secret }: Planted): string {
  const body = key.slice(key.indexOf('-') + 1);
  const prefix = key.slice(0, key.indexOf('-') + 1);
  return [
    `export async function case${i}(crypto, suffix) {`,
    `  const GEMINI_API_KEY = '${key}';`,
    `  const GEMINI_API_SECRET = ${split(secret)};`,
    `  const apiKey = '${prefix}' + ${split(body)};`,
    `  const assembled = '${prefix}' + '${body.slice(0, 10)}' + suffix;`,
    `  const nonce_${secret} = Date.now();`,
    `  const payload = { request: '/v1/order/${secret}', nonce: ${split(secret)}, account: '${key}', client_order_id: nonce_${secret} };`,
    `  const b64 = Buffer.from(JSON.stringify(payload)).toString('base64');`,
    `  const sig = crypto.createHmac('sha256', GEMINI_API_SECRET).update(JSON.stringify(payload)).digest('base64');`,
    `  console.log('${secret}', GEMINI_API_SECRET, apiKey, ${split(body)});`,
    `  await fetch('http://${secret}@api.gemini.com/v1/order/${body}?key=${key}', { method: 'GET', headers: { 'X-GEMINI-APIKEY': assembled, 'X-GEMINI-PAYLOAD': b64, 'X-GEMINI-SIGNATURE': sig } });`,
    `  await fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': Buffer.from(JSON.stringify({ request: '/v1/balances', nonce: ${split(secret)} })).toString('base64'), 'X-GEMINI-SIGNATURE': sig } });`,
    `  return fetch(\`https://api.gemini.com/v1/\${'${secret}'}\`, { method: 'POST', headers: { 'X-GEMINI-APIKEY': GEMINI_API_KEY, 'X-GEMINI-PAYLOAD': b64, 'X-GEMINI-SIGNATURE': sig } });`,
    '}',
  ].join('\n');
}

const planted: Planted[] = Array.from({ length: RUNS }, plant);

/** Every lower-cased 9-character window of every planted key body and secret. */
const windows = new Set<string>();
for (const { key, secret } of planted) {
  for (const value of [key.slice(key.indexOf('-') + 1), secret]) {
    const lower = value.toLowerCase();
    for (let i = 0; i + WINDOW <= lower.length; i++) windows.add(lower.slice(i, i + WINDOW));
  }
}

/** The first planted 9-character piece found in `text` (any case), or `undefined`. */
function leak(text: string): string | undefined {
  for (const run of text.toLowerCase().match(/[0-9a-z]{9,}/g) ?? []) {
    for (let i = 0; i + WINDOW <= run.length; i++) if (windows.has(run.slice(i, i + WINDOW))) return `${run.slice(i, i + 2)}…`;
  }
  return undefined;
}

const files = new Map<string, string>();
for (let f = 0; f * CASES_PER_FILE < RUNS; f++) {
  const cases = planted.slice(f * CASES_PER_FILE, (f + 1) * CASES_PER_FILE).map((p, j) => caseCode(f * CASES_PER_FILE + j, p));
  files.set(`src/bot${f}.js`, `import crypto from 'node:crypto';\n${cases.join('\n\n')}\n`);
}

describe(`redaction of ${RUNS} random keys and secrets`, () => {
  it('no ESLint message or suggestion holds 9 characters of any of them', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = [{ files: ['**/*.js'], plugins: { 'gemini-guard': plugin as never }, rules: Object.fromEntries(Object.keys(plugin.rules).map((id) => [`gemini-guard/${id}`, 'error' as const])) }];
    let messages = 0;
    for (const [file, code] of files) {
      const out = linter.verify(code, config, { filename: file });
      expect(out.filter((m) => m.fatal)).toEqual([]);
      messages += out.length;
      const text = out.map((m) => [m.message, ...(m.suggestions ?? []).map((s) => s.desc)].join('\n')).join('\n');
      expect(leak(text), file).toBeUndefined();
    }
    // the cases do make the rules speak: keys, secrets, signatures, nonces, payloads, transport, logging
    expect(messages).toBeGreaterThan(RUNS * 8);
  }, Math.max(60_000, RUNS * 400));

  describe('through the built CLI', () => {
    let dir = '';
    const env = { ...process.env, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', NO_COLOR: '1', CI: 'true' };
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'gg-redaction-property-'));
      const write = (path: string, text: string): void => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      for (const [file, code] of files) if (Number(/\d+/.exec(file)?.[0]) * CASES_PER_FILE < CLI_CODE_RUNS) write(file, code);
      planted.forEach(({ key, secret }, i) => {
        // names: a key as a file name and as a folder name, a secret in an .env file's name
        write(`names/${i}/${key}.js`, "export const BASE = 'https://api.gemini.com';\n");
        write(`keys/${key}/${i}.txt`, 'rotate\n');
        write(`env/${i}/.env.${secret}`, 'LOG_LEVEL=info\n');
      });
      execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
      execFileSync('git', ['add', '.'], { cwd: dir, env });
      execFileSync('git', ['commit', '-q', '-m', 'cases'], { cwd: dir, env });
      // config mistakes that quote a secret
      const { secret, key } = planted[0]!;
      write('bad-name.json', JSON.stringify({ rules: { [`no-${secret}`]: 'error' } }));
      write('bad-level.json', JSON.stringify({ rules: { 'valid-nonce': key } }));
      write('bad-option.json', JSON.stringify({ rules: { 'valid-nonce': ['error', { nonce: secret }] } }));
    }, Math.max(60_000, RUNS * 50));

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('text, JSON, SARIF, baseline, roles and error messages hold none of them', () => {
      const outputs: string[] = [];
      for (const args of [
        ['scan', '--report-unused-ignores'],
        ['scan', '--format', 'json'],
        ['scan', '--format', 'sarif'],
        ['scan', '--write-baseline', 'baseline.json'],
        ['roles'],
        ['roles', '--format', 'json'],
        ['scan', '--config', 'bad-name.json'],
        ['scan', '--config', 'bad-level.json'],
        ['scan', '--config', 'bad-option.json'],
        ['scan', planted[1]!.secret],
      ]) {
        const r = run(args);
        expect(r.error, args.join(' ')).toBeUndefined();
        expect(leak(`${r.stdout}\n${r.stderr}`), args.join(' ')).toBeUndefined();
        outputs.push(r.stdout);
        if (args[1] === '--config') expect(r.status, args.join(' ')).toBe(2);
      }
      expect(leak(readFileSync(join(dir, 'baseline.json'), 'utf8')), 'baseline.json').toBeUndefined();
      // the scan did look: findings in code and in names
      const report = JSON.parse(outputs[1]!) as { findings: { file: string }[] };
      expect(report.findings.filter((f) => f.file.startsWith('names/')).length).toBe(RUNS);
      expect(report.findings.filter((f) => f.file.startsWith('keys/')).length).toBe(RUNS);
      expect(report.findings.filter((f) => f.file.startsWith('env/')).length).toBe(RUNS);
      expect(report.findings.filter((f) => f.file.startsWith('src/')).length).toBeGreaterThan(CLI_CODE_RUNS * 8);
    }, Math.max(120_000, RUNS * 1000));
  });
});
