// valid-nonce on the nonce model of issue 13: every nonce is evaluated into a resolution, a
// monotonicity and a lifetime, whatever its spelling. One case (or more) per item of the issue;
// right code and other APIs' nonces stay silent.
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/valid-nonce.js';
import { code, IMPORT_INCREMENTAL, suggestIncremental, suggestSigner, withSigner } from '../helpers/nonce-cases.js';

const ruleTester = new RuleTester();
const TIME_BASED: [{ nonce: 'time-based' }] = [{ nonce: 'time-based' }];

// ---- the lines of each case, named so that the code and the suggestion's output share them
const SLICE = ["send({ request: '/v1/balances', nonce: Date.now().toString().slice(0, 10) });"];
const SUBSTRING = ["send({ request: '/v1/balances', nonce: Number(String(Date.now()).substring(0, 10)) });"];
const DROP_DIGITS = ["send({ request: '/v1/balances', nonce: String(Date.now()).slice(0, -3) });"];
const TIME_ORIGIN = ["send({ request: '/v1/balances', nonce: Math.round(performance.timeOrigin / 1000) });"];
const SCALED_SLICE = ["send({ request: '/v1/balances', nonce: Number(Date.now().toString().substr(0, 10)) * 1000 });"];
const JITTER = ["send({ request: '/v1/balances', nonce: Date.now() + Math.random() * 1000 });"];
const CLASS_OFFSET = [
  'class Client {',
  '  offset = 0;',
  '  async sync(serverMs) { this.offset = Date.now() - serverMs; }',
  "  balances() { return send({ request: '/v1/balances', nonce: Date.now() - this.offset }); }",
  '}',
];
const MODULE_OFFSET = [
  'let offset = 0;',
  'export function syncClock(serverMs) { offset = Date.now() - serverMs; }',
  "export const balances = () => send({ request: '/v1/balances', nonce: Date.now() - offset });",
];
const HRTIME_ALONE = ["send({ request: '/v1/balances', nonce: (process.hrtime.bigint() / 1000n).toString() });"];
const FIELD_COUNTER = ['class Client {', '  private nonce = 0;', "  balances() { return send({ request: '/v1/balances', nonce: ++this.nonce }); }", '}'];
const MODULE_COUNTER = ['let n = 0;', "export function balances() { return send({ request: '/v1/balances', nonce: n++ }); }"];
const CTOR_COUNTER = ['class Client {', '  constructor() { this.nonce = 1; }', "  orders() { this.nonce += 1; return send({ request: '/v1/orders', nonce: this.nonce }); }", '}'];
const MAP_BURST = [
  'class Api {',
  "  sign(path, params) { return send({ request: path, nonce: Date.now(), ...params }); }",
  "  cancelAll(ids) { return Promise.all(ids.map((id) => this.sign('/v1/order/cancel', { order_id: id }))); }",
  '}',
];
const TWO_BEFORE_AWAIT = [
  'async function snapshot() {',
  "  const balances = send({ request: '/v1/balances', nonce: Date.now() });",
  "  const orders = send({ request: '/v1/orders', nonce: Date.now() });",
  '  return [await balances, await orders];',
  '}',
];
const PROMISE_ALL_PAIR = ["await Promise.all([send({ request: '/v1/balances', nonce: Date.now() }), send({ request: '/v1/orders', nonce: Date.now() })]);"];
const LOOP_NO_AWAIT = ["for (const id of ids) { send({ request: '/v1/order/cancel', nonce: Date.now(), order_id: id }); }"];

