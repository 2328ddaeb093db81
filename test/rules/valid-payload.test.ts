import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/valid-payload.js';

const ruleTester = new RuleTester();

const lines = (...l: string[]): string => l.join('\n');

// Builds the X-GEMINI-* headers for a payload object; shared by several requests below.
const SIGN_HELPER = lines(
  "import crypto from 'node:crypto';",
  'function sign(p: object) {',
  "  const payload = Buffer.from(JSON.stringify(p)).toString('base64');",
  "  const signature = crypto.createHmac('sha384', secret).update(payload).digest('hex');",
  "  return { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
  '}',
);

/**
 * The CoffeeScript / ES5 shape (audit of published npm clients): one variable first holds the
 * payload object, then its base64 (`payload = { … }; payload = encode(payload)`). `request` is
 * the payload's request expression; the `balances` call site is line 15, its argument at column 69.
 */
const reassignedPayload = (request: string): string =>
  lines(
    "var request = require('request');",
    "var crypto = require('crypto');",
    'module.exports = (function () {',
    '  function Client(key, secret) {',
    "    this.base = 'https://api.gemini.com/v1/';",
    '    this.key = key;',
    '    this.secret = secret;',
    '  }',
    '  Client.prototype.signed = function (sub, cb) {',
    '    var payload, signature;',
    `    payload = { request: ${request}, nonce: Date.now() };`,
    "    payload = Buffer.from(JSON.stringify(payload)).toString('base64');",
    "    signature = crypto.createHmac('sha384', this.secret).update(payload).digest('hex');",
    "    return request({ url: this.base + sub, method: 'POST', headers: { 'X-GEMINI-APIKEY': this.key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } }, cb);",
    "  }; Client.prototype.balances = function (cb) { return this.signed('balances', cb); };",
    '  return Client;',
    '})();',
  );

/**
 * A Babel-compiled client (the shape of the gemini-api package): methods are arrow functions
 * assigned in the constructor, the host's first label is computed, and the headers come from an
 * imported helper, out of sight. Its call sites are on lines 12 and 13.
 */
const babelClient = (request: string, host = 'https://${subdomain}.gemini.com'): string =>
  lines(
    "var _axios = _interopRequireDefault(require('axios'));",
    "var _sign = _interopRequireDefault(require('./createRequestConfig'));",
    'function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }',
    'class Client {',
    '  constructor({ key, secret, sandbox = false } = {}) {',
    '    this.requestPrivate = (endpoint, params = {}) => {',
    '      const requestPath = `/v1${endpoint}`;',
    `      const payload = Object.assign({ nonce: Date.now(), request: ${request} }, params);`,
    '      const config = (0, _sign.default)({ payload, key: this.key, secret: this.secret });',
    '      return _axios.default.post(`${this.baseUrl}${requestPath}`, {}, config);',
    '    };',
    '    this.getMyAvailableBalances = () => this.requestPrivate(`/balances`);',
    '    this.getMyActiveOrders = () => this.requestPrivate(`/orders`);',
    '    const subdomain = sandbox ? `api.sandbox` : `api`;',
    `    this.baseUrl = \`${host}\`;`,
    '  }',
    '}',
  );

