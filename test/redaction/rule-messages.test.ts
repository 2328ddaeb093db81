// Redaction audit, ESLint side: every rule's messages and suggestion descriptions on code full of
// Gemini keys and secrets — in literals, URLs, paths, nonces, variable and env names, log calls —
// show no secret and no piece of one longer than 8 characters (keys: of the 20-character body).
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { lint } from '../fuzz/harness.js';
import { API_KEYS, API_SECRETS, findLeak } from '../helpers/secrets.js';

const [S1, S2, S3] = API_SECRETS as unknown as [string, string, string];
const [K1, K2] = API_KEYS as unknown as [string, string];

const signed = (payload: string, url = "'https://api.gemini.com/v1/balances'"): string =>
  `const b64 = Buffer.from(JSON.stringify(${payload})).toString('base64');\n` +
  `const sig = crypto.createHmac('sha384', process.env.GEMINI_API_SECRET).update(b64).digest('hex');\n` +
  `fetch(${url}, { method: 'POST', headers: { 'X-GEMINI-APIKEY': process.env.GEMINI_API_KEY, 'X-GEMINI-PAYLOAD': b64, 'X-GEMINI-SIGNATURE': sig } });`;

/** Inputs per rule, each full of credentials where that rule's messages quote something. */
const INPUTS: Record<string, { file: string; code: string }[]> = {
  'no-hardcoded-credentials': [
    { file: 'src/a.js', code: `const GEMINI_API_KEY = '${K1}';\nconst apiSecret = "${S1}";\nconst cfg = { key: \`${K2}\`, secret: '${S2}' };` },
    { file: 'src/b.js', code: `const k = process.env.GEMINI_API_KEY || '${K1}';\nconst s = process.env.GEMINI_API_SECRET ?? '${S1}';\nconst joined = '${S3.slice(0, 10)}' + '${S3.slice(10)}';\nconst geminiSecret = joined;` },
    { file: 'src/c.tsx', code: `const gemini = 'https://api.gemini.com';\nexport const Page = () => <div data-key="${K2}">${K1}</div>;\nconst t = \`${K1.slice(0, 12)}\${''}${K1.slice(12)}\`;` },
  ],
  'no-credential-logging': [
    { file: 'src/a.js', code: `const GEMINI_API_SECRET = '${S1}';\nconst GEMINI_API_KEY = '${K1}';\nconsole.log(GEMINI_API_SECRET, GEMINI_API_KEY);\nconsole.error('${S2}', \`key \${GEMINI_API_KEY}\`);` },
    { file: 'src/b.js', code: `const gemini = 'https://api.gemini.com';\nloggers['${S1}'].info(process.env.GEMINI_API_SECRET);\nmake('${S2}').log(process.env.GEMINI_API_KEY);\n${signed('{ request: "/v1/balances", nonce: Date.now() }')}\nconsole.debug(sig, { headers: { 'X-GEMINI-SIGNATURE': sig } });` },
  ],
  'no-client-side-credentials': [
    { file: 'src/app/page.jsx', code: `'use client';\nconst cfg = { apiSecret: '${S1}', apiKey: '${K1}' };\nconst a = process.env.NEXT_PUBLIC_GEMINI_API_SECRET;\nconst b = process.env['NEXT_PUBLIC_GEMINI_${S2}_SECRET'];\nconst c = process.env.NEXT_PUBLIC_GEMINI_API_KEY;` },
    { file: 'src/app/sign.js', code: `'use client';\nimport crypto from 'crypto';\nconst GEMINI_API_SECRET = '${S3}';\n${signed('{ request: "/v1/balances", nonce: Date.now() }')}\nconst s2 = crypto.createHmac('sha384', GEMINI_API_SECRET).update('x').digest('hex');` },
  ],
  'no-insecure-transport': [
    { file: 'src/a.js', code: `fetch('http://${S1}:${K1}@api.gemini.com/v1/balances');\nfetch('http://api.gemini.com/${S2}');\nnew WebSocket('ws://${S3}@api.gemini.com/v1/order/events');` },
    { file: 'src/b.js', code: `import http from 'http';\nhttp.request({ host: 'api.gemini.com', path: '/v1/${S1}', auth: '${K1}:${S2}' });\nconst BASE = 'http://' + '${S3}@' + 'api.gemini.com';\nfetch(BASE + '/v1/symbols');` },
  ],
  'no-unsigned-private-request': [
    { file: 'src/a.js', code: `fetch('https://api.gemini.com/v1/order/status?key=${K1}&s=${S1}', { method: 'GET' });\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': '${K2}' } });` },
    { file: 'src/b.js', code: `fetch('https://api.gemini.com/v1/withdraw/${S2}', { method: 'POST' });\nfetch(\`https://api.gemini.com/v1/order/\${'${S3}'}\`, { method: 'GET' });` },
  ],
  'no-withdrawal-endpoints': [
    { file: 'src/a.js', code: `${signed(`{ request: '/v1/withdraw/${S1}', nonce: Date.now(), address: '${K1}' }`, `'https://api.gemini.com/v1/withdraw/${S1}'`)}` },
    { file: 'src/b.js', code: `${signed(`{ request: '/v1/account/transfer/btc', nonce: Date.now(), targetAccount: '${S2}' }`, "'https://api.gemini.com/v1/account/transfer/btc'")}` },
  ],
  'valid-nonce': [
    { file: 'src/a.js', code: `const API_SECRET = '${S1}';\n${signed("{ request: '/v1/balances', nonce: API_SECRET }")}` },
    { file: 'src/b.js', code: `${signed(`{ request: '/v1/balances', nonce: '${K1}' }`)}` },
    { file: 'src/c.js', code: `${signed(`{ request: '/v1/balances', nonce: Math.floor(Date.now() / 1000) + '${S2}'.length }`)}` },
    { file: 'src/d.js', code: `${signed(`{ request: '/v1/balances', nonce: hash('${S3}') + Math.random() }`)}` },
    { file: 'src/e.js', code: `const nonce = Date.now() + '${S1}'.length;\nfor (const id of ids) {\n${signed('{ request: "/v1/order/cancel", nonce, order_id: id }', "'https://api.gemini.com/v1/order/cancel'")}\n}` },
  ],
  'valid-payload': [
    { file: 'src/a.js', code: signed(`{ request: '/v1/order/${S1}', nonce: Date.now() }`, "'https://api.gemini.com/v1/order/status'") },
    { file: 'src/b.js', code: signed("{ request: '/v1/order/status', nonce: Date.now() }", `'https://api.gemini.com/v1/order/${S2}?key=${K1}'`) },
  ],
  'valid-signature': [
    { file: 'src/a.js', code: signed("{ request: '/v1/balances', nonce: Date.now() }").replace("'sha384'", `'${S1}'`) },
    { file: 'src/b.js', code: signed("{ request: '/v1/balances', nonce: Date.now() }").replace("digest('hex')", `digest('${S2}')`) },
    { file: 'src/c.js', code: signed("{ request: '/v1/balances', nonce: Date.now() }").replace('process.env.GEMINI_API_SECRET', `'${K1}'`) },
    { file: 'src/d.js', code: signed("{ request: '/v1/balances', nonce: Date.now() }").replace("'sha384'", "'sha256'").replace(".update(b64)", `.update(JSON.stringify({ s: '${S3}' }))`) },
  ],
};

const leaksIn = (messages: Linter.LintMessage[]): string[] =>
  messages.flatMap((m) => [m.message, ...(m.suggestions ?? []).map((s) => s.desc)]).filter((text) => findLeak(text) !== undefined);

describe('rule messages never show a Gemini secret', () => {
  it('covers every rule of the plugin', () => {
    expect(Object.keys(INPUTS).sort()).toEqual(Object.keys(plugin.rules).sort());
  });

  for (const [rule, inputs] of Object.entries(INPUTS)) {
    it(`${rule} reports code full of keys and secrets without showing more than 8 characters of any`, () => {
      const messages = inputs.flatMap(({ file, code }) => lint(code, file, false, [`gemini-guard/${rule}`]));
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      // the inputs make the rule speak, so the audit reads real messages
      expect(messages.length).toBeGreaterThan(0);
      expect(leaksIn(messages)).toEqual([]);
    });
  }
});
