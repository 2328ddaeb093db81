// `gemini-guard roles` through the BUILT CLI on projects where the requests are made by a helper
// in one file and the endpoints are chosen by its callers in another (the usual bot layout).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'bin', 'gemini-guard.js');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-roles-xf-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function roles(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'roles', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonCredential {
  id: string;
  minimumRoles: string[];
  resolution: string;
  endpoints: { endpoint: string; sites: { file: string; line: number }[] }[];
  unresolved: { file: string; line: number }[];
}
const credentials = (dir: string): JsonCredential[] => (JSON.parse(roles(dir, '--format', 'json').stdout) as { credentials: JsonCredential[] }).credentials;

// A signing helper in the shape most small Gemini clients have: the path is the helper's parameter.
const CLIENT_JS = `import { createHmac } from 'node:crypto';

const BASE_URL = 'https://api.gemini.com';

export async function privatePost(path, params = {}) {
  const payload = Buffer.from(JSON.stringify({ request: path, nonce: Date.now(), ...params })).toString('base64');
  const signature = createHmac('sha384', process.env.GEMINI_API_SECRET).update(payload).digest('hex');
  const res = await fetch(BASE_URL + path, {
    method: 'POST',
    headers: { 'X-GEMINI-APIKEY': process.env.GEMINI_API_KEY, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature },
  });
  return res.json();
}
`;

describe('gemini-guard roles across files', { timeout: 60_000 }, () => {
  it('resolves a helper defined in client.js from the calls bot.js makes of it', () => {
    const dir = project({
      'src/client.js': CLIENT_JS,
      'src/bot.js': `import { privatePost } from './client.js';

export async function rebalance() {
  const balances = await privatePost('/v1/balances');
  return privatePost('/v1/order/new', { symbol: 'btcusd', amount: '0.1', price: '1', side: 'buy', type: 'exchange limit' });
}
`,
    });
    const [key, ...others] = credentials(dir);
    expect(others).toEqual([]);
    expect(key?.id).toBe('env:GEMINI_API_KEY');
    expect(key?.minimumRoles).toEqual(['Trader']);
    expect(key?.resolution).toBe('complete');
    expect(key?.unresolved).toEqual([]);
    expect(key?.endpoints.map((e) => [e.endpoint, e.sites.map((s) => `${s.file}:${s.line}`)])).toEqual([
      ['/v1/balances', ['src/bot.js:4']],
      ['/v1/order/new', ['src/bot.js:5']],
    ]);
    const text = roles(dir);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('minimum roles: Trader\n');
    expect(text.stdout).toMatch(/POST \/v1\/order\/new .* src\/bot\.js:5/);
  });

  it('follows a client class exported from TypeScript to the instance calls and the key its constructor gets in another file', () => {
    const dir = project({
      'src/gemini.ts': `import { createHmac } from 'node:crypto';

export class GeminiClient {
  constructor(private readonly apiKey: string, private readonly apiSecret: string) {}

  async post(path: string): Promise<unknown> {
    const payload = Buffer.from(JSON.stringify({ request: path, nonce: Date.now() })).toString('base64');
    const signature = createHmac('sha384', this.apiSecret).update(payload).digest('hex');
    return fetch(\`https://api.gemini.com\${path}\`, { method: 'POST', headers: { 'X-GEMINI-APIKEY': this.apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });
  }
}
`,
      'src/treasury.ts': `import { GeminiClient } from './gemini.js';

const client = new GeminiClient(process.env.TREASURY_KEY ?? '', process.env.TREASURY_SECRET ?? '');

export const sweep = (): Promise<unknown> => client.post('/v1/withdraw/btc');
`,
    });
    const [key, ...others] = credentials(dir);
    expect(others).toEqual([]);
    // the key is what treasury.ts passes to the constructor, not "parameter apiKey of GeminiClient"
    expect(key?.id).toBe('env:TREASURY_KEY');
    expect(key?.endpoints.map((e) => [e.endpoint, e.sites.map((s) => `${s.file}:${s.line}`)])).toEqual([['/v1/withdraw/{currency}', ['src/treasury.ts:5']]]);
    expect(key?.minimumRoles).toEqual(['FundManager']);
  });

  it('follows a CommonJS helper called through require()', () => {
    const dir = project({
      'lib/client.cjs': CLIENT_JS.replace("import { createHmac } from 'node:crypto';", "const { createHmac } = require('node:crypto');").replace('export async function privatePost', 'async function privatePost') + 'exports.privatePost = privatePost;\n',
      'lib/report.cjs': "const api = require('./client.cjs');\n\nmodule.exports = () => api.privatePost('/v1/mytrades');\n",
    });
    const [key] = credentials(dir);
    expect(key?.endpoints.map((e) => e.endpoint)).toEqual(['/v1/mytrades']);
    expect(key?.minimumRoles).toEqual(['Auditor']);
  });

  it('says "could not resolve" when no endpoint of the key was determined, not "none"', () => {
    const dir = project({
      'src/client.js': CLIENT_JS,
      'src/bot.js': "import { privatePost } from './client.js';\n\nexport const run = (path) => privatePost(path);\n",
    });
    const [key] = credentials(dir);
    expect(key?.endpoints).toEqual([]);
    expect(key?.minimumRoles).toEqual([]);
    expect(key?.resolution).toBe('unresolved');
    expect(key?.unresolved.map((s) => `${s.file}:${s.line}`)).toEqual(['src/client.js:8']);
    const text = roles(dir).stdout;
    expect(text).toContain('minimum roles: could not resolve (no endpoint of its requests could be determined)');
    expect(text).not.toContain('none (public endpoints only)');
  });
});