ruleTester.run('valid-payload', rule, {
  valid: [
    { name: 'a Babel-compiled client whose payload names the URL path, signed by an imported helper', code: babelClient('requestPath') },
    {
      name: 'a Bitfinex v1 client with the same payload shape is not Gemini code',
      code: babelClient('endpoint', 'https://api.bitfinex.com')
        .replace("require('./createRequestConfig')", "require('./bfx-headers')")
        .replace('class Client {', "// the bot's gemini client is in gemini.js\nclass Client {"),
    },
    // a variable reassigned from the payload object to its base64 (CoffeeScript / ES5 clients)
    { name: 'reassigned payload variable with the right request', code: reassignedPayload("'/v1/' + sub") },
    {
      name: 'a payload variable reused for two requests is matched with the write before each send',
      code: lines(
        "import axios from 'axios';",
        'export async function both(sign) {',
        "  let p = { request: '/v1/balances', nonce: Date.now() };",
        "  await axios.post('https://api.gemini.com/v1/balances', null, { headers: { 'X-GEMINI-PAYLOAD': Buffer.from(JSON.stringify(p)).toString('base64'), 'X-GEMINI-SIGNATURE': sign(p) } });",
        "  p = { request: '/v1/orders', nonce: Date.now() };",
        "  await axios.post('https://api.gemini.com/v1/orders', null, { headers: { 'X-GEMINI-PAYLOAD': Buffer.from(JSON.stringify(p)).toString('base64'), 'X-GEMINI-SIGNATURE': sign(p) } });",
        '}',
      ),
    },
    // correct Gemini clients
    {
      name: 'accepts a payload whose request equals the URL path',
      code: lines(
        SIGN_HELPER,
        "fetch('https://api.gemini.com/v1/order/status', { method: 'POST', headers: sign({ request: '/v1/order/status', nonce: Date.now(), order_id: 1 }) });",
      ),
    },
    {
      name: 'accepts an axios instance with a host-only baseURL',
      code: lines(
        SIGN_HELPER,
        "import axios from 'axios';",
        "const api = axios.create({ baseURL: 'https://api.gemini.com/' });",
        "api.post('/v1/balances', null, { headers: sign({ request: '/v1/balances', nonce: Date.now() }) });",
        "api.post('/v1/mytrades', null, { headers: sign({ request: '/v1/mytrades', nonce: Date.now() }) });",
      ),
    },
    {
      name: 'ignores the query string of the URL',
      code: lines(SIGN_HELPER, "fetch('https://api.gemini.com/v1/balances?x=1', { method: 'POST', headers: sign({ request: '/v1/balances', nonce: n() }) });"),
    },
    {
      name: 'accepts one path constant used on both sides',
      code: lines(
        SIGN_HELPER,
        "const PATH = '/v1/orders';",
        "fetch('https://api.sandbox.gemini.com' + PATH, { method: 'POST', headers: sign({ request: PATH, nonce: Date.now() }) });",
      ),
    },
    {
      name: 'accepts a private helper that uses the same parameter on both sides',
      code: lines(
        "import axios from 'axios';",
        "import crypto from 'node:crypto';",
        'export class Gemini {',
        "  base = 'https://api.gemini.com';",
        '  private(path: string, params: object = {}) {',
        '    const payload = { request: path, nonce: Date.now(), ...params };',
        "    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');",
        "    const signature = crypto.createHmac('sha384', this.secret).update(encoded).digest('hex');",
        "    return axios.post(this.base + path, null, { headers: { 'X-GEMINI-APIKEY': this.key, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': signature } });",
        '  }',
        "  balances() { return this.private('/v1/balances'); }",
        '  order(id: number) { return this.private(`/v1/order/status`, { order_id: id }); }',
        '}',
      ),
    },
    {
      name: 'accepts template paths with the same holes',
      code: lines(SIGN_HELPER, 'export function notional(c: string) { return fetch(`https://api.gemini.com/v1/notionalbalances/${c}`, { method: "POST", headers: sign({ request: `/v1/notionalbalances/${c}`, nonce: Date.now() }) }); }'),
    },
    {
      name: 'stays silent when the base URL is unknown and the request may end with the path',
      code: lines(
        SIGN_HELPER,
        "import axios from 'axios';",
        'declare const baseURL: string;',
        'const api = axios.create({ baseURL });',
        "api.post('/balances', null, { headers: sign({ request: '/v1/balances', nonce: Date.now() }) });",
      ),
    },
    {
      name: 'stays silent on a non-Gemini host (a proxy may rewrite the path)',
      code: lines(SIGN_HELPER, "fetch('https://gemini-proxy.internal/api/v1/balances', { method: 'POST', headers: sign({ request: '/v1/balances', nonce: 1 }) });"),
    },
    {
      name: 'does not pair a payload with the other requests of a shared header helper',
      code: lines(
        SIGN_HELPER,
        "const balances = { request: '/v1/balances', nonce: Date.now() };",
        "const trades = { request: '/v1/mytrades', nonce: Date.now() };",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign(balances) });",
        "fetch('https://api.gemini.com/v1/mytrades', { method: 'POST', headers: sign(trades) });",
      ),
    },
    {
      name: 'compares a header helper that builds the payload only with the request it is called for',
      code: lines(
        'function headersFor(path: string) {',
        "  const encoded = Buffer.from(JSON.stringify({ request: path, nonce: Date.now() })).toString('base64');",
        "  return { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': sign(encoded) };",
        '}',
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: headersFor('/v1/balances') });",
        "fetch('https://api.gemini.com/v1/mytrades', { method: 'POST', headers: headersFor('/v1/mytrades') });",
      ),
    },
    {
      name: 'does not judge callers of a helper that branches on its parameters',
      code: lines(
        "const BASE = 'https://api.gemini.com/v1';",
        'function call(path: string, legacy: boolean) {',
        '  const url = legacy ? BASE + path : BASE;',
        "  return fetch(url, { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': btoa(JSON.stringify({ request: path, nonce: Date.now() })) } });",
        '}',
        "call('/balances', true);",
      ),
    },
    // nonces
    {
      name: 'does not ask for a nonce when a spread may add it',
      code: lines(SIGN_HELPER, "declare const extra: object;\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign({ request: '/v1/balances', ...extra }) });"),
    },
    {
      name: 'does not ask for a nonce that is added after the literal',
      code: lines(
        SIGN_HELPER,
        "const body: Record<string, unknown> = { request: '/v1/balances' };",
        'body.nonce = Date.now();',
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign(body) });",
      ),
    },
    {
      name: 'does not ask for a nonce when the payload goes to an unknown function first',
      code: lines(
        "import { withNonce } from './nonce';",
        "const body = { request: '/v1/balances' };",
        "const encoded = Buffer.from(JSON.stringify(withNonce(body))).toString('base64');",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': encoded } });",
      ),
    },
    {
      name: 'accepts a nonce merged in from a known object',
      code: lines(SIGN_HELPER, "const common = { nonce: Date.now() };\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign({ request: '/v1/balances', ...common }) });"),
    },
    // near-misses
    {
      name: 'ignores objects with a request key that are not Gemini payloads',
      code: lines(
        "const log = { request: req, response: res };",
        "const job = { request: 'GET /users', retries: 3 };",
        "fetch('https://example.com/v1/balances', { method: 'POST', body: JSON.stringify({ request: '/balances' }) });",
      ),
    },
    {
      name: 'ignores Binance signing',
      code: lines(
        "import crypto from 'crypto';",
        "const params = { request: '/api/v3/order', symbol: 'BTCUSDT', timestamp: Date.now() };",
        "const query = new URLSearchParams(params as never).toString();",
        "const signature = crypto.createHmac('sha256', secret).update(query).digest('hex');",
        "fetch('https://api.binance.com/api/v3/order?' + query + '&signature=' + signature, { headers: { 'X-MBX-APIKEY': key } });",
      ),
    },
    {
      name: 'ignores AWS SigV4 and GitHub webhook code',
      code: lines(
        "import { createHmac } from 'crypto';",
        "const kSigning = createHmac('sha256', kService).update('aws4_request').digest();",
        "const auth = 'AWS4-HMAC-SHA256 Signature=' + createHmac('sha256', kSigning).update(toSign).digest('hex');",
        "const request = { request: '/v1/objects', headers: { Authorization: auth } };",
        "const ok = req.headers['x-hub-signature-256'] === 'sha256=' + createHmac('sha256', s).update(body).digest('hex');",
      ),
    },
    {
      name: 'ignores Google Gemini AI clients',
      code: lines(
        "import { GoogleGenerativeAI } from '@google/generative-ai';",
        'const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);',
        "const request = { request: '/v1beta/models/gemini-pro:generateContent', contents: [] };",
        "fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent', { method: 'POST', body: JSON.stringify(request) });",
      ),
    },
    {
      name: 'ignores placeholders',
      code: "const key = 'account-XXXXXXXXXXXXXXXXXXXX';\nconst secret = 'your-api-secret';",
    },
    {
      name: 'survives odd shapes',
      code: lines(
        SIGN_HELPER,
        "const o: any = {}; o?.['fetch']?.({ request: '/v1/balances', nonce: 1 });",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign({ ['request']: o, ...{}, nonce: 1 }) });",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign({ request: '/v1/balances', [o.k]: 1 }) });",
        "const f = new Function('return { request: \"/v1/x\" }');",
        'function g(path = 1) { return fetch(`https://api.gemini.com${path}`, { headers: sign({ request: path, nonce: 1 }) }); } g(...[]); g();',
        'fetch();',
      ),
    },
  ],
  invalid: [
    {
      name: 'reports per call site a payload built in a constructor arrow helper and signed by an imported helper',
      code: babelClient('endpoint'),
      output: null,
      errors: [
        { messageId: 'endpointMismatch', line: 12, column: 61, data: { request: '/balances', path: '/v1/balances' }, suggestions: [] },
        { messageId: 'endpointMismatch', line: 13, column: 56, data: { request: '/orders', path: '/v1/orders' }, suggestions: [] },
      ],
    },
    {
      name: 'reports a mismatch through a payload variable reassigned to its base64, at the call site',
      code: reassignedPayload("'/v1/' + sub + '/'"),
      output: null,
      errors: [{ messageId: 'endpointMismatch', line: 15, column: 69, data: { request: '/v1/balances/', path: '/v1/balances' }, suggestions: [] }],
    },
    {
      name: 'reports the /v1 baseURL mistake and suggests the full path',
      code: lines(
        SIGN_HELPER,
        "import axios from 'axios';",
        "const api = axios.create({ baseURL: 'https://api.gemini.com/v1' });",
        "api.post('/balances', null, { headers: sign({ request: '/balances', nonce: Date.now() }) });",
      ),
      output: null,
      errors: [
        {
          messageId: 'endpointMismatch',
          line: 9,
          column: 56,
          data: { request: '/balances', path: '/v1/balances' },
          suggestions: [
            {
              messageId: 'useUrlPath',
              data: { path: '/v1/balances' },
              output: lines(
                SIGN_HELPER,
                "import axios from 'axios';",
                "const api = axios.create({ baseURL: 'https://api.gemini.com/v1' });",
                "api.post('/balances', null, { headers: sign({ request: '/v1/balances', nonce: Date.now() }) });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a double slash from a base with a trailing slash (no suggestion: the URL is what is wrong)',
      code: lines(
        SIGN_HELPER,
        "const BASE = 'https://api.gemini.com/';",
        "fetch(BASE + '/v1/balances', { method: 'POST', headers: sign({ request: '/v1/balances', nonce: Date.now() }) });",
      ),
      output: null,
      errors: [{ messageId: 'endpointMismatch', line: 8, column: 73, data: { request: '/v1/balances', path: '//v1/balances' }, suggestions: [] }],
    },
    {
      name: 'reports a request without its leading slash',
      code: lines(SIGN_HELPER, 'fetch("https://api.gemini.com/v1/balances", { method: "POST", headers: sign({ request: "v1/balances", nonce: Date.now() }) });'),
      output: null,
      errors: [
        {
          messageId: 'endpointMismatch',
          line: 7,
          column: 88,
          data: { request: 'v1/balances', path: '/v1/balances' },
          suggestions: [
            {
              messageId: 'useUrlPath',
              output: lines(SIGN_HELPER, 'fetch("https://api.gemini.com/v1/balances", { method: "POST", headers: sign({ request: "/v1/balances", nonce: Date.now() }) });'),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a request for another endpoint than the URL',
      code: lines(
        "const body = { request: `/v1/orders`, nonce: Date.now() };",
        "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
        "fetch('https://api.gemini.com/v1/order/status', { method: 'POST', headers: { 'X-GEMINI-APIKEY': k, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': s } });",
      ),
      output: null,
      errors: [
        {
          messageId: 'endpointMismatch',
          line: 1,
          column: 25,
          data: { request: '/v1/orders', path: '/v1/order/status' },
          suggestions: [
            {
              messageId: 'useUrlPath',
              output: lines(
                "const body = { request: `/v1/order/status`, nonce: Date.now() };",
                "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
                "fetch('https://api.gemini.com/v1/order/status', { method: 'POST', headers: { 'X-GEMINI-APIKEY': k, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': s } });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reports templates whose literal segments differ, without a suggestion',
      code: lines(SIGN_HELPER, 'export function f(c: string) { return fetch(`https://api.gemini.com/v1/notionalbalances/${c}`, { method: "POST", headers: sign({ request: `/v1/balances/${c}`, nonce: 1 }) }); }'),
      output: null,
      errors: [{ messageId: 'endpointMismatch', line: 7, column: 139, data: { request: '/v1/balances/…', path: '/v1/notionalbalances/…' }, suggestions: [] }],
    },
    {
      name: 'reports a request that cannot end with the path written after an unknown base',
      code: lines(
        SIGN_HELPER,
        'const BASE = process.env.GEMINI_BASE_URL;',
        "fetch(`${BASE}/v1/balances`, { method: 'POST', headers: sign({ request: '/v1/order/status', nonce: Date.now() }) });",
      ),
      output: null,
      errors: [{ messageId: 'endpointMismatch', line: 8, column: 73, data: { request: '/v1/order/status', path: '…/v1/balances' }, suggestions: [] }],
    },
    // the same client with its helper written as a method, then as an arrow function assigned in
    // the constructor (what Babel makes of a class property)
    ...[
      ['compares per call site for a helper that receives the path', "  base = 'https://api.gemini.com/v1';", '  private(path: string, params = {}) {', '  }', 0],
      [
        'compares per call site for a helper assigned as an arrow function in the constructor',
        "  constructor() {\n    this.base = 'https://api.gemini.com/v1';",
        '    this.private = (path, params = {}) => {',
        '    };\n  }',
        2,
      ],
    ].map(([name, field, opening, closing, shift]) => ({
      name: name as string,
      code: lines(
        "import axios from 'axios';",
        'class Gemini {',
        field as string,
        opening as string,
        '    const payload = { request: path, nonce: Date.now(), ...params };',
        "    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');",
        "    return axios.post(this.base + path, null, { headers: { 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-APIKEY': k, 'X-GEMINI-SIGNATURE': sig(encoded) } });",
        closing as string,
        "  balances() { return this.private('/balances'); }",
        "  orders() { return this.private('/v1/orders'); }",
        '}',
      ),
      output: null,
      errors: [
        { messageId: 'endpointMismatch' as const, line: 9 + (shift as number), column: 36, data: { request: '/balances', path: '/v1/balances' }, suggestions: [] },
        { messageId: 'endpointMismatch' as const, line: 10 + (shift as number), column: 34, data: { request: '/v1/orders', path: '/v1/v1/orders' }, suggestions: [] },
      ],
    })),
    {
      name: 'compares per call site when only the URL depends on the parameter',
      code: lines(
        SIGN_HELPER,
        "function post(path: string, request: string) { return fetch('https://api.gemini.com' + path, { method: 'POST', headers: sign({ request, nonce: Date.now() }) }); }",
        "post('/v1/balances', '/v1/balances');",
        "post('/v1/mytrades', '/v1/balances');",
      ),
      output: null,
      errors: [{ messageId: 'endpointMismatch', line: 9, column: 6, data: { request: '/v1/balances', path: '/v1/mytrades' }, suggestions: [] }],
    },
    {
      name: 'reports the caller of a header helper whose path differs from its request URL',
      code: lines(
        'function headersFor(path: string) {',
        "  const encoded = Buffer.from(JSON.stringify({ request: path, nonce: Date.now() })).toString('base64');",
        "  return { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': sign(encoded) };",
        '}',
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: headersFor('/v1/balances') });",
        "fetch('https://api.gemini.com/v1/mytrades', { method: 'POST', headers: headersFor('/v1/balances') });",
      ),
      output: null,
      errors: [{ messageId: 'endpointMismatch', line: 6, column: 83, data: { request: '/v1/balances', path: '/v1/mytrades' }, suggestions: [] }],
    },
    {
      name: 'reports a payload sent as X-GEMINI-PAYLOAD without a nonce',
      code: lines(
        "const body = { request: '/v1/balances', account: 'primary' };",
        "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': k, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': s } });",
      ),
      output: null,
      errors: [{ messageId: 'missingNonce', line: 1, column: 14 }],
    },
    {
      name: 'reports a missing nonce through a local helper that only stringifies',
      code: lines(SIGN_HELPER, "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign({ request: '/v1/balances' }) });"),
      output: null,
      errors: [{ messageId: 'missingNonce', line: 7, column: 77 }],
    },
    {
      name: 'reports both faults of one payload',
      code: lines(SIGN_HELPER, "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign({ request: '/balances' }) });"),
      output: null,
      errors: [
        { messageId: 'missingNonce', line: 7, column: 77 },
        {
          messageId: 'endpointMismatch',
          line: 7,
          column: 88,
          suggestions: [{ messageId: 'useUrlPath', output: lines(SIGN_HELPER, "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign({ request: '/v1/balances' }) });") }],
        },
      ],
    },
  ],
});
