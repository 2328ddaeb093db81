import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliEnvironment } from '../../src/scanner/cli.js';
import { endpointCategory, formatRoles, rolesReport, type CredentialRoles } from '../../src/scanner/roles.js';
import { matchEndpoint } from '../../src/gemini/endpoints.js';

const KEY = 'account-Tq4Wn8Zr2Lp6Xv0Bk3Jd';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-roles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const env = (cwd: string): CliEnvironment => ({ cwd, env: {}, stdoutIsTTY: false, stderrIsTTY: false });

/** The report's credentials as `{ id, endpoints, roles, warnings }`. */
function summary(dir: string): { id: string; endpoints: string[]; roles: string[]; warnings: string[]; unresolved: number }[] {
  return rolesReport({ cwd: dir, paths: [] }).credentials.map((c: CredentialRoles) => ({
    id: c.id,
    endpoints: c.endpoints.map((e) => e.endpoint),
    roles: c.minimumRoles,
    warnings: c.warnings.map((w) => w.id),
    unresolved: c.unresolved.length,
  }));
}

/** A signed POST to `path` with the key read from `envName`, as a small helper module. */
const signedCall = (fn: string, path: string, envName = 'GEMINI_API_KEY') => `
export async function ${fn}() {
  const payload = Buffer.from(JSON.stringify({ request: '${path}', nonce: Date.now() })).toString('base64');
  const signature = createHmac('sha384', process.env.GEMINI_API_SECRET).update(payload).digest('hex');
  return fetch('https://api.gemini.com${path}', { method: 'POST', headers: { 'X-GEMINI-APIKEY': process.env.${envName}, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });
}
`;
const module = (...calls: string[]) => `import { createHmac } from 'node:crypto';\n${calls.join('')}`;

