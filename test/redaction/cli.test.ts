// Redaction audit, scanner side: the BUILT CLI on a git project full of Gemini keys and secrets —
// in code, config files, a tracked .env, a file that does not parse, a minified bundle, a file too
// large to scan, the git history — through every reporter (text, JSON, SARIF, --output files),
// history, baseline and roles outputs and the error messages. Nothing it prints or writes may hold a
// secret or more than 8 characters of one (of a key: of its 20-character body).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEYS, API_SECRETS, findLeak } from '../helpers/secrets.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'bin', 'gemini-guard.js');
const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;

const [K1, K2, K3, K4] = API_KEYS as unknown as [string, string, string, string];
const [S1, S2, S3, S4, S5] = API_SECRETS as unknown as [string, string, string, string, string];

/** An environment without the caller's git configuration or CI settings. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && k !== 'NO_COLOR' && k !== 'CI') clean[k] = v;
  return { ...clean, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', ...extra };
}

let dir = '';
const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const write = (path: string, text: string | Buffer): void => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

interface Run {
  args: string[];
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], extraEnv: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env: env(extraEnv), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { args, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Everything a run printed, plus the files it was asked to write. */
function exposed(run: Run, ...files: string[]): string {
  return [run.stdout, run.stderr, ...files.map((f) => readFileSync(join(dir, f), 'utf8'))].join('\n');
}

