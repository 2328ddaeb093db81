import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unsigned-private-request.js';

const ruleTester = new RuleTester();

const lines = (...l: string[]): string => l.join('\n');

const SIGNED = "{ 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature }";
const IMPORT_SIGNER = "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';";
const ALL = 'X-GEMINI-APIKEY, X-GEMINI-PAYLOAD and X-GEMINI-SIGNATURE';
const ALL_ERRORS = 'MissingApikeyHeader, MissingPayloadHeader and MissingSignatureHeader';
const TWO = 'X-GEMINI-PAYLOAD and X-GEMINI-SIGNATURE';
const TWO_ERRORS = 'MissingPayloadHeader and MissingSignatureHeader';
const SIGNER = 'const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });';

/**
 * An ES5 client (constructor function + prototype methods, the shape CoffeeScript and older npm
 * clients compile to) whose signing helper sends with `method`; `host`/`headers` swap in other
 * exchanges. The `balances` call site is line 15, its path argument at column 66.
 */
const es5Client = (method: string, host = 'https://api.gemini.com', prefix = 'X-GEMINI'): string =>
  lines(
    "var request = require('request');",
    "var crypto = require('crypto');",
    'module.exports = (function () {',
    '  function Client(key, secret) {',
    `    this.base = '${host}';`,
    '    this.key = key;',
    '    this.secret = secret;',
    '  }',
    '  Client.prototype.signed = function (path, params, cb) {',
    '    var body = { request: path, nonce: Date.now() };',
    "    var payload = Buffer.from(JSON.stringify(body)).toString('base64');",
    "    var signature = crypto.createHmac('sha384', this.secret).update(payload).digest('hex');",
    `    return request({ url: this.base + path, method: '${method}', headers: { '${prefix}-APIKEY': this.key, '${prefix}-PAYLOAD': payload, '${prefix}-SIGNATURE': signature } }, cb);`,
    '  };',
    "  Client.prototype.balances = function (cb) { return this.signed('/v1/balances', {}, cb); };",
    '  return Client;',
    '})();',
  );

/**
 * An ES5 client whose host is concatenated from a computed subdomain; `options` completes the
 * request's options object (line 7 without `head`), `head` is inserted after the first line.
 */
const concatClient = (options: string, head: string[] = []): string =>
  lines(
    "var request = require('request');",
    ...head,
    'function Client(key, sandbox) {',
    "  this.base = 'https://' + (sandbox ? 'api.sandbox' : 'api') + '.gemini.com';",
    '  this.key = key;',
    '}',
    'Client.prototype.balances = function (cb) {',
    `  return request({ url: this.base + '/v1/balances', ${options} }, cb);`,
    '};',
  );