describe('gemini-guard roles', () => {
  it('asks for Auditor alone when every call is read-only', async () => {
    const dir = project({ 'src/report.js': module(signedCall('balances', '/v1/balances'), signedCall('trades', '/v1/mytrades'), signedCall('beat', '/v1/heartbeat')) });
    expect(summary(dir)).toEqual([{ id: 'env:GEMINI_API_KEY', endpoints: ['/v1/balances', '/v1/heartbeat', '/v1/mytrades'], roles: ['Auditor'], warnings: [], unresolved: 0 }]);
  });

  it('asks for Trader for trading, without a warning when the key only trades', async () => {
    const dir = project({ 'src/trade.js': module(signedCall('buy', '/v1/order/new'), signedCall('status', '/v1/order/status'), signedCall('cancel', '/v1/order/cancel')) });
    expect(summary(dir)).toEqual([{ id: 'env:GEMINI_API_KEY', endpoints: ['/v1/order/cancel', '/v1/order/new', '/v1/order/status'], roles: ['Trader'], warnings: [], unresolved: 0 }]);
  });

  it('asks for Fund Manager only for fund-moving endpoints', async () => {
    const dir = project({ 'src/sweep.js': module(signedCall('sweep', '/v1/withdraw/btc'), signedCall('fee', '/v1/withdraw/btc/feeEstimate')) });
    expect(summary(dir)[0]).toMatchObject({ endpoints: ['/v1/withdraw/{currency}', '/v1/withdraw/{currency}/feeEstimate'], roles: ['FundManager'], warnings: [] });
  });

  it('warns when one key both reads and trades, and when it trades and moves funds', async () => {
    const dir = project({ 'src/bot.js': module(signedCall('balances', '/v1/balances'), signedCall('buy', '/v1/order/new'), signedCall('sweep', '/v1/withdraw/btc')) });
    const [credential] = rolesReport({ cwd: dir, paths: [] }).credentials;
    expect(credential?.minimumRoles).toEqual(['Trader', 'FundManager']);
    expect(credential?.warnings.map((w) => w.id)).toEqual(['readsAndWrites', 'tradesAndMovesFunds']);
    expect(credential?.warnings[0]?.message).toBe(
      'GEMINI_API_KEY (environment variable) both reads account data (/v1/balances) and trades and moves funds (/v1/order/new, /v1/withdraw/{currency}) with one API key. Give the read-only calls their own Auditor key and keep trading and withdrawals on a separate key, so a leak from the code that only reads cannot trade or move funds.',
    );
  });

  it('is quiet when data and trading use separate keys', async () => {
    const dir = project({
      'src/data.js': module(signedCall('balances', '/v1/balances', 'GEMINI_READONLY_KEY')),
      'src/trade.js': module(signedCall('buy', '/v1/order/new', 'GEMINI_TRADING_KEY')),
    });
    expect(summary(dir)).toEqual([
      { id: 'env:GEMINI_READONLY_KEY', endpoints: ['/v1/balances'], roles: ['Auditor'], warnings: [], unresolved: 0 },
      { id: 'env:GEMINI_TRADING_KEY', endpoints: ['/v1/order/new'], roles: ['Trader'], warnings: [], unresolved: 0 },
    ]);
  });

  it('follows a client class: constructor parameters to `new` calls, methods to instance calls, config imported from another module', async () => {
    const dir = project({
      'src/config.js': 'export const config = {\n  gemini: { key: process.env.GEMINI_TRADING_KEY, secret: process.env.GEMINI_TRADING_SECRET },\n};\n',
      'src/client.ts': [
        "import crypto from 'node:crypto';",
        "import { config } from './config.js';",
        "const BASE = 'https://api.gemini.com';",
        'export class GeminiClient {',
        '  constructor(private readonly apiKey: string, private readonly apiSecret: string) {}',
        '  async private(path: string, params: Record<string, unknown> = {}) {',
        "    const payload = Buffer.from(JSON.stringify({ request: path, nonce: Date.now(), ...params })).toString('base64');",
        "    const signature = crypto.createHmac('sha384', this.apiSecret).update(payload).digest('hex');",
        "    return fetch(BASE + path, { method: 'POST', headers: { 'X-GEMINI-APIKEY': this.apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
        '  }',
        '}',
        'const trader = new GeminiClient(config.gemini.key, config.gemini.secret);',
        "export const buy = () => trader.private('/v1/order/new', { symbol: 'btcusd' });",
        "export const fx = () => trader.private('/v2/fxrate/btcusd/1700000000');",
        '',
      ].join('\n'),
    });
    const [credential] = rolesReport({ cwd: dir, paths: [] }).credentials;
    expect(credential?.id).toBe('env:GEMINI_TRADING_KEY');
    expect(credential?.endpoints.map((e) => [e.method, e.endpoint, e.sites.map((s) => s.line)])).toEqual([
      ['POST', '/v1/order/new', [13]],
      ['GET', '/v2/fxrate/{symbol}/{timestamp}', [14]],
    ]);
    // the FX rate endpoint is Auditor-only and orders are Trader-only: no single key can do both
    expect(credential?.singleKey).toBe(false);
    expect(credential?.warnings.map((w) => w.id)).toEqual(['readsAndWrites', 'noSingleKey']);
  });

  it('finds the endpoints of a shared signing helper from the payloads passed to it (the example bot)', async () => {
    const report = rolesReport({ cwd: join(import.meta.dirname, '..', '..', 'examples', 'vulnerable-bot'), paths: [] });
    const byId = new Map(report.credentials.map((c) => [c.id, c]));
    const bot = byId.get('env:GEMINI_API_KEY');
    expect(bot?.endpoints.map((e) => [e.endpoint, e.category])).toEqual([
      ['/v1/balances', 'read'],
      ['/v1/heartbeat', 'any-role'],
      ['/v1/order/cancel', 'write'],
      ['/v1/order/new', 'write'],
      ['/v1/withdraw/{currency}', 'move-funds'],
    ]);
    expect(bot?.minimumRoles).toEqual(['Trader', 'FundManager']);
    expect(bot?.sentAt).toEqual([{ file: 'src/gemini-client.js', line: 17, column: 24 }]);
    expect(byId.get('env:NEXT_PUBLIC_GEMINI_API_KEY')?.minimumRoles).toEqual(['Auditor']);
  });

  it('names a hardcoded key only redacted, and lists requests it cannot place', async () => {
    const dir = project({
      'src/a.js': `export const go = (path) => fetch(process.env.GEMINI_BASE + path, { method: 'POST', headers: { 'X-GEMINI-APIKEY': '${KEY}' } });\n`,
    });
    const result = await runCli(['roles', '--format', 'json'], env(dir));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain(KEY.slice(8));
    const report = JSON.parse(result.stdout) as { credentials: CredentialRoles[] };
    expect(report.credentials.map((c) => [c.source, c.label, c.endpoints.length, c.unresolved.map((u) => u.line)])).toEqual([['literal', 'account-Tq4W… (hardcoded)', 0, [1]]]);
    expect(report.credentials[0]?.id).toMatch(/^literal:[0-9a-f]{16}$/);
    const text = (await runCli(['roles'], env(dir))).stdout;
    expect(text).toContain('1 request with an endpoint that could not be determined (src/a.js:1): the key may need more roles.');
    expect(text).not.toContain(KEY.slice(8));
  });

  it('ignores other APIs: Binance keys, Google Gemini AI clients', async () => {
    const dir = project({
      'src/binance.js': "export const b = () => fetch('https://api.binance.com/api/v3/account', { headers: { 'X-MBX-APIKEY': process.env.BINANCE_KEY } });\n",
      'src/ai.js': "import { GoogleGenerativeAI } from '@google/generative-ai';\nexport const ai = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);\n",
    });
    expect(summary(dir)).toEqual([]);
    expect((await runCli(['roles'], env(dir))).stdout).toMatch(/^No Gemini exchange API key reaches an X-GEMINI-APIKEY header in the code \(2 files, 1 analysed\)\.\n$/);
  });

  it('prints a text report with the roles per endpoint, and writes --output', async () => {
    const dir = project({ 'src/bot.js': module(signedCall('balances', '/v1/balances'), signedCall('buy', '/v1/order/new')) });
    const text = (await runCli(['roles'], env(dir))).stdout;
    expect(text).toContain('GEMINI_API_KEY (environment variable)\n  sent as X-GEMINI-APIKEY at src/bot.js:6, src/bot.js:12\n  minimum roles: Trader\n  endpoints:\n');
    expect(text).toMatch(/ {4}POST \/v1\/balances +get available balances +Auditor, Trader or Fund Manager +src\/bot\.js:6\n/);
    expect(text).toMatch(/ {4}POST \/v1\/order\/new +create new order +Trader +src\/bot\.js:12\n/);
    expect(text).toContain('  warning GEMINI_API_KEY (environment variable) both reads account data (/v1/balances) and trades (/v1/order/new)');
    expect(text).toMatch(/1 credential, 1 warning \(1 files, 1 analysed\)\.\n$/);
    expect(await runCli(['roles', '--output', 'roles.txt'], env(dir))).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'roles.txt'), 'utf8')).toBe(text);
  });

  it('exits 2 on usage errors', async () => {
    const dir = project({});
    for (const args of [['roles', '--format', 'sarif'], ['roles', '--staged'], ['roles', '--history'], ['roles', '--baseline', 'x.json'], ['roles', '--fail-on', 'warning']]) {
      const r = await runCli(args, env(dir));
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^gemini-guard: [^\n]+\nRun "gemini-guard --help" for the commands and options\.\n$/);
    }
  });

  it('classifies endpoints and formats role sets', async () => {
    const category = (path: string) => endpointCategory(matchEndpoint(path)!);
    expect(['/v1/symbols', '/v1/heartbeat', '/v1/withdraw/btc/feeEstimate', '/v1/balances', '/v1/order/new', '/v1/withdraw/btc', '/v1/account/create'].map(category)).toEqual([
      'public', 'any-role', 'any-role', 'read', 'write', 'move-funds', 'admin',
    ]);
    expect(formatRoles(['FundManager', 'Trader'])).toBe('Trader + Fund Manager');
    expect(formatRoles(['Trader', 'FundManager', 'Auditor'], 'or')).toBe('Auditor, Trader or Fund Manager');
    expect(formatRoles([])).toBe('none (public endpoints only)');
  });
});