const signed = (payload: string, url: string, key: string, secret: string): string =>
  `const b64 = Buffer.from(JSON.stringify(${payload})).toString('base64');\n` +
  `const sig = crypto.createHmac('sha256', '${secret}').update(JSON.stringify(${payload})).digest('base64');\n` +
  `console.log('signing', '${secret}', sig, '${key}');\n` +
  `await fetch(${url}, { method: 'GET', headers: { 'X-GEMINI-APIKEY': '${key}', 'X-GEMINI-PAYLOAD': b64, 'X-GEMINI-SIGNATURE': sig } });`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gg-redaction-'));
  git('init', '-q', '-b', 'main');
  // history: a key and a secret committed, then removed again
  write('old/config.js', `export const GEMINI_API_KEY = '${K4}';\nexport const GEMINI_API_SECRET = '${S5}';\n`);
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  rmSync(join(dir, 'old'), { recursive: true });
  write('src/client.js', [
    "import crypto from 'node:crypto';",
    `const GEMINI_API_KEY = '${K1}';`,
    `const GEMINI_API_SECRET = process.env.GEMINI_API_SECRET || '${S1}';`,
    // (a secret inside a request path is rule-message territory: test/redaction/rule-messages.test.ts)
    signed(`{ request: '/v1/order/new', nonce: '${S3}' }`, `'http://${S4}@api.gemini.com/v1/order/status?key=${K2}'`, K1, S1),
    `// gemini-guard-ignore-next-line\nconst unused = 1;`,
  ].join('\n'));
  write('src/web/page.tsx', `'use client';\nexport const Page = () => <div title="${K2}">{process.env.NEXT_PUBLIC_GEMINI_API_SECRET}</div>;\nconst geminiSecret: string = '${S2}';\n`);
  write('src/broken.js', `const gemini = 'https://api.gemini.com';\nconst x = '${S3}' ${S3} ${K3};\nconst ${S4} = {;\n`);
  write('src/bundle.min.js', `var gemini="https://api.gemini.com",k="${K3}",s="${S4}";${'function a(){return 1}'.repeat(1200)}\n`);
  write('src/huge.js', `const gemini = '${K1}';\n${'// padding\n'.repeat(550_000)}`);
  write('src/blob.bin', Buffer.concat([Buffer.from(`GEMINI ${K2} ${S1}`), Buffer.alloc(16), Buffer.from(S2)]));
  write('src/latin1.js', Buffer.concat([Buffer.from(`const gemini = '${K3}'; // caf`), Buffer.from([0xe9, 0xff]), Buffer.from(` ${S3}\n`)]));
  write('.env', `GEMINI_API_KEY=${K2}\nGEMINI_API_SECRET=${S2}\n`);
  write('config/settings.json', JSON.stringify({ gemini: { apiKey: K3, apiSecret: S3 } }, null, 2));
  write('config/app.yaml', `gemini:\n  api_key: ${K1}\n  api_secret: "${S4}"\n`);
  write('Dockerfile', `FROM node:20\nENV GEMINI_API_KEY=${K2} GEMINI_API_SECRET=${S1}\n`);
  write('deploy/run.sh', `#!/bin/sh\nexport GEMINI_API_SECRET='${S2}'\ncurl -H "X-GEMINI-APIKEY: ${K1}" https://api.gemini.com/v1/balances\n`);
  write('README.md', `# Bot\n\nUse \`${K3}\` with secret \`${S3}\` on api.gemini.com.\n`);
  write('bad-config.json', `{ "rules": ${S1} }`);
  write('bad-baseline.json', JSON.stringify({ version: S2, findings: [] }));
  write('bad-baseline2.json', `{ "version": 1, "findings": [${S3}] }`);
  git('add', '.');
  git('commit', '-q', '-m', 'second');
  mkdirSync(join(dir, 'out'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('no output of the CLI shows a Gemini secret', () => {
  it('text, JSON and SARIF reports (stdout and --output files) are redacted', () => {
    const runs = [
      [cli(['scan', '--color']), []],
      [cli(['scan', '--format', 'json', '--output', 'out/report.json']), ['out/report.json']],
      [cli(['scan', '--format', 'sarif', '--output', 'out/report.sarif', '--report-unused-ignores', '--fail-on', 'warning']), ['out/report.sarif']],
      [cli(['scan', '--format', 'text', '--output', 'out/report.txt', '--max-file-size', String(10 * 1024 * 1024)]), ['out/report.txt']],
    ] as const;
    for (const [run, files] of runs) {
      expect(run.status, `${run.args.join(' ')}: ${run.stderr}`).toBe(1);
      expect(findLeak(exposed(run, ...files)), run.args.join(' ')).toBeUndefined();
    }
    // the audit reads real findings: keys and secrets in code, config files, .env, README and Dockerfile
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as { findings: { file: string; ruleId: string }[]; skipped: { file: string }[] };
    const files = new Set(report.findings.map((f) => f.file));
    for (const file of ['src/client.js', 'src/web/page.tsx', '.env', 'config/settings.json', 'config/app.yaml', 'Dockerfile', 'deploy/run.sh', 'README.md']) expect(files).toContain(file);
    expect(new Set(report.findings.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(6);
    expect(report.skipped.map((s) => s.file)).toEqual(expect.arrayContaining(['src/blob.bin', 'src/huge.js']));
  }, 120_000);

  it.runIf(help.includes('--history'))('the history scan is redacted', () => {
    for (const format of ['text', 'json']) {
      const run = cli(['scan', '--history', '--format', format]);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout).toMatch(/account-|master-/);
      expect(findLeak(exposed(run)), format).toBeUndefined();
    }
  }, 120_000);

  it.runIf(help.includes('--write-baseline'))('baseline files and runs against a baseline are redacted', () => {
    const written = cli(['scan', '--write-baseline', 'out/baseline.json']);
    expect(written.status, written.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out/baseline.json'), 'utf8')).toMatch(/fingerprint/);
    expect(findLeak(exposed(written, 'out/baseline.json'))).toBeUndefined();
    const against = cli(['scan', '--baseline', 'out/baseline.json', '--format', 'json']);
    expect(findLeak(exposed(against))).toBeUndefined();
  }, 120_000);

  it.runIf(/^\s*gemini-guard roles/m.test(help))('the roles report is redacted', () => {
    for (const args of [['roles'], ['roles', '--format', 'json', '--output', 'out/roles.json']]) {
      const run = cli(args);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).not.toBe(2);
      const files = args.includes('--output') ? ['out/roles.json'] : [];
      expect(findLeak(exposed(run, ...files)), args.join(' ')).toBeUndefined();
      // the report lists the hardcoded keys sent as X-GEMINI-APIKEY (redacted), so there is something to audit
      expect(exposed(run, ...files)).toMatch(/account-|master-/);
    }
  }, 120_000);

  it('error messages about a broken config file or baseline do not quote the secret in it', () => {
    const runs = [cli(['scan', '--config', 'bad-config.json'])];
    if (help.includes('--baseline')) runs.push(cli(['scan', '--baseline', 'bad-baseline.json']), cli(['scan', '--baseline', 'bad-baseline2.json']));
    for (const run of runs) {
      expect(run.status, run.args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/gemini-guard/);
      expect(findLeak(exposed(run)), `${run.args.join(' ')}: ${run.stderr}`).toBeUndefined();
    }
  }, 60_000);

  it('no file the scan writes, --fix included, holds a secret that was not in it before', () => {
    const before = new Map(readdirSync(dir, { recursive: true }).map((f) => String(f)).filter((f) => !f.startsWith('.git')).map((f) => [f, true]));
    const run = cli(['scan', '--fix', '--format', 'json']);
    expect(run.status, run.stderr).not.toBe(2);
    expect(findLeak(exposed(run))).toBeUndefined();
    // --fix only rewrites files that were scanned; it creates none
    const after = readdirSync(dir, { recursive: true }).map((f) => String(f)).filter((f) => !f.startsWith('.git'));
    expect(after.filter((f) => !before.has(f))).toEqual([]);
  }, 60_000);
});