ruleTester.run('valid-nonce (the nonce model)', rule, {
  valid: [
    // seconds however spelled are right for time-based keys
    { code: code(...SLICE), options: TIME_BASED },
    { code: code(...SUBSTRING), options: TIME_BASED },
    { code: code(...DROP_DIGITS), options: TIME_BASED },
    // ... and one seconds value may serve a burst of requests on a time-based key
    { code: code("await Promise.all([send({ request: '/v1/a', nonce: Math.floor(Date.now() / 1000) }), send({ request: '/v1/b', nonce: Math.floor(Date.now() / 1000) })]);"), options: TIME_BASED },
    // Date.now() per request, in sequence
    code('async function snapshot() {', "  const balances = await send({ request: '/v1/balances', nonce: Date.now() });", "  const orders = await send({ request: '/v1/orders', nonce: Date.now() });", '  return [balances, orders];', '}'),
    code('function post(path, nonce) { return send({ request: path, nonce }); }', "async function main() { await post('/v1/balances', Date.now()); await post('/v1/orders', Date.now()); }"),
    code("for (const id of ids) { await send({ request: '/v1/order/cancel', nonce: Date.now(), order_id: id }); }"),
    code('class Api {', "  sign(path) { return send({ request: path, nonce: Date.now() }); }", "  async cancelAll(ids) { for (const id of ids) await this.sign('/v1/order/cancel/' + id); }", '}'),
    // a monotonic guard, also in a burst
    code(
      'let last = 0;',
      'function nextNonce() { last = Math.max(Date.now(), last + 1); return last; }',
      "export const cancelAll = (ids) => Promise.all(ids.map((id) => send({ request: '/v1/order/cancel', nonce: nextNonce(), order_id: id })));",
    ),
    // per-key maps of last nonces
    code(
      'const lastNonce = new Map();',
      'function nonceFor(apiKey) {',
      '  const n = Math.max(Date.now(), (lastNonce.get(apiKey) ?? 0) + 1);',
      '  lastNonce.set(apiKey, n);',
      '  return n;',
      '}',
      "export const statuses = (apiKey, ids) => Promise.all(ids.map((id) => send({ request: '/v1/order/status', nonce: nonceFor(apiKey), order_id: id })));",
    ),
    // process.hrtime.bigint()-based microsecond nonces: Unix time plus a monotonic clock
    code(
      'const startUs = BigInt(Date.now()) * 1000n - process.hrtime.bigint() / 1000n;',
      'const nowUs = () => (startUs + process.hrtime.bigint() / 1000n).toString();',
      "export const statuses = (ids) => Promise.all(ids.map((id) => send({ request: '/v1/order/status', nonce: nowUs(), order_id: id })));",
    ),
    code("send({ request: '/v1/balances', nonce: performance.timeOrigin + performance.now() });"),
    // counters seeded from the clock, or from somewhere this file cannot see
    code('let n = Date.now();', "export function balances() { return send({ request: '/v1/balances', nonce: n++ }); }"),
    code("import { readFileSync } from 'node:fs';", "let n = Number(readFileSync('nonce.txt', 'utf8'));", "export function balances() { return send({ request: '/v1/balances', nonce: ++n }); }"),
    code('class Client {', '  private nonce = 0;', '  resync() { this.nonce = Date.now(); }', "  balances() { return send({ request: '/v1/balances', nonce: ++this.nonce }); }", '}'),
    // an offset fixed once, and a corrected clock for a time-based key
    code('const offset = await fetchServerOffset();', "send({ request: '/v1/balances', nonce: Date.now() - offset });"),
    {
      code: code('class Client {', '  offset = 0;', '  async sync(serverMs) { this.offset = Date.now() - serverMs; }', "  balances() { return send({ request: '/v1/balances', nonce: Math.floor((Date.now() - this.offset) / 1000) }); }", '}'),
      options: TIME_BASED,
    },
    // an offset that only steps up keeps the clock increasing
    code('class Client {', '  bump = 0;', "  balances() { this.bump++; return send({ request: '/v1/balances', nonce: Date.now() + this.bump }); }", '}'),
    // a callback that waits for a rate limiter before reading the clock spaces its readings
    code("export const cancelAll = (ids, limiter) => Promise.all(ids.map(async (id) => { await limiter.removeTokens(1); return send({ request: '/v1/order/cancel', nonce: Date.now(), order_id: id }); }));"),
    // a per-iteration index makes values differ within one millisecond
    code("ids.forEach((id, i) => send({ request: '/v1/order/cancel', nonce: Date.now() * 1000 + i, order_id: id }));"),
    // near-misses: other exchanges' timestamps and nonces in the same shapes
    `// Binance: a millisecond timestamp per signed query, fired in a burst
     import crypto from 'node:crypto';
     export const cancelAll = (ids, key, secret) => Promise.all(ids.map((id) => {
       const query = 'symbol=BTCUSDT&orderId=' + id + '&timestamp=' + Date.now();
       const signature = crypto.createHmac('sha256', secret).update(query).digest('hex');
       return fetch('https://api.binance.com/api/v3/order?' + query + '&signature=' + signature, { method: 'DELETE', headers: { 'X-MBX-APIKEY': key } });
     }));`,
    `// Kraken: a counter nonce from zero
     import crypto from 'node:crypto';
     let counter = 0;
     export function addOrder(key, secret) {
       const nonce = String(++counter);
       const body = new URLSearchParams({ nonce, pair: 'XBTUSD' }).toString();
       const hash = crypto.createHash('sha256').update(nonce + body).digest();
       const sign = crypto.createHmac('sha512', Buffer.from(secret, 'base64')).update(Buffer.concat([Buffer.from('/0/private/AddOrder'), hash])).digest('base64');
       return fetch('https://api.kraken.com/0/private/AddOrder', { method: 'POST', headers: { 'API-Key': key, 'API-Sign': sign }, body });
     }`,
    `// Coinbase Exchange: CB-ACCESS-TIMESTAMP in seconds
     import crypto from 'node:crypto';
     export function placeOrder(key, secret, passphrase, order) {
       const timestamp = Math.floor(Date.now() / 1000).toString();
       const body = JSON.stringify(order);
       const sign = crypto.createHmac('sha256', Buffer.from(secret, 'base64')).update(timestamp + 'POST' + '/orders' + body).digest('base64');
       return fetch('https://api.exchange.coinbase.com/orders', { method: 'POST', headers: { 'CB-ACCESS-KEY': key, 'CB-ACCESS-SIGN': sign, 'CB-ACCESS-TIMESTAMP': timestamp, 'CB-ACCESS-PASSPHRASE': passphrase }, body });
     }`,
    `// Google Gemini AI: a request id from a counter and the clock, nothing signed
     import { GoogleGenerativeAI } from '@google/generative-ai';
     const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);
     let n = 0;
     export const ask = (prompts) => Promise.all(prompts.map((p) => genAI.getGenerativeModel({ model: 'gemini-pro' }).generateContent({ contents: [{ role: 'user', parts: [{ text: p }] }], request: '/v1/' + n++, nonce: Date.now() })));`,
  ],
  invalid: [
    // ---- seconds however spelled (incremental keys)
    {
      name: 'reports the first ten digits of Date.now() as a seconds nonce',
      code: code(...SLICE),
      output: null,
      errors: [{ messageId: 'secondsNonce', data: { nonce: 'Date.now().toString().slice(0, 10)' }, line: 1, column: 40, suggestions: suggestSigner(SLICE, 'nonce: Date.now().toString().slice(0, 10)') }],
    },
    {
      name: 'reports Number(String(Date.now()).substring(0, 10)) as a seconds nonce',
      code: code(...SUBSTRING),
      output: null,
      errors: [{ messageId: 'secondsNonce', line: 1, column: 40, suggestions: suggestSigner(SUBSTRING, 'nonce: Number(String(Date.now()).substring(0, 10))') }],
    },
    {
      name: 'reports the millisecond string with its last three digits cut as a seconds nonce',
      code: code(...DROP_DIGITS),
      output: null,
      errors: [{ messageId: 'secondsNonce', line: 1, column: 40, suggestions: suggestSigner(DROP_DIGITS, 'nonce: String(Date.now()).slice(0, -3)') }],
    },
    {
      name: 'reports Math.round(performance.timeOrigin / 1000) as fixed at process start, for incremental keys',
      code: code(...TIME_ORIGIN),
      output: null,
      errors: [{ messageId: 'processNonce', data: { source: 'performance.timeOrigin' }, line: 1, column: 40, suggestions: suggestSigner(TIME_ORIGIN, 'nonce: Math.round(performance.timeOrigin / 1000)') }],
    },
    {
      name: 'reports Math.round(performance.timeOrigin / 1000) as fixed at process start, for time-based keys too',
      code: code(...TIME_ORIGIN),
      options: TIME_BASED,
      output: null,
      errors: [{ messageId: 'processNonce', line: 1, column: 40, suggestions: suggestSigner(TIME_ORIGIN, 'nonce: Math.round(performance.timeOrigin / 1000)', 'time-based') }],
    },
    {
      name: 'reports sliced seconds scaled by 1000: still one-second resolution',
      code: code(...SCALED_SLICE),
      options: TIME_BASED,
      output: null,
      errors: [{ messageId: 'scaledSecondsNonce', line: 1, column: 40, suggestions: suggestSigner(SCALED_SLICE, 'nonce: Number(Date.now().toString().substr(0, 10)) * 1000', 'time-based') }],
    },
    // ---- not monotonic
    {
      name: 'reports a clock with a random jitter added',
      code: code(...JITTER),
      output: null,
      errors: [{ messageId: 'randomNonce', data: { source: 'Math.random()' }, line: 1, column: 40, suggestions: suggestSigner(JITTER, 'nonce: Date.now() + Math.random() * 1000') }],
    },
    {
      name: 'reports the clock minus an offset a clock-sync method changes',
      code: code(...CLASS_OFFSET),
      output: null,
      errors: [{ messageId: 'shiftingNonce', data: { nonce: 'Date.now() - this.offset', offset: 'this.offset' }, line: 4, column: 62, suggestions: suggestSigner(CLASS_OFFSET, 'nonce: Date.now() - this.offset') }],
    },
    {
      name: 'reports the clock minus a module offset an exported function changes',
      code: code(...MODULE_OFFSET),
      output: null,
      errors: [{ messageId: 'shiftingNonce', data: { nonce: 'Date.now() - offset', offset: 'offset' }, line: 3, column: 70, suggestions: suggestSigner(MODULE_OFFSET, 'nonce: Date.now() - offset') }],
    },
    {
      name: 'reports microseconds since process start from process.hrtime.bigint() alone',
      code: code(...HRTIME_ALONE),
      output: null,
      errors: [{ messageId: 'nonMonotonicNonce', data: { source: 'process.hrtime.bigint()' }, line: 1, column: 40, suggestions: suggestSigner(HRTIME_ALONE, 'nonce: (process.hrtime.bigint() / 1000n).toString()') }],
    },
    // ---- restarting counters
    {
      name: 'reports a class counter that starts at 0 in every process',
      code: code(...FIELD_COUNTER),
      output: null,
      errors: [{ messageId: 'restartingCounterNonce', data: { nonce: '++this.nonce' }, line: 3, column: 62, suggestions: suggestSigner(FIELD_COUNTER, 'nonce: ++this.nonce') }],
    },
    {
      name: 'reports a module counter that starts at 0 in every process',
      code: code(...MODULE_COUNTER),
      output: null,
      errors: [{ messageId: 'restartingCounterNonce', data: { nonce: 'n++' }, line: 2, column: 76, suggestions: suggestSigner(MODULE_COUNTER, 'nonce: n++') }],
    },
    {
      name: 'reports a counter set to a constant in the constructor and stepped with +=',
      code: code(...CTOR_COUNTER),
      output: null,
      errors: [{ messageId: 'restartingCounterNonce', line: 3, column: 75, suggestions: suggestSigner(CTOR_COUNTER, 'nonce: this.nonce') }],
    },
    // ---- one value reaching several requests
    {
      name: 'reports one Date.now() passed as the nonce to two awaited requests, at the second call',
      code: code('function post(path, nonce) { return send({ request: path, nonce }); }', 'async function main() {', '  const ts = Date.now();', "  await post('/v1/balances', ts);", "  await post('/v1/orders', ts);", '}'),
      output: null,
      errors: [{ messageId: 'sharedNonce', data: { nonce: 'ts', line: 4 }, line: 5, column: 28, suggestions: [] }],
    },
    {
      name: 'reports one Date.now() passed to two requests through a params object',
      code: code(
        'async function privateRequest(path, params) {',
        '  return send({ request: path, ...params });',
        '}',
        'async function main() {',
        '  const params = { nonce: Date.now() };',
        "  await privateRequest('/v1/balances', params);",
        "  await privateRequest('/v1/orders', params);",
        '}',
      ),
      output: null,
      errors: [{ messageId: 'sharedNonce', data: { nonce: 'params', line: 6 }, line: 7, column: 38, suggestions: [] }],
    },
    {
      name: 'reports a nonce hoisted out of a loop of helper calls, at the call',
      code: code('function cancel(id, nonce) { return send({ request: "/v1/order/cancel", order_id: id, nonce }); }', 'async function cancelAll(ids) {', '  const nonce = Date.now();', '  for (const id of ids) await cancel(id, nonce);', '}'),
      output: null,
      errors: [{ messageId: 'reusedNonce', data: { nonce: 'nonce', where: 'before the loop on line 4, which sends it on every iteration' }, line: 4, column: 42, suggestions: [] }],
    },
    {
      name: 'reports nonces computed in one synchronous burst by a helper under Promise.all(items.map(...))',
      code: code(...MAP_BURST),
      output: null,
      errors: [
        {
          messageId: 'burstNonce',
          data: { nonce: 'Date.now()', where: 'the callback on line 3 runs once per item without waiting' },
          line: 2,
          column: 60,
          suggestions: suggestSigner(MAP_BURST, 'nonce: Date.now()'),
        },
      ],
    },
    {
      name: 'reports two Date.now() payloads built before either request is awaited, at the second',
      code: code(...TWO_BEFORE_AWAIT),
      output: null,
      errors: [
        {
          messageId: 'burstNonce',
          data: { nonce: 'Date.now()', where: 'the request on line 2 is built before either is awaited' },
          line: 3,
          column: 55,
          suggestions: suggestSigner(TWO_BEFORE_AWAIT, 'nonce: Date.now()', 'incremental', 3),
        },
      ],
    },
    {
      name: 'reports two Date.now() payloads in one Promise.all',
      code: code(...PROMISE_ALL_PAIR),
      output: null,
      errors: [{ messageId: 'burstNonce', data: { nonce: 'Date.now()', where: 'the request on line 1 is built before either is awaited' }, line: 1, column: 111, suggestions: suggestIncremental(withSigner(IMPORT_INCREMENTAL, "await Promise.all([send({ request: '/v1/balances', nonce: Date.now() }), send({ request: '/v1/orders', nonce: geminiNonce.next() })]);")) }],
    },
    {
      name: 'reports Date.now() read on every iteration of a loop that does not await',
      code: code(...LOOP_NO_AWAIT),
      output: null,
      errors: [{ messageId: 'burstNonce', data: { nonce: 'Date.now()', where: 'the loop on line 1 sends without awaiting' }, line: 1, column: 68, suggestions: suggestSigner(LOOP_NO_AWAIT, 'nonce: Date.now()') }],
    },
  ],
});