ruleTester.run('no-unsigned-private-request', rule, {
  valid: [
    {
      name: 'a headers variable that also gets a header with a computed name is not certain',
      code: lines(
        "var request = require('request');",
        'function balances(key, payload, sig, cb) {',
        '  var headers;',
        "  headers = { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload };",
        "  headers['X-GEMINI-' + sig.kind] = sig.value;",
        "  return request({ url: 'https://api.gemini.com/v1/balances', method: 'POST', headers: headers }, cb);",
        '}',
      ),
    },
    // ES5 prototype clients (audit of published npm clients): a correct one, and a Bitfinex twin
    { name: 'ES5 prototype client that signs and POSTs', code: es5Client('POST') },
    { name: 'ES5 prototype Bitfinex client with GET is not Gemini code', code: es5Client('GET', 'https://api.bitfinex.com', 'X-BFX') },
    {
      name: 'a Binance client whose constructor assigns an arrow-function signing helper that GETs is not Gemini code',
      code: lines(
        "const crypto = require('crypto'); // the bot's gemini client lives in gemini.js",
        'class Client {',
        '  constructor(key, secret) {',
        "    this.base = 'https://api.binance.com';",
        '    this.signed = (path, query) => {',
        "      const signature = crypto.createHmac('sha256', secret).update(query).digest('hex');",
        "      return fetch(`${this.base}${path}?${query}&signature=${signature}`, { method: 'GET', headers: { 'X-MBX-APIKEY': key } });",
        '    };',
        '  }',
        "  balances() { return this.signed('/v1/balances', 'timestamp=' + Date.now()); }",
        '}',
      ),
    },
    {
      name: 'odd prototype shapes do not crash',
      code: lines(
        'function P() { this.u = 1; this.u = 2; }',
        'P.prototype = { get: function () { return fetch(this.u + "/v1/balances"); } };',
        'P.prototype.n = 5;',
        'P.prototype[Symbol.iterator] = function () {};',
        'Q.prototype.m = function () { return this.m(); };',
        'var R = function () {}; R.prototype.x = () => this;',
      ),
    },
    // correct Gemini clients
    {
      name: 'accepts a signed POST with fetch',
      code: `declare const key: string, payload: string, signature: string;\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: ${SIGNED} });`,
    },
    {
      name: 'accepts header names in any case',
      code: "fetch('https://api.gemini.com/v1/order/new', { method: 'post', headers: { 'x-gemini-apikey': k, 'x-gemini-payload': p, 'x-gemini-signature': s } });",
    },
    {
      name: 'accepts the reference signer (headers from an imported function count as signed)',
      code: lines(
        IMPORT_SIGNER,
        SIGNER,
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: geminiSigner.sign('/v1/balances').headers });",
      ),
    },
    {
      name: 'accepts a signed axios instance on the sandbox host',
      code: lines(
        "import axios from 'axios';",
        "const api = axios.create({ baseURL: 'https://api.sandbox.gemini.com', headers: { 'Content-Type': 'text/plain' } });",
        `api.post('/v1/order/new', null, { headers: ${SIGNED} });`,
      ),
    },
    {
      name: 'accepts headers built by a local helper',
      code: lines(
        `function sign(path: string) { return ${SIGNED}; }`,
        "fetch('https://api.gemini.com/v1/mytrades', { method: 'POST', headers: sign('/v1/mytrades') });",
      ),
    },
    {
      name: 'accepts headers set later with setHeader on https.request',
      code: lines(
        "import https from 'node:https';",
        "const req = https.request({ hostname: 'api.gemini.com', path: '/v1/balances', method: 'POST' });",
        "req.setHeader('X-GEMINI-APIKEY', key); req.setHeader('X-GEMINI-PAYLOAD', payload); req.setHeader('X-GEMINI-SIGNATURE', sig);",
        'req.end();',
      ),
    },
    {
      name: 'accepts headers written into a headers object after it is built',
      code: lines(
        'const headers: Record<string, string> = {};',
        "headers['X-GEMINI-APIKEY'] = key;",
        "headers['X-GEMINI-PAYLOAD'] = payload;",
        "headers['X-GEMINI-SIGNATURE'] = signature;",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers });",
      ),
    },
    {
      name: 'accepts a signed GET on one of the four signed-GET endpoints',
      code: `fetch('https://api.gemini.com/v2/fxrate/gbpusd/1594651859000', { headers: ${SIGNED} });`,
    },
    {
      name: 'accepts the private WebSocket with the three headers (its upgrade is a GET by design)',
      code: `import WebSocket from 'ws';\nnew WebSocket('wss://api.gemini.com/v1/order/events', { headers: ${SIGNED} });`,
    },
    // public endpoints
    { name: 'ignores a public ticker GET', code: "fetch('https://api.gemini.com/v1/pubticker/btcusd');" },
    { name: 'ignores public endpoints via axios.get on the sandbox', code: "import axios from 'axios';\naxios.get('https://api.sandbox.gemini.com/v2/candles/btcusd/1m');" },
    { name: 'ignores the public market-data WebSocket', code: "new WebSocket('wss://api.gemini.com/v1/marketdata/btcusd');" },
    { name: 'ignores the new WebSocket host, which is addressed by messages', code: "new WebSocket('wss://ws.gemini.com');" },
    // precision: unknown headers or method
    {
      name: 'treats headers from an imported function as signed',
      code: "import { signedHeaders } from './sign';\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: signedHeaders('/v1/balances') });",
    },
    {
      name: 'treats a spread of an unknown object as signed',
      code: "declare const auth: Record<string, string>;\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' } });",
    },
    {
      name: 'treats headers passed in as a parameter as signed',
      code: "export function balances(headers: Record<string, string>) { return fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers }); }",
    },
    {
      name: 'treats axios calls as signed when an interceptor may add headers',
      code: lines(
        "import axios from 'axios';",
        "const api = axios.create({ baseURL: 'https://api.gemini.com' });",
        'api.interceptors.request.use((config) => sign(config));',
        "api.post('/v1/balances');",
      ),
    },
    {
      name: 'treats axios defaults as possibly signing',
      code: "import axios from 'axios';\naxios.defaults.headers.common['X-GEMINI-APIKEY'] = key;\naxios.post('https://api.gemini.com/v1/balances');",
    },
    {
      name: 'treats got hooks as possibly signing',
      code: lines(
        "import got from 'got';",
        "const client = got.extend({ prefixUrl: 'https://api.gemini.com', hooks: { beforeRequest: [sign] } });",
        "client.post('v1/balances');",
      ),
    },
    {
      name: 'treats an https.request object handed to a helper as possibly signed',
      code: lines(
        "import https from 'node:https';",
        "const req = https.request({ hostname: 'api.gemini.com', path: '/v1/balances', method: 'POST' });",
        'addGeminiHeaders(req);',
      ),
    },
    {
      name: 'treats fetch options mutated later as unknown',
      code: lines(
        "const init: RequestInit = { method: 'POST' };",
        'init.headers = sign();',
        "fetch('https://api.gemini.com/v1/balances', init);",
      ),
    },
    {
      name: 'stays silent on the method when options come from elsewhere',
      code: "declare const init: RequestInit;\nfetch('https://api.gemini.com/v1/balances', init);",
    },
    {
      name: 'stays silent on an axios default method that a spread may override',
      code: "import axios from 'axios';\ndeclare const cfg: object;\naxios({ ...cfg, url: 'https://api.gemini.com/v1/balances', headers: sign() });",
    },
    {
      name: 'stays silent on an unknown base outside Gemini code',
      code: 'declare const BASE: string;\nfetch(`${BASE}/v1/balances`);',
    },
    {
      name: 'stays silent on a relative URL (a same-origin proxy decides)',
      code: "fetch('/v1/balances', { headers: { 'X-GEMINI-APIKEY': k } });",
    },
    {
      name: 'stays silent when the path is unknown',
      code: 'declare const action: string;\nfetch(`https://api.gemini.com/v1/order/${action}`);',
    },
    {
      name: 'stays silent on a helper whose callers are not in the file',
      code: "export function get(path: string) { return fetch('https://api.gemini.com' + path); }",
    },
    {
      name: 'stays silent on a helper called only with public paths',
      code: "function get(path: string) { return fetch('https://api.gemini.com' + path); }\nget('/v1/symbols');\nget('/v1/pubticker/btcusd');",
    },
    {
      name: 'stays silent on callers of a helper that branches on its parameters',
      code: lines(
        "const BASE = 'https://api.gemini.com';",
        'async function request(method: string, path: string) {',
        "  if (method === 'GET') return fetch(BASE + path);",
        `  return fetch(BASE + path, { method: 'POST', headers: ${SIGNED} });`,
        '}',
        "request('GET', '/v1/pubticker/btcusd');",
        "request('POST', '/v1/balances');",
      ),
    },
    // near-misses: other APIs
    {
      name: 'ignores Binance signed GET /api/v3/order',
      code: lines(
        "import crypto from 'crypto';",
        "const query = 'symbol=BTCUSDT&timestamp=' + Date.now();",
        "const signature = crypto.createHmac('sha256', secret).update(query).digest('hex');",
        "fetch('https://api.binance.com/api/v3/order?' + query + '&signature=' + signature, { method: 'GET', headers: { 'X-MBX-APIKEY': key } });",
      ),
    },
    {
      name: 'ignores AWS SigV4 requests',
      code: lines(
        "import { createHmac } from 'crypto';",
        "const kSigning = createHmac('sha256', kService).update('aws4_request').digest();",
        "const auth = 'AWS4-HMAC-SHA256 Credential=' + creds + ', Signature=' + createHmac('sha256', kSigning).update(toSign).digest('hex');",
        "fetch('https://s3.amazonaws.com/bucket/v1/balances', { method: 'GET', headers: { Authorization: auth } });",
      ),
    },
    {
      name: 'ignores GitHub webhook verification',
      code: lines(
        "import crypto from 'crypto';",
        "const expected = 'sha256=' + crypto.createHmac('sha256', process.env.WEBHOOK_SECRET!).update(body).digest('hex');",
        "if (req.headers['x-hub-signature-256'] !== expected) throw new Error('bad');",
        "fetch('https://api.github.com/repos/o/r/issues', { method: 'POST', headers: { Authorization: 'token ' + t } });",
      ),
    },
    {
      name: 'ignores Google Gemini AI generateContent POSTs',
      code: lines(
        "import { GoogleGenerativeAI } from '@google/generative-ai';",
        'const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);',
        "fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key=' + process.env.GEMINI_API_KEY, { method: 'POST', body: '{}' });",
      ),
    },
    {
      name: 'ignores a non-Gemini host with a Gemini-like path',
      code: "fetch('https://example.com/v1/balances');\nfetch('https://api.gemini.com.evil.example/v1/balances');",
    },
    {
      name: 'ignores placeholders and docs strings',
      code: "const key = 'account-XXXXXXXXXXXXXXXXXXXX';\nconst secret = 'your-api-secret';\nconst doc = 'POST https://api.gemini.com/v1/balances';",
    },
    // odd but valid code
    {
      name: 'survives odd shapes',
      code: lines(
        "const o: any = {}; o?.['fetch']?.('https://api.gemini.com/v1/balances');",
        "fetch?.('https://api.gemini.com/v1/pubticker/btcusd', {});",
        "fetch('https://api.gemini.com/v1/balances', { ...{}, method: 'POST', headers: { ...{ 'X-GEMINI-APIKEY': k, 'X-GEMINI-PAYLOAD': p, 'X-GEMINI-SIGNATURE': s } } });",
        "const f = new Function('return fetch(\"https://api.gemini.com/v1/balances\")');",
        'fetch();',
        "new WebSocket();\n(0, fetch)('https://api.gemini.com/v1/pubticker/x');",
        "const { [k]: v } = { a: fetch('https://api.gemini.com/v1/symbols') };",
      ),
    },
  ],
  invalid: [
    {
      name: 'reports a missing signature in a headers variable assigned once after its declaration (ES5)',
      code: lines(
        "var request = require('request');",
        'function balances(key, payload, cb) {',
        '  var headers;',
        "  headers = { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload };",
        "  return request({ url: 'https://api.gemini.com/v1/balances', method: 'POST', headers: headers }, cb);",
        '}',
      ),
      output: null,
      errors: [{ messageId: 'missingHeaders', line: 5, column: 25, suggestions: [] }],
    },
    {
      name: 'reports GET at each call site of an ES5 prototype signing helper',
      code: es5Client('GET'),
      output: null,
      errors: [{ messageId: 'notPost', line: 15, column: 66, data: { method: 'GET', endpoint: '/v1/balances', summary: 'get available balances' }, suggestions: [] }],
    },
    {
      name: 'reports GET at each call site of a signing helper assigned as an arrow function in the constructor',
      code: lines(
        "const crypto = require('crypto');",
        'class Client {',
        '  constructor(key, secret) {',
        "    this.base = 'https://api.gemini.com';",
        '    this.signed = (path) => {',
        "      const payload = Buffer.from(JSON.stringify({ request: path, nonce: Date.now() })).toString('base64');",
        "      const signature = crypto.createHmac('sha384', secret).update(payload).digest('hex');",
        "      return fetch(this.base + path, { method: 'GET', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
        '    };',
        '  }',
        "  balances() { return this.signed('/v1/balances'); }",
        '}',
      ),
      output: null,
      errors: [{ messageId: 'notPost', line: 11, column: 35, data: { method: 'GET', endpoint: '/v1/balances', summary: 'get available balances' }, suggestions: [] }],
    },
    {
      name: 'reports an unsigned GET to a host concatenated from a computed subdomain (ES5)',
      code: concatClient("method: 'GET'"),
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 7,
          column: 25,
          data: { target: 'endpoint /v1/balances (get available balances)', missing: ALL, errors: ALL_ERRORS },
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              data: { path: '/v1/balances' },
              output: concatClient("method: 'GET', headers: geminiSigner.sign('/v1/balances').headers", [
                "const { createGeminiSigner } = require('eslint-plugin-gemini-guard/signer');",
                'const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });',
              ]),
            },
          ],
        },
        {
          messageId: 'notPost',
          line: 7,
          column: 61,
          data: { method: 'GET', endpoint: '/v1/balances', summary: 'get available balances' },
          suggestions: [{ messageId: 'usePost', output: concatClient("method: 'POST'") }],
        },
      ],
    },
    // the same unsigned GET, with the host written plainly and spelled with an escape (the text
    // prefilter decodes escapes)
    ...[
      ['reports an unsigned GET on a private endpoint: missing headers and the method', "fetch('https://api.gemini.com/v1/balances');"],
      ['reports a Gemini host spelled with string escapes', "fetch('https://api.gem\\x69ni.com/v1/balances');"],
    ].map(([name, code]) => ({
      name: name!,
      code: code!,
      output: null,
      errors: [
        {
          messageId: 'missingHeaders' as const,
          line: 1,
          column: 7,
          data: { target: 'endpoint /v1/balances (get available balances)', missing: ALL, errors: ALL_ERRORS },
          suggestions: [],
        },
        { messageId: 'notPost' as const, line: 1, column: 7, data: { method: 'GET', endpoint: '/v1/balances', summary: 'get available balances' }, suggestions: [] },
      ],
    })),
    {
      name: 'suggests the reference signer in an options object without headers',
      code: "import fetch from 'node-fetch';\nawait fetch('https://api.gemini.com/v1/order/new', { method: 'POST', body: '{}' });",
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 2,
          column: 13,
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              data: { path: '/v1/order/new' },
              output: lines(
                "import fetch from 'node-fetch';",
                IMPORT_SIGNER,
                SIGNER,
                "await fetch('https://api.gemini.com/v1/order/new', { method: 'POST', body: '{}', headers: geminiSigner.sign('/v1/order/new').headers });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'names only the missing headers and suggests spreading the signer into the headers literal',
      code: "fetch('https://api.gemini.com/v1/mytrades', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'Content-Type': 'text/plain', } });",
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 1,
          column: 7,
          data: { target: 'endpoint /v1/mytrades (list past trades)', missing: TWO, errors: TWO_ERRORS },
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              output: lines(
                IMPORT_SIGNER,
                SIGNER,
                "fetch('https://api.gemini.com/v1/mytrades', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'Content-Type': 'text/plain', ...geminiSigner.sign('/v1/mytrades').headers, } });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reuses an existing signer and fills an empty headers object',
      code: lines(IMPORT_SIGNER, SIGNER, "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: {} });"),
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 3,
          column: 7,
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              output: lines(IMPORT_SIGNER, SIGNER, "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { ...geminiSigner.sign('/v1/balances').headers } });"),
            },
          ],
        },
      ],
    },
    {
      name: 'adds a require in CommonJS files',
      code: lines("const axios = require('axios');", "axios.post('https://api.gemini.com/v1/balances', null, { timeout: 5000 });"),
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 2,
          column: 12,
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              output: lines(
                "const axios = require('axios');",
                "const { createGeminiSigner } = require('eslint-plugin-gemini-guard/signer');",
                SIGNER,
                "axios.post('https://api.gemini.com/v1/balances', null, { timeout: 5000, headers: geminiSigner.sign('/v1/balances').headers });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'offers no signer suggestion when the name geminiSigner is taken',
      code: lines('const geminiSigner = 1;', "fetch('https://api.gemini.com/v1/balances', { method: 'POST' });"),
      output: null,
      errors: [{ messageId: 'missingHeaders', line: 2, column: 7, suggestions: [] }],
    },
    {
      name: 'reports a GET written as a literal and suggests POST, even with unknown headers',
      code: "import { auth } from './auth';\nfetch('https://api.gemini.com/v1/orders', { method: 'GET', headers: auth() });",
      output: null,
      errors: [
        {
          messageId: 'notPost',
          line: 2,
          column: 53,
          data: { method: 'GET', endpoint: '/v1/orders', summary: 'list active orders' },
          suggestions: [{ messageId: 'usePost', output: "import { auth } from './auth';\nfetch('https://api.gemini.com/v1/orders', { method: 'POST', headers: auth() });" }],
        },
      ],
    },
    {
      name: 'reports axios.get on a private endpoint through an instance with a baseURL (no simple fix)',
      code: lines(
        "import axios from 'axios';",
        "const api = axios.create({ baseURL: 'https://api.gemini.com/v1', headers: { 'X-GEMINI-APIKEY': k, 'X-GEMINI-PAYLOAD': p, 'X-GEMINI-SIGNATURE': s } });",
        "api.get('/balances');",
      ),
      output: null,
      errors: [{ messageId: 'notPost', line: 3, column: 5, data: { method: 'GET', endpoint: '/v1/balances', summary: 'get available balances' }, suggestions: [] }],
    },
    {
      name: 'reports DELETE and PUT too',
      code: `axios({ method: "DELETE", url: 'https://api.gemini.com/v1/order/cancel', headers: ${SIGNED} });\nimport axios from 'axios';`,
      output: null,
      errors: [
        {
          messageId: 'notPost',
          line: 1,
          column: 17,
          data: { method: 'DELETE', endpoint: '/v1/order/cancel', summary: 'cancel order' },
          suggestions: [{ messageId: 'usePost', output: `axios({ method: "POST", url: 'https://api.gemini.com/v1/order/cancel', headers: ${SIGNED} });\nimport axios from 'axios';` }],
        },
      ],
    },
    {
      name: 'reports an unsigned https.request built from an options object with a template path',
      code: lines(
        "import https from 'https';",
        "const currency = 'btc';",
        "https.request({ hostname: 'api.gemini.com', path: `/v1/notionalbalances/${currency}`, method: 'POST' }).end();",
      ),
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 3,
          column: 1,
          data: { target: 'endpoint /v1/notionalbalances/{currency} (get notional balances)', missing: ALL, errors: ALL_ERRORS },
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              output: lines(
                "import https from 'https';",
                IMPORT_SIGNER,
                SIGNER,
                "const currency = 'btc';",
                "https.request({ hostname: 'api.gemini.com', path: `/v1/notionalbalances/${currency}`, method: 'POST', headers: geminiSigner.sign('/v1/notionalbalances/btc').headers }).end();",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reports an unsigned call with an unknown base in Gemini code',
      code: lines(
        "const BASE = process.env.GEMINI_BASE_URL ?? 'https://api.gemini.com';",
        "fetch(`${BASE}/v1/balances`, { method: 'POST', headers: { 'X-GEMINI-APIKEY': key } });",
      ),
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 2,
          column: 7,
          data: { target: 'endpoint /v1/balances (get available balances)', missing: TWO, errors: TWO_ERRORS },
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              output: lines(
                IMPORT_SIGNER,
                SIGNER,
                "const BASE = process.env.GEMINI_BASE_URL ?? 'https://api.gemini.com';",
                "fetch(`${BASE}/v1/balances`, { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, ...geminiSigner.sign('/v1/balances').headers } });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reports an unsigned private call on the sandbox host (the sandbox checks signatures too)',
      code: "import got from 'got';\ngot.post('https://api.sandbox.gemini.com/v1/heartbeat');",
      output: null,
      errors: [{ messageId: 'missingHeaders', line: 2, column: 10, data: { target: 'endpoint /v1/heartbeat (heartbeat)', missing: ALL, errors: ALL_ERRORS }, suggestions: [] }],
    },
    {
      name: 'reports superagent chains that never set the signing headers',
      code: "import superagent from 'superagent';\nawait superagent.post('https://api.gemini.com/v1/balances').set('X-GEMINI-APIKEY', key).send();",
      output: null,
      errors: [{ messageId: 'missingHeaders', line: 2, column: 23, data: { target: 'endpoint /v1/balances (get available balances)', missing: TWO, errors: TWO_ERRORS }, suggestions: [] }],
    },
    {
      name: 'reports the private WebSocket without headers, never its method',
      code: "new WebSocket('wss://api.gemini.com/v1/order/events?symbolFilter=btcusd');",
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 1,
          column: 15,
          data: { target: 'WebSocket feed /v1/order/events (order events)', missing: ALL, errors: ALL_ERRORS },
          suggestions: [],
        },
      ],
    },
    {
      name: 'suggests signing a ws connection that has an options object',
      code: "import WebSocket from 'ws';\nnew WebSocket('wss://api.gemini.com/v1/order/events', { handshakeTimeout: 1000 });",
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 2,
          column: 15,
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              output: lines(
                "import WebSocket from 'ws';",
                IMPORT_SIGNER,
                SIGNER,
                "new WebSocket('wss://api.gemini.com/v1/order/events', { handshakeTimeout: 1000, headers: geminiSigner.sign('/v1/order/events').headers });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a withdrawal without headers (the signed-GET exception does not apply)',
      code: "fetch('https://api.gemini.com/v2/withdraw/ethereum/eth', { method: 'POST' });",
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 1,
          column: 7,
          data: { target: 'endpoint /v2/withdraw/{network}/{ticker} (withdraw crypto funds)', missing: ALL, errors: ALL_ERRORS },
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              output: lines(IMPORT_SIGNER, SIGNER, "fetch('https://api.gemini.com/v2/withdraw/ethereum/eth', { method: 'POST', headers: geminiSigner.sign('/v2/withdraw/ethereum/eth').headers });"),
            },
          ],
        },
      ],
    },
    {
      name: 'reports the call site of a GET helper that is used for a private endpoint',
      code: lines(
        "const BASE = 'https://api.gemini.com';",
        'function get(path: string) { return fetch(BASE + path); }',
        "get('/v1/symbols');",
        "get('/v1/balances');",
      ),
      output: null,
      errors: [
        { messageId: 'missingHeaders', line: 4, column: 5, suggestions: [] },
        { messageId: 'notPost', line: 4, column: 5, suggestions: [] },
      ],
    },
  ],
});
