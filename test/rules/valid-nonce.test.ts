import { RuleTester, type InvalidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds, type Options } from '../../src/rules/valid-nonce.js';
import { code, IMPORT_INCREMENTAL, IMPORT_TIME_BASED, suggestIncremental, suggestTimeBased, withSigner } from '../helpers/nonce-cases.js';

type Invalid = InvalidTestCase<MessageIds, Options>;

const ruleTester = new RuleTester();

ruleTester.run('valid-nonce', rule, {
  valid: [
    // the reference signer's nonce sources
    code("import { createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';", 'const geminiNonce = createIncrementalNonce();', "send({ request: '/v1/balances', nonce: geminiNonce.next() });"),
    code("import { defaultNonce } from 'eslint-plugin-gemini-guard/signer';", "send({ request: '/v1/balances', nonce: defaultNonce.next() });"),
    code("import { createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';", "send({ request: '/v1/balances', nonce: createIncrementalNonce().next() });"),
    code("import { createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';", 'const source = createIncrementalNonce();', "for (const id of ids) send({ request: '/v1/order/cancel', nonce: source.next(), order_id: id });"),
    code(
      "import { createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';",
      'class Client {',
      '  nonces = createIncrementalNonce();',
      "  balances() { return send({ request: '/v1/balances', nonce: this.nonces.next() }); }",
      '}',
    ),
    // counters and the max(now, last + 1) pattern
    code('class Client {', '  counter = Date.now();', "  balances() { return send({ request: '/v1/balances', nonce: ++this.counter }); }", '}'),
    code('class Client {', '  nonce = Date.now();', "  balances() { return send({ request: '/v1/balances', nonce: this.nonce++ }); }", '}'),
    code(
      'let last = 0;',
      'function nextNonce() {',
      '  const n = Math.max(Date.now(), last + 1);',
      '  last = n;',
      '  return n;',
      '}',
      "export const balances = () => send({ request: '/v1/balances', nonce: nextNonce() });",
    ),
    code(
      'class Client {',
      '  last = 0;',
      '  nonce() { return (this.last = Math.max(Date.now(), this.last + 1)); }',
      "  balances() { return send({ request: '/v1/balances', nonce: this.nonce() }); }",
      '}',
    ),
    // Date.now() computed inside the per-request function (incremental keys)
    code('export async function privateRequest(path, params) {', '  const nonce = Date.now();', '  return send({ request: path, nonce, ...params });', '}', "privateRequest('/v1/balances', {});"),
    code("export const balances = () => send({ request: '/v1/balances', nonce: Date.now() });"),
    // fresh per iteration, one request after another (without the await the loop is a burst: see below)
    code("for (const id of ids) { const nonce = Date.now(); await send({ request: '/v1/order/cancel', nonce, order_id: id }); }"),
    code("const base = Date.now();", "ids.forEach((id, i) => send({ request: '/v1/order/cancel', nonce: base + i, order_id: id }));"),
    code("class C { nonce() { return Date.now(); } m() { return send({ request: '/v1/balances', nonce: this.nonce() }); } }"),
    code("send({ request: '/v1/balances', nonce: String(Date.now()) });"),
    // a module-level nonce used by one request only
    code('const NONCE = Date.now();', "async function main() { await send({ request: '/v1/balances', nonce: NONCE }); }", 'main();'),
    // two requests in exclusive branches
    code('async function f(x) {', '  const nonce = Date.now();', "  if (x) return send({ request: '/v1/balances', nonce });", "  return send({ request: '/v1/orders', nonce });", '}'),
    // unknown sources: an imported helper, a parameter
    code("import { getNonce } from './nonce';", "send({ request: '/v1/balances', nonce: getNonce() });"),
    code("import { getNonce } from './nonce';", "for (const id of ids) send({ request: '/v1/order/cancel', nonce: getNonce(), order_id: id });"),
    code("function build(path, nonce) { return send({ request: path, nonce }); }", "build('/v1/balances', Date.now());"),
    // time-based keys: seconds are right, and one seconds value may serve several requests
    {
      code: code("send({ request: '/v1/balances', nonce: Math.floor(Date.now() / 1000) });"),
      options: [{ nonce: 'time-based' }],
    },
    {
      code: code("import dayjs from 'dayjs';", "send({ request: '/v1/balances', nonce: dayjs().unix() });"),
      options: [{ nonce: 'time-based' }],
    },
    {
      code: code("const nonce = Math.floor(Date.now() / 1000);", "for (const id of ids) send({ request: '/v1/order/cancel', nonce, order_id: id });"),
      options: [{ nonce: 'time-based' }],
    },
    {
      code: code("import { createTimeBasedNonce } from 'eslint-plugin-gemini-guard/signer';", 'const geminiNonce = createTimeBasedNonce();', "send({ request: '/v1/balances', nonce: geminiNonce.next() });"),
      options: [{ nonce: 'time-based' }],
    },
    // a time-based source is an explicit choice, whatever the option says
    code("import { createTimeBasedNonce } from 'eslint-plugin-gemini-guard/signer';", 'const t = createTimeBasedNonce();', "send({ request: '/v1/balances', nonce: t.next() });"),
    // a fixed nonce in a test file (Gemini's published signing vector)
    {
      code: code("send({ request: '/v1/order/status', nonce: 123456, order_id: 18834 });"),
      filename: 'src/__tests__/signer.test.ts',
    },
    // near-misses: nonces and timestamps of other APIs
    `// Kraken client
     const nonce = Date.now() * 1000;
     const body = new URLSearchParams({ nonce: String(nonce), pair: 'XBTUSD' });
     fetch('https://api.kraken.com/0/private/AddOrder', { method: 'POST', headers: { 'API-Key': key }, body });`,
    `const params = { symbol: 'BTCUSDT', timestamp: Date.now() };
     const query = new URLSearchParams(params).toString();
     const signature = crypto.createHmac('sha256', secret).update(query).digest('hex');
     fetch('https://api.binance.com/api/v3/order?' + query + '&signature=' + signature, { method: 'POST', headers: { 'X-MBX-APIKEY': apiKey } });`,
    `const oauth = { oauth_nonce: Math.random().toString(36).slice(2), oauth_timestamp: Math.floor(Date.now() / 1000) };`,
    `import { randomBytes, createCipheriv } from 'crypto';
     const nonce = randomBytes(12);
     const cipher = createCipheriv('aes-256-gcm', key, nonce);`,
    `import crypto from 'crypto';
     const kSigning = crypto.createHmac('sha256', kService).update('aws4_request').digest();
     const auth = 'AWS4-HMAC-SHA256 Credential=' + accessKey + ', Signature=' + crypto.createHmac('sha256', kSigning).update(stringToSign).digest('hex');
     const req = { request: '/v1/invoke', nonce: 1 };`,
    `import crypto from 'crypto';
     export function verify(req, secret) {
       const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(req.body).digest('hex');
       return req.headers['x-hub-signature-256'] === expected;
     }`,
    `import { GoogleGenerativeAI } from '@google/generative-ai';
     const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);
     const request = { request: '/v1beta/models/gemini-pro:generateContent', nonce: Math.random() };
     fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent', { method: 'POST', body: JSON.stringify(request) });`,
    // a Bitfinex v1 function (same payload shape) next to a correct Gemini one
    `export function gemini() {
       const payload = { request: '/v1/balances', nonce: Date.now() };
       return fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': btoa(JSON.stringify(payload)) } });
     }
     export function bitfinex(key) {
       const payload = { request: '/v1/balances', nonce: '1' };
       return fetch('https://api.bitfinex.com/v1/balances', { method: 'POST', headers: { 'X-BFX-APIKEY': key, 'X-BFX-PAYLOAD': btoa(JSON.stringify(payload)) } });
     }`,
    // placeholders and docs-style snippets without a nonce
    `const GEMINI_API_KEY = 'account-XXXXXXXXXXXXXXXXXXXX'; const GEMINI_API_SECRET = 'your-api-secret';`,
    // odd but valid code
    code("const k = 'nonce';", "send({ request: '/v1/balances', [k]: Date.now() });"),
    code("send({ request: '/v1/balances', ...{}, nonce: client?.nonce?.() });"),
    code("send({ request: '/v1/balances', nonce: new Function('return 1')() });"),
    code("send({ request: '/v1/balances', nonce: (() => Date.now())() });"),
    code("send({ request: '/v1/balances', nonce: [Date.now()][0] });"),
    code('function f() { return f(); }', "send({ request: '/v1/balances', nonce: f() });"),
    code('const a = b; const b = a;', "send({ request: '/v1/balances', nonce: a });"),
    code("send({ request: '/v1/balances', nonce: undefined });"),
    code("send({ request: '/v1/balances', nonce: Date.now() as number });"),
    code("send({ request: '/v1/balances' });"),
  ],
  invalid: [
    // ---- literal nonces
    {
      name: 'reports a literal number nonce',
      code: code("send({ request: '/v1/balances', nonce: 123456 });"),
      output: null,
      errors: [
        {
          messageId: 'literalNonce',
          data: { value: '123456' },
          line: 1,
          column: 40,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, "send({ request: '/v1/balances', nonce: geminiNonce.next() });")),
        },
      ],
    },
    {
      name: 'reports a literal string nonce',
      code: code("send({ request: '/v1/balances', nonce: '1' });"),
      output: null,
      errors: [{ messageId: 'literalNonce', line: 1, column: 40, suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, "send({ request: '/v1/balances', nonce: geminiNonce.next() });")) }],
    },
    {
      name: 'reports a literal nonce held in a constant, at the payload',
      code: code('const NONCE = 42;', "send({ request: '/v1/balances', nonce: NONCE });"),
      output: null,
      errors: [
        {
          messageId: 'literalNonce',
          data: { value: '42' },
          line: 2,
          column: 40,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, 'const NONCE = 42;', "send({ request: '/v1/balances', nonce: geminiNonce.next() });")),
        },
      ],
    },
    // ---- one nonce, several requests
    {
      name: 'reports a nonce hoisted out of a loop',
      code: code('const nonce = Date.now();', 'for (const id of ids) {', "  send({ request: '/v1/order/cancel', nonce, order_id: id });", '}'),
      output: null,
      errors: [
        {
          messageId: 'reusedNonce',
          data: { nonce: 'nonce', where: 'before the loop on line 2, which sends it on every iteration' },
          line: 3,
          column: 39,
          suggestions: suggestIncremental(
            withSigner(IMPORT_INCREMENTAL, 'const nonce = Date.now();', 'for (const id of ids) {', "  send({ request: '/v1/order/cancel', nonce: geminiNonce.next(), order_id: id });", '}'),
          ),
        },
      ],
    },
    {
      name: 'reports a nonce computed outside a .map callback',
      code: code('async function cancelAll(ids) {', '  const nonce = Date.now();', "  return Promise.all(ids.map((id) => send({ request: '/v1/order/cancel', nonce: nonce, order_id: id })));", '}'),
      output: null,
      errors: [
        {
          messageId: 'reusedNonce',
          data: { nonce: 'nonce', where: 'in the enclosing function, but the callback on line 3 that sends it runs more than once' },
          line: 3,
          column: 81,
          suggestions: suggestIncremental(
            withSigner(
              IMPORT_INCREMENTAL,
              'async function cancelAll(ids) {',
              '  const nonce = Date.now();',
              "  return Promise.all(ids.map((id) => send({ request: '/v1/order/cancel', nonce: geminiNonce.next(), order_id: id })));",
              '}',
            ),
          ),
        },
      ],
    },
    {
      name: 'reports a module-level nonce used by an exported function',
      code: code('const NONCE = Date.now();', "export function balances() { return send({ request: '/v1/balances', nonce: NONCE }); }"),
      output: null,
      errors: [
        {
          messageId: 'reusedNonce',
          data: { nonce: 'NONCE', where: 'when the module loads, but the function on line 2 that sends it runs more than once' },
          line: 2,
          column: 76,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, 'const NONCE = Date.now();', "export function balances() { return send({ request: '/v1/balances', nonce: geminiNonce.next() }); }")),
        },
      ],
    },
    {
      name: 'reports a module-level nonce used by a function run by setInterval',
      code: code('const NONCE = Math.floor(Date.now() / 1000);', "function poll() { send({ request: '/v1/balances', nonce: NONCE }); }", 'setInterval(poll, 5000);'),
      output: null,
      errors: [{ messageId: 'reusedNonce', line: 2, column: 58, suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, 'const NONCE = Math.floor(Date.now() / 1000);', "function poll() { send({ request: '/v1/balances', nonce: geminiNonce.next() }); }", 'setInterval(poll, 5000);')) }],
    },
    {
      name: 'reports a module-level nonce sent from an Express route handler',
      code: code("import express from 'express';", 'const app = express();', 'const nonce = Date.now();', "app.post('/order', async (req, res) => { await send({ request: '/v1/order/new', nonce, symbol: 'btcusd' }); });"),
      output: null,
      errors: [
        {
          messageId: 'reusedNonce',
          data: { nonce: 'nonce', where: 'when the module loads, but the callback on line 4 that sends it runs more than once' },
          line: 4,
          column: 81,
          suggestions: suggestIncremental(
            code(
              "import express from 'express';",
              IMPORT_INCREMENTAL,
              'const app = express();',
              'const nonce = Date.now();',
              "app.post('/order', async (req, res) => { await send({ request: '/v1/order/new', nonce: geminiNonce.next(), symbol: 'btcusd' }); });",
            ),
          ),
        },
      ],
    },
    {
      name: 'reports a class field nonce sent by a method',
      code: code('class Client {', '  nonce = Date.now();', "  balances() { return send({ request: '/v1/balances', nonce: this.nonce }); }", '}'),
      output: null,
      errors: [
        {
          messageId: 'reusedNonce',
          data: { nonce: 'this.nonce', where: 'when the instance is created, but the method on line 3 that sends it runs more than once' },
          line: 3,
          column: 62,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, 'class Client {', '  nonce = Date.now();', "  balances() { return send({ request: '/v1/balances', nonce: geminiNonce.next() }); }", '}')),
        },
      ],
    },
    {
      name: 'reports a nonce captured by the closures a factory returns',
      code: code('export function createClient() {', '  const nonce = Date.now();', "  return { balances: () => send({ request: '/v1/balances', nonce }) };", '}'),
      output: null,
      errors: [
        {
          messageId: 'reusedNonce',
          line: 3,
          column: 60,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, 'export function createClient() {', '  const nonce = Date.now();', "  return { balances: () => send({ request: '/v1/balances', nonce: geminiNonce.next() }) };", '}')),
        },
      ],
    },
    {
      name: 'reports two payloads in Promise.all sharing one nonce, at the second',
      code: code(
        'async function snapshot() {',
        '  const nonce = Date.now();',
        "  return Promise.all([send({ request: '/v1/balances', nonce }), send({ request: '/v1/orders', nonce })]);",
        '}',
      ),
      output: null,
      errors: [
        {
          messageId: 'sharedNonce',
          data: { nonce: 'nonce', line: 3 },
          line: 3,
          column: 95,
          suggestions: suggestIncremental(
            withSigner(
              IMPORT_INCREMENTAL,
              'async function snapshot() {',
              '  const nonce = Date.now();',
              "  return Promise.all([send({ request: '/v1/balances', nonce }), send({ request: '/v1/orders', nonce: geminiNonce.next() })]);",
              '}',
            ),
          ),
        },
      ],
    },
    {
      name: 'reports two sequential payloads of one function sharing a module-level nonce',
      code: code('const NONCE = Date.now();', 'async function main() {', "  await send({ request: '/v1/balances', nonce: NONCE });", "  await send({ request: '/v1/orders', nonce: NONCE });", '}', 'main();'),
      output: null,
      errors: [
        {
          messageId: 'sharedNonce',
          data: { nonce: 'NONCE', line: 3 },
          line: 4,
          column: 46,
          suggestions: suggestIncremental(
            withSigner(IMPORT_INCREMENTAL, 'const NONCE = Date.now();', 'async function main() {', "  await send({ request: '/v1/balances', nonce: NONCE });", "  await send({ request: '/v1/orders', nonce: geminiNonce.next() });", '}', 'main();'),
          ),
        },
      ],
    },
    // ---- random and non-monotonic sources
    {
      name: 'reports Math.random()',
      code: code("send({ request: '/v1/balances', nonce: Math.floor(Math.random() * 1e9) });"),
      output: null,
      errors: [{ messageId: 'randomNonce', data: { source: 'Math.random()' }, line: 1, column: 40, suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, "send({ request: '/v1/balances', nonce: geminiNonce.next() });")) }],
    },
    {
      name: 'reports crypto.randomInt, crypto.randomUUID and uuid()',
      code: code("import crypto from 'node:crypto';", "import { v4 as uuid } from 'uuid';", "send({ request: '/v1/a', nonce: crypto.randomInt(1e9) });", "send({ request: '/v1/b', nonce: crypto.randomUUID() });", "send({ request: '/v1/c', nonce: uuid() });"),
      output: null,
      errors: [
        {
          messageId: 'randomNonce',
          data: { source: 'crypto.randomInt(1e9)' },
          line: 3,
          column: 33,
          suggestions: suggestIncremental(
            code("import crypto from 'node:crypto';", "import { v4 as uuid } from 'uuid';", IMPORT_INCREMENTAL, "send({ request: '/v1/a', nonce: geminiNonce.next() });", "send({ request: '/v1/b', nonce: crypto.randomUUID() });", "send({ request: '/v1/c', nonce: uuid() });"),
          ),
        },
        {
          messageId: 'randomNonce',
          data: { source: 'crypto.randomUUID()' },
          line: 4,
          column: 33,
          suggestions: suggestIncremental(
            code("import crypto from 'node:crypto';", "import { v4 as uuid } from 'uuid';", IMPORT_INCREMENTAL, "send({ request: '/v1/a', nonce: crypto.randomInt(1e9) });", "send({ request: '/v1/b', nonce: geminiNonce.next() });", "send({ request: '/v1/c', nonce: uuid() });"),
          ),
        },
        {
          messageId: 'randomNonce',
          data: { source: 'uuid()' },
          line: 5,
          column: 33,
          suggestions: suggestIncremental(
            code("import crypto from 'node:crypto';", "import { v4 as uuid } from 'uuid';", IMPORT_INCREMENTAL, "send({ request: '/v1/a', nonce: crypto.randomInt(1e9) });", "send({ request: '/v1/b', nonce: crypto.randomUUID() });", "send({ request: '/v1/c', nonce: geminiNonce.next() });"),
          ),
        },
      ],
    },
    {
      name: 'reports performance.now() and process.hrtime()',
      code: code("send({ request: '/v1/a', nonce: Math.round(performance.now()) });", "send({ request: '/v1/b', nonce: process.hrtime.bigint().toString() });"),
      output: null,
      errors: [
        {
          messageId: 'nonMonotonicNonce',
          data: { source: 'performance.now()' },
          line: 1,
          column: 33,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, "send({ request: '/v1/a', nonce: geminiNonce.next() });", "send({ request: '/v1/b', nonce: process.hrtime.bigint().toString() });")),
        },
        {
          messageId: 'nonMonotonicNonce',
          data: { source: 'process.hrtime.bigint()' },
          line: 2,
          column: 33,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, "send({ request: '/v1/a', nonce: Math.round(performance.now()) });", "send({ request: '/v1/b', nonce: geminiNonce.next() });")),
        },
      ],
    },
    // ---- seconds scaled to look like milliseconds (any option)
    {
      name: 'reports Math.floor(Date.now() / 1000) * 1000',
      code: code("send({ request: '/v1/balances', nonce: Math.floor(Date.now() / 1000) * 1000 });"),
      output: null,
      errors: [{ messageId: 'scaledSecondsNonce', line: 1, column: 40, suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, "send({ request: '/v1/balances', nonce: geminiNonce.next() });")) }],
    },
    {
      name: 'reports scaled seconds from Math.round, dayjs and moment, also for time-based keys',
      code: code("import dayjs from 'dayjs';", "import moment from 'moment';", "send({ request: '/v1/a', nonce: Math.round(Date.now()/1000)*1000 });", "send({ request: '/v1/b', nonce: dayjs().unix() * 1000 });", "send({ request: '/v1/c', nonce: moment().unix() * 1000 });"),
      options: [{ nonce: 'time-based' }],
      output: null,
      errors: [
        {
          messageId: 'scaledSecondsNonce',
          line: 3,
          column: 33,
          suggestions: suggestTimeBased(code("import dayjs from 'dayjs';", "import moment from 'moment';", IMPORT_TIME_BASED, "send({ request: '/v1/a', nonce: geminiNonce.next() });", "send({ request: '/v1/b', nonce: dayjs().unix() * 1000 });", "send({ request: '/v1/c', nonce: moment().unix() * 1000 });")),
        },
        {
          messageId: 'scaledSecondsNonce',
          line: 4,
          column: 33,
          suggestions: suggestTimeBased(code("import dayjs from 'dayjs';", "import moment from 'moment';", IMPORT_TIME_BASED, "send({ request: '/v1/a', nonce: Math.round(Date.now()/1000)*1000 });", "send({ request: '/v1/b', nonce: geminiNonce.next() });", "send({ request: '/v1/c', nonce: moment().unix() * 1000 });")),
        },
        {
          messageId: 'scaledSecondsNonce',
          line: 5,
          column: 33,
          suggestions: suggestTimeBased(code("import dayjs from 'dayjs';", "import moment from 'moment';", IMPORT_TIME_BASED, "send({ request: '/v1/a', nonce: Math.round(Date.now()/1000)*1000 });", "send({ request: '/v1/b', nonce: dayjs().unix() * 1000 });", "send({ request: '/v1/c', nonce: geminiNonce.next() });")),
        },
      ],
    },
    // ---- seconds for incremental keys (the default)
    ...[
      'Math.floor(Date.now() / 1000)',
      'Date.now() / 1000 | 0',
      '~~(Date.now()/1000)',
      'parseInt(Date.now()/1000)',
      'Math.trunc(Date.now() / 1000)',
      'new Date().getTime() / 1000',
    ].map((expr): Invalid => ({
      name: `reports the seconds nonce ${expr} under the default 'incremental' option`,
      code: code(`send({ request: '/v1/balances', nonce: ${expr} });`),
      output: null,
      errors: [{ messageId: 'secondsNonce', data: { nonce: expr }, line: 1, column: 40, suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, "send({ request: '/v1/balances', nonce: geminiNonce.next() });")) }],
    })),
    {
      name: 'reports dayjs().unix() and moment().unix() under incremental, after the last import',
      code: code("import dayjs from 'dayjs';", "import moment from 'moment';", "send({ request: '/v1/a', nonce: dayjs().unix() });", "send({ request: '/v1/b', nonce: moment().unix() });"),
      output: null,
      errors: [
        { messageId: 'secondsNonce', line: 3, column: 33, suggestions: suggestIncremental(code("import dayjs from 'dayjs';", "import moment from 'moment';", IMPORT_INCREMENTAL, "send({ request: '/v1/a', nonce: geminiNonce.next() });", "send({ request: '/v1/b', nonce: moment().unix() });")) },
        { messageId: 'secondsNonce', line: 4, column: 33, suggestions: suggestIncremental(code("import dayjs from 'dayjs';", "import moment from 'moment';", IMPORT_INCREMENTAL, "send({ request: '/v1/a', nonce: dayjs().unix() });", "send({ request: '/v1/b', nonce: geminiNonce.next() });")) },
      ],
    },
    // ---- milliseconds for time-based keys
    ...['Date.now()', 'new Date().getTime()', '+new Date()', 'Date.now() * 1000'].map((expr): Invalid => ({
      name: `reports the millisecond nonce ${expr} under the 'time-based' option`,
      code: code(`send({ request: '/v1/balances', nonce: ${expr} });`),
      options: [{ nonce: 'time-based' }],
      output: null,
      errors: [{ messageId: 'millisecondsNonce', data: { nonce: expr }, line: 1, column: 40, suggestions: suggestTimeBased(withSigner(IMPORT_TIME_BASED, "send({ request: '/v1/balances', nonce: geminiNonce.next() });")) }],
    })),
    // ---- following values
    {
      name: 'follows a constant holding a seconds value',
      code: code('async function balances() {', '  const n = Math.floor(Date.now() / 1000);', "  return send({ request: '/v1/balances', nonce: n });", '}'),
      output: null,
      errors: [
        {
          messageId: 'secondsNonce',
          data: { nonce: 'n' },
          line: 3,
          column: 49,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, 'async function balances() {', '  const n = Math.floor(Date.now() / 1000);', "  return send({ request: '/v1/balances', nonce: geminiNonce.next() });", '}')),
        },
      ],
    },
    {
      name: 'follows a method that returns seconds',
      code: code('class Client {', '  nonce() { return Math.floor(Date.now() / 1000); }', "  balances() { return send({ request: '/v1/balances', nonce: this.nonce() }); }", '}'),
      output: null,
      errors: [
        {
          messageId: 'secondsNonce',
          data: { nonce: 'this.nonce()' },
          line: 3,
          column: 62,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, 'class Client {', '  nonce() { return Math.floor(Date.now() / 1000); }', "  balances() { return send({ request: '/v1/balances', nonce: geminiNonce.next() }); }", '}')),
        },
      ],
    },
    {
      name: 'follows a local helper and string conversions',
      code: code('function getNonce() { return Date.now(); }', "send({ request: '/v1/a', nonce: getNonce() });", "send({ request: '/v1/b', nonce: String(Date.now()) });", "send({ request: '/v1/c', nonce: `${Date.now()}` });", "send({ request: '/v1/d', nonce: Date.now().toString() });"),
      options: [{ nonce: 'time-based' }],
      output: null,
      errors: [
        { messageId: 'millisecondsNonce', data: { nonce: 'getNonce()' }, line: 2, column: 33, suggestions: suggestTimeBased(withSigner(IMPORT_TIME_BASED, 'function getNonce() { return Date.now(); }', "send({ request: '/v1/a', nonce: geminiNonce.next() });", "send({ request: '/v1/b', nonce: String(Date.now()) });", "send({ request: '/v1/c', nonce: `${Date.now()}` });", "send({ request: '/v1/d', nonce: Date.now().toString() });")) },
        { messageId: 'millisecondsNonce', data: { nonce: 'String(Date.now())' }, line: 3, column: 33, suggestions: suggestTimeBased(withSigner(IMPORT_TIME_BASED, 'function getNonce() { return Date.now(); }', "send({ request: '/v1/a', nonce: getNonce() });", "send({ request: '/v1/b', nonce: geminiNonce.next() });", "send({ request: '/v1/c', nonce: `${Date.now()}` });", "send({ request: '/v1/d', nonce: Date.now().toString() });")) },
        { messageId: 'millisecondsNonce', data: { nonce: '`${Date.now()}`' }, line: 4, column: 33, suggestions: suggestTimeBased(withSigner(IMPORT_TIME_BASED, 'function getNonce() { return Date.now(); }', "send({ request: '/v1/a', nonce: getNonce() });", "send({ request: '/v1/b', nonce: String(Date.now()) });", "send({ request: '/v1/c', nonce: geminiNonce.next() });", "send({ request: '/v1/d', nonce: Date.now().toString() });")) },
        { messageId: 'millisecondsNonce', data: { nonce: 'Date.now().toString()' }, line: 5, column: 33, suggestions: suggestTimeBased(withSigner(IMPORT_TIME_BASED, 'function getNonce() { return Date.now(); }', "send({ request: '/v1/a', nonce: getNonce() });", "send({ request: '/v1/b', nonce: String(Date.now()) });", "send({ request: '/v1/c', nonce: `${Date.now()}` });", "send({ request: '/v1/d', nonce: geminiNonce.next() });")) },
      ],
    },
    // ---- suggestion placement
    {
      name: 'reuses an existing signer source and import',
      code: code("import { createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';", 'const geminiNonce = createIncrementalNonce();', "send({ request: '/v1/balances', nonce: 1 });"),
      output: null,
      errors: [
        {
          messageId: 'literalNonce',
          line: 3,
          column: 40,
          suggestions: suggestIncremental(code("import { createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';", 'const geminiNonce = createIncrementalNonce();', "send({ request: '/v1/balances', nonce: geminiNonce.next() });")),
        },
      ],
    },
    {
      name: 'adds the factory to an existing signer import',
      code: code("import { defaultNonce } from 'eslint-plugin-gemini-guard/signer';", "send({ request: '/v1/balances', nonce: 1 });"),
      output: null,
      errors: [
        {
          messageId: 'literalNonce',
          line: 2,
          column: 40,
          suggestions: suggestIncremental(code("import { defaultNonce, createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';", 'const geminiNonce = createIncrementalNonce();', "send({ request: '/v1/balances', nonce: geminiNonce.next() });")),
        },
      ],
    },
    {
      name: 'uses require() in a CommonJS file',
      code: code("'use strict';", "const axios = require('axios');", "send({ request: '/v1/balances', nonce: 7 });"),
      output: null,
      errors: [
        {
          messageId: 'literalNonce',
          line: 3,
          column: 40,
          suggestions: suggestIncremental(
            code("'use strict';", "const axios = require('axios');", "const { createIncrementalNonce } = require('eslint-plugin-gemini-guard/signer');", 'const geminiNonce = createIncrementalNonce();', "send({ request: '/v1/balances', nonce: geminiNonce.next() });"),
          ),
        },
      ],
    },
    {
      name: 'reports a nonce brought in by a spread at the spread, and overrides it after',
      code: code('const base = { nonce: Date.now() };', 'for (const id of ids) send({ ...base, request: `/v1/order/cancel`, order_id: id });'),
      output: null,
      errors: [
        {
          messageId: 'reusedNonce',
          data: { nonce: 'nonce', where: 'before the loop on line 2, which sends it on every iteration' },
          line: 2,
          column: 30,
          suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, 'const base = { nonce: Date.now() };', 'for (const id of ids) send({ ...base, request: `/v1/order/cancel`, order_id: id, nonce: geminiNonce.next() });')),
        },
      ],
    },
    {
      name: 'offers no suggestion when geminiNonce names something else',
      code: code('const geminiNonce = 5;', "send({ request: '/v1/balances', nonce: geminiNonce });"),
      output: null,
      errors: [{ messageId: 'literalNonce', line: 2, column: 40, suggestions: [] }],
    },
    {
      name: 'reports in a file that only names Gemini through its headers',
      code: [
        "import axios from 'axios';",
        'export async function balances(apiKey, sign) {',
        "  const payload = Buffer.from(JSON.stringify({ request: '/v1/balances', nonce: Math.random() })).toString('base64');",
        "  return axios.post('/api', null, { headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sign(payload) } });",
        '}',
      ].join('\n'),
      output: null,
      errors: [
        {
          messageId: 'randomNonce',
          line: 3,
          column: 80,
          suggestions: suggestIncremental(
            [
              "import axios from 'axios';",
              IMPORT_INCREMENTAL,
              'export async function balances(apiKey, sign) {',
              "  const payload = Buffer.from(JSON.stringify({ request: '/v1/balances', nonce: geminiNonce.next() })).toString('base64');",
              "  return axios.post('/api', null, { headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sign(payload) } });",
              '}',
            ].join('\n'),
          ),
        },
      ],
    },
  ],
});

// Suggestion outputs must themselves be clean.
ruleTester.run('valid-nonce (suggestion outputs)', rule, {
  valid: [
    withSigner(IMPORT_INCREMENTAL, 'const nonce = Date.now();', 'for (const id of ids) {', "  send({ request: '/v1/order/cancel', nonce: geminiNonce.next(), order_id: id });", '}'),
    withSigner(IMPORT_INCREMENTAL, 'const base = { nonce: Date.now() };', 'for (const id of ids) send({ ...base, request: `/v1/order/cancel`, order_id: id, nonce: geminiNonce.next() });'),
    code("'use strict';", "const axios = require('axios');", "const { createIncrementalNonce } = require('eslint-plugin-gemini-guard/signer');", 'const geminiNonce = createIncrementalNonce();', "send({ request: '/v1/balances', nonce: geminiNonce.next() });"),
    { code: withSigner(IMPORT_TIME_BASED, "send({ request: '/v1/balances', nonce: geminiNonce.next() });"), options: [{ nonce: 'time-based' }] },
    withSigner(IMPORT_INCREMENTAL, 'class Client {', '  nonce = Date.now();', "  balances() { return send({ request: '/v1/balances', nonce: geminiNonce.next() }); }", '}'),
  ],
  invalid: [],
});
