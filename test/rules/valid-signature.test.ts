import { readFileSync } from 'node:fs';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/valid-signature.js';

const ruleTester = new RuleTester();

// ---------------------------------------------------------------------------------------------
// Correct signers (docs/gemini-protocol.md) in each library flavour, as templates: each invalid
// case swaps one fault into one slot, so line numbers below refer to these layouts.
// ---------------------------------------------------------------------------------------------

const GOOD_NODE_HMAC = "crypto.createHmac('sha384', apiSecret).update(payload).digest('hex')";

/** Node crypto, one chain; the HMAC expression is on line 8, starting at column 21. */
const nodeChain = (hmac = GOOD_NODE_HMAC, prelude = ''): string =>
  [
    "import crypto from 'node:crypto';",
    'const apiKey = process.env.GEMINI_API_KEY!;',
    `const apiSecret = process.env.GEMINI_API_SECRET!;${prelude}`,
    'export async function balances() {',
    "  const body = { request: '/v1/balances', nonce: Date.now() };",
    '  const json = JSON.stringify(body);',
    "  const payload = Buffer.from(json).toString('base64');",
    `  const signature = ${hmac};`,
    "  return fetch('https://api.gemini.com/v1/balances', {",
    "    method: 'POST',",
    "    headers: { 'Content-Type': 'text/plain', 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature },",
    '  });',
    '}',
  ].join('\n');

/** Node crypto with the HMAC object in a variable; lines 6–8 hold createHmac, update, digest. */
const nodeSplit = ({ create = "createHmac('sha384', secret)", update = 'payload', digest = "h.digest('hex')" } = {}): string =>
  [
    "import { createHmac } from 'crypto';",
    'export function signedHeaders(key: string, secret: string, body: Record<string, unknown>) {',
    '  const text = JSON.stringify(body);',
    "  const payload = Buffer.from(text).toString('base64');",
    '  const headers = new Headers();',
    `  const h = ${create};`,
    `  h.update(${update});`,
    `  const sig = ${digest};`,
    "  headers.set('X-GEMINI-APIKEY', key);",
    "  headers.set('X-GEMINI-PAYLOAD', payload);",
    "  headers.set('X-GEMINI-SIGNATURE', sig);",
    '  return headers;',
    '}',
  ].join('\n');

/** A signing helper whose return value is sent; helper body on line 4, call on line 10. */
const nodeHelper = ({ helper = "createHmac('sha384', SECRET).update(b64).digest('hex')", arg = 'payload' } = {}): string =>
  [
    "const { createHmac } = require('node:crypto');",
    'const { GEMINI_API_KEY: KEY, GEMINI_API_SECRET: SECRET } = process.env;',
    'function sign(b64: string): string {',
    `  return ${helper};`,
    '}',
    'async function post(path: string, params: object) {',
    '  const body = { request: path, nonce: Date.now(), ...params };',
    '  const json = JSON.stringify(body);',
    "  const payload = Buffer.from(json).toString('base64');",
    `  const signature = sign(${arg});`,
    "  return fetch(`https://api.gemini.com${path}`, { method: 'POST', headers: { 'X-GEMINI-APIKEY': KEY, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
    '}',
    "post('/v1/balances', {});",
  ].join('\n');

/** A client class with a private signing method (line 5) and the key held in a field. */
const nodeClass = ({ method = "crypto.createHmac('sha384', this.secret).update(payload).digest('hex')", call = 'this.sign(payload)' } = {}): string =>
  [
    "import * as crypto from 'crypto';",
    'export class GeminiClient {',
    '  constructor(private readonly apiKey: string, private readonly secret: string) {}',
    '  private sign(payload: string): string {',
    `    return ${method};`,
    '  }',
    '  async request(path: string, params: Record<string, unknown> = {}) {',
    '    const body = { request: path, nonce: Date.now(), ...params };',
    "    const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
    '    const headers = {',
    "      'X-GEMINI-APIKEY': this.apiKey,",
    "      'X-GEMINI-PAYLOAD': payload,",
    `      'X-GEMINI-SIGNATURE': ${call},`,
    '    };',
    "    return fetch('https://api.gemini.com' + path, { method: 'POST', headers });",
    '  }',
    '}',
  ].join('\n');

/** crypto-js; the signature expression is on line 5, starting at column 19. */
const cryptoJs = (sig = 'CryptoJS.HmacSHA384(payload, apiSecret).toString(CryptoJS.enc.Hex)', imports = ''): string =>
  [
    `import CryptoJS from 'crypto-js';${imports}`,
    'declare const apiKey: string, apiSecret: string;',
    "const body = { request: '/v1/mytrades', nonce: Date.now() };",
    'const payload = CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(JSON.stringify(body)));',
    `const signature = ${sig};`,
    "await fetch('https://api.gemini.com/v1/mytrades', { method: 'POST', headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
  ].join('\n');

/** WebCrypto (browser / Deno / Workers); importKey on line 7, sign on line 8, encoding on line 9. */
const webCrypto = ({ hash = "'SHA-384'", data = 'payload', encode = "Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('')", key = 'secret' } = {}): string =>
  [
    'export async function geminiHeaders(apiKey: string, secret: string, path: string) {',
    '  const enc = new TextEncoder();',
    '  const nonce = Date.now();',
    '  const body = { request: path, nonce };',
    '  const json = JSON.stringify(body);',
    '  const payload = btoa(json);',
    `  const key = await crypto.subtle.importKey('raw', enc.encode(${key}), { name: 'HMAC', hash: ${hash} }, false, ['sign']);`,
    `  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(${data}));`,
    `  const signature = ${encode};`,
    "  return { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
    '}',
  ].join('\n');

/** @noble/hashes; the HMAC on line 7. */
const noble = ({ hashImport = "import { sha384 } from '@noble/hashes/sha2';", mac = 'hmac(sha384, utf8ToBytes(secret), utf8ToBytes(payload))' } = {}): string =>
  [
    "import { hmac } from '@noble/hashes/hmac';",
    hashImport,
    "import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';",
    'export function sign(apiKey: string, secret: string, params: object) {',
    "  const body = { request: '/v1/order/new', nonce: Date.now(), ...params };",
    '  const payload = btoa(JSON.stringify(body));',
    `  const signature = bytesToHex(${mac});`,
    "  return { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
    '}',
  ].join('\n');

// ---------------------------------------------------------------------------------------------
// Near-misses: other HMAC signers that must never be reported, whatever their algorithm.
// ---------------------------------------------------------------------------------------------

const BINANCE_AND_GEMINI = [
  "import crypto from 'crypto';",
  'declare const binanceKey: string, binanceSecret: string, geminiKey: string, geminiSecret: string;',
  '// Binance: HMAC-SHA256 of the query string, hex, in the URL',
  'export async function binanceOrder(query: string) {',
  "  const signature = crypto.createHmac('sha256', binanceSecret).update(query).digest('hex');",
  "  return fetch(`https://api.binance.com/api/v3/order?${query}&signature=${signature}`, { method: 'POST', headers: { 'X-MBX-APIKEY': binanceKey } });",
  '}',
  '// Gemini: HMAC-SHA384 of the base64 payload, hex, in X-GEMINI-SIGNATURE',
  'export async function geminiOrder(params: object) {',
  "  const payload = Buffer.from(JSON.stringify({ request: '/v1/order/new', nonce: Date.now(), ...params })).toString('base64');",
  "  const signature = crypto.createHmac('sha384', geminiSecret).update(payload).digest('hex');",
  "  return fetch('https://api.gemini.com/v1/order/new', { method: 'POST', headers: { 'X-GEMINI-APIKEY': geminiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
  '}',
].join('\n');

const GITHUB_WEBHOOK = [
  "import { createHmac, timingSafeEqual } from 'node:crypto';",
  '// GitHub webhook verification (HMAC-SHA256, "sha256=" + hex) next to a Gemini balance poller',
  'export function verify(body: string, header: string, secret: string): boolean {',
  "  const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(body).digest('hex'));",
  "  const got = Buffer.from(header ?? '');",
  '  return got.length === expected.length && timingSafeEqual(got, expected);',
  '}',
  "export const handler = (req: { headers: Record<string, string>; body: string }) => verify(req.body, req.headers['x-hub-signature-256']!, process.env.WEBHOOK_SECRET!);",
  "export const geminiSignature = 'X-GEMINI-SIGNATURE is documented elsewhere';",
].join('\n');

const AWS_SIGV4 = [
  "import { createHmac, createHash } from 'crypto';",
  "const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();",
  'export function sigV4(secret: string, date: string, region: string, service: string, stringToSign: string) {',
  "  const kDate = hmac('AWS4' + secret, date);",
  '  const kRegion = hmac(kDate, region);',
  '  const kService = hmac(kRegion, service);',
  "  const kSigning = hmac(kService, 'aws4_request');",
  "  const signature = createHmac('sha256', kSigning).update(stringToSign).digest('hex');",
  "  const hash = createHash('sha256').update('').digest('hex');",
  '  return { Authorization: `AWS4-HMAC-SHA256 Credential=…, Signature=${signature}`, hash, note: "not X-GEMINI-SIGNATURE" };',
  '}',
].join('\n');

const GOOGLE_GEMINI_AI = [
  "import { GoogleGenerativeAI } from '@google/generative-ai';",
  "import { createHmac } from 'crypto';",
  'const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);',
  "export const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });",
  '// a request signature for our own backend, not the Gemini exchange',
  "export const signature = createHmac('sha256', process.env.BACKEND_SECRET!).update(JSON.stringify({ q: 1 })).digest('base64');",
  "fetch('https://generativelanguage.googleapis.com/v1beta/models', { headers: { 'x-goog-api-key': process.env.GEMINI_API_KEY!, 'X-Signature': signature } });",
].join('\n');

const SIGNER_SOURCE = readFileSync(new URL('../../src/signer/signer.ts', import.meta.url), 'utf8');

// ---------------------------------------------------------------------------------------------
// Compiled CommonJS (audit of published npm clients): Babel's `_interopRequireDefault`, tsc's
// `__importDefault` and the `(0, fn)(…)` call form hide `crypto` behind a helper.
// ---------------------------------------------------------------------------------------------

/** Babel output of a signer module; the HMAC is on line 7, its algorithm at column 49. */
const babelSigner = (alg: string, digest = 'hex'): string =>
  [
    "'use strict';",
    "var _crypto = require('crypto');",
    'var _crypto2 = _interopRequireDefault(_crypto);',
    'function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }',
    'exports.default = ({ key, secret, payload }) => {',
    "  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');",
    `  const signature = _crypto2.default.createHmac('${alg}', secret).update(encoded).digest('${digest}');`,
    "  return { headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': signature } };",
    '};',
  ].join('\n');

/** tsc output (esModuleInterop) of a signer; `call` is the HMAC creation on line 6. */
const tscSigner = (call: string): string =>
  [
    '"use strict";',
    'var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };',
    'const crypto_1 = __importDefault(require("crypto"));',
    'function sign(key, secret, payload) {',
    "  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');",
    `  const signature = ${call}.update(encoded).digest('hex');`,
    "  return { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': signature };",
    '}',
    'exports.sign = sign;',
  ].join('\n');

ruleTester.run('valid-signature', rule, {
  valid: [
    // the correct signer in each flavour
    { name: 'node crypto chain', code: nodeChain() },
    { name: "node crypto chain through TypeScript's import crypto = require('crypto')", code: nodeChain().replace("import crypto from 'node:crypto';", "import crypto = require('crypto');") },
    { name: 'node crypto, HMAC object in a variable and Headers.set', code: nodeSplit() },
    { name: 'node crypto signing helper', code: nodeHelper() },
    { name: 'class with a private signing method', code: nodeClass() },
    { name: 'crypto-js with enc.Hex', code: cryptoJs() },
    { name: "crypto-js with the default toString() (hex)", code: cryptoJs('CryptoJS.HmacSHA384(payload, apiSecret).toString()') },
    { name: 'crypto-js enc.Hex.stringify', code: cryptoJs('CryptoJS.enc.Hex.stringify(CryptoJS.HmacSHA384(payload, apiSecret))') },
    { name: 'WebCrypto with a hex mapping', code: webCrypto() },
    { name: 'WebCrypto with Buffer hex', code: webCrypto({ encode: "Buffer.from(mac).toString('hex')" }) },
    { name: 'WebCrypto with hash: { name }', code: webCrypto({ hash: "{ name: 'SHA-384' }" }) },
    { name: '@noble/hashes hmac(sha384)', code: noble() },
    {
      name: '@noble/hashes streaming hmac.create',
      code: noble({ mac: 'hmac.create(sha384, utf8ToBytes(secret)).update(utf8ToBytes(payload)).digest()' }),
    },
    { name: 'the reference signer (src/signer/signer.ts)', code: SIGNER_SOURCE, filename: 'signer.ts' },
    {
      name: 'the reference signer flavour with local header constants',
      code: [
        "import { createHmac } from 'node:crypto';",
        "const GEMINI_HEADERS = { apiKey: 'X-GEMINI-APIKEY', payload: 'X-GEMINI-PAYLOAD', signature: 'X-GEMINI-SIGNATURE' } as const;",
        "const base64Of = (text: string) => Buffer.from(text, 'utf8').toString('base64');",
        "function hmacHex(payloadBase64: string, apiSecret: string) { return createHmac('sha384', apiSecret).update(payloadBase64, 'utf8').digest('hex'); }",
        'export function sign(apiKey: string, apiSecret: string, body: object) {',
        '  const base64 = base64Of(JSON.stringify(body));',
        '  return { [GEMINI_HEADERS.apiKey]: apiKey, [GEMINI_HEADERS.payload]: base64, [GEMINI_HEADERS.signature]: hmacHex(base64, apiSecret) };',
        '}',
      ].join('\n'),
    },
    // near-misses: never Gemini, never reported
    { name: 'Binance sha256 signer next to a correct Gemini signer', code: BINANCE_AND_GEMINI },
    { name: "the same with TypeScript's import crypto = require('crypto')", code: BINANCE_AND_GEMINI.replace("import crypto from 'crypto';", "import crypto = require('crypto');") },
    { name: 'GitHub webhook HMAC-SHA256 verification with timingSafeEqual', code: GITHUB_WEBHOOK },
    { name: 'AWS SigV4 kDate/kRegion/kService/kSigning chain', code: AWS_SIGV4 },
    { name: 'Google Gemini AI client with an unrelated HMAC', code: GOOGLE_GEMINI_AI },
    {
      name: 'a helper shared with Binance is judged only by the Gemini call',
      code: [
        "import { createHmac } from 'crypto';",
        'declare const secret: string, bSecret: string, key: string, query: string, body: object;',
        "const sign = (alg: string, k: string, msg: string) => createHmac(alg, k).update(msg).digest('hex');",
        "const b = sign('sha256', bSecret, query);",
        "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sign('sha384', secret, payload) } });",
        "fetch('https://api.binance.com/api/v3/account?' + query + '&signature=' + b, { headers: { 'X-MBX-APIKEY': key } });",
      ].join('\n'),
    },
    {
      name: 'placeholders and an HMAC keyed with the secret',
      code: [
        "import crypto from 'crypto';",
        "const GEMINI_API_KEY = 'account-XXXXXXXXXXXXXXXXXXXX';",
        "const GEMINI_API_SECRET = 'your-api-secret';",
        "const payload = Buffer.from(JSON.stringify({ request: '/v1/balances', nonce: Date.now() })).toString('base64');",
        "const signature = crypto.createHmac('sha384', GEMINI_API_SECRET).update(payload).digest('hex');",
        "fetch('https://api.sandbox.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': GEMINI_API_KEY, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
      ].join('\n'),
    },
    // unknown is silent
    {
      name: 'an algorithm and encoding from parameters of an exported helper are unknown',
      code: [
        "import { createHmac } from 'crypto';",
        'export function sign(alg: string, enc: any, secret: string, payload: string) {',
        "  return { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': createHmac(alg, secret).update(payload).digest(enc) };",
        '}',
      ].join('\n'),
    },
    {
      name: 'a base64 digest decoded and re-encoded as hex',
      code: nodeChain("Buffer.from(crypto.createHmac('sha384', apiSecret).update(payload).digest('base64'), 'base64').toString('hex')"),
    },
    {
      name: 'upper-casing a copy for a log line does not touch the header',
      code: nodeChain(GOOD_NODE_HMAC, "\nconsole.log('sig', String(process.env.X).toUpperCase());"),
    },
    {
      name: 'an HMAC of the payload object for some other header',
      code: [
        "import crypto from 'crypto';",
        'declare const key: string, secret: string, body: { request: string };',
        "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
        "const audit = crypto.createHmac('sha256', secret).update(JSON.stringify(body)).digest('base64');",
        "const sig = crypto.createHmac('sha384', secret).update(payload).digest('hex');",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sig, 'X-Audit': audit } });",
      ].join('\n'),
    },
    {
      name: 'a key derived with HMAC-SHA256 and then used for the HMAC-SHA384 is not the signature',
      code: nodeChain(
        "crypto.createHmac('sha384', derived).update(payload).digest('hex')",
        "\nconst derived = crypto.createHmac('sha256', apiSecret).update('gemini-trading').digest('hex');",
      ),
    },
    {
      name: 'an unknown conversion between a base64 digest and the header is not judged',
      code: nodeChain(
        "base64ToHex(crypto.createHmac('sha384', apiSecret).update(payload).digest('base64'))",
        "\nimport { base64ToHex } from './encoding.js';",
      ),
    },
    // fixed outputs lint clean
    { name: 'fixed: sha256 → sha384', code: nodeChain("crypto.createHmac('sha384', apiSecret).update(payload).digest('hex')") },
    { name: 'fixed: SHA512 const', code: nodeChain("crypto.createHmac(ALGO, apiSecret).update(payload).digest('hex')", "\nconst ALGO = 'SHA384';") },
    { name: 'fixed: crypto-js Base64 → Hex', code: cryptoJs('CryptoJS.HmacSHA384(payload, apiSecret).toString(CryptoJS.enc.Hex)') },
    { name: 'fixed: WebCrypto SHA-256 → SHA-384', code: webCrypto({ hash: "'SHA-384'" }) },
    { name: 'fixed: upper-case removed', code: nodeChain("crypto.createHmac('sha384', apiSecret).update(payload).digest('hex')") },
    // odd but valid code never crashes
    {
      name: 'odd shapes: computed members, optional chaining, spreads, empty objects, new Function',
      code: [
        "import crypto from 'crypto';",
        "const k = 'X-GEMINI-' + 'SIGNATURE';",
        'const args: [string, string] = ["sha256", "s"];',
        "const h = { [k]: crypto.createHmac(...args).update?.('x')?.digest?.('hex'), ...{}, ...(null as any) };",
        "const w = { 'X-GEMINI-SIGNATURE': (crypto as any)['createHmac']('sha384', 's')[`update`]('p').digest() };",
        "const f = new Function('return 1'); const e = {}; const g = { 'X-GEMINI-SIGNATURE': f(e) };",
        "const deep = { a: { b: { c: { 'X-GEMINI-SIGNATURE': ((((x: any) => x))(1)) } } } };",
        "const sig = crypto.createHmac('sha384', 's').update(String(deep)).digest('hex'); const v = { 'X-GEMINI-SIGNATURE': sig as unknown as string };",
        'const r = { ...h, ...w, ...g, ...v };',
      ].join('\n'),
    },
    {
      name: 'odd shapes: a recursive helper and a parameter with no call sites',
      code: [
        "import crypto from 'crypto';",
        "function s(p: string, n: number): string { return n ? s(p, n - 1) : crypto.createHmac(p, 'k').update(p).digest('hex'); }",
        "const headers = { 'X-GEMINI-SIGNATURE': s(undefined as any, 3) };",
        "export const g = (alg: string) => ({ 'X-GEMINI-SIGNATURE': crypto.createHmac(alg, 'k').update('p').digest('hex') });",
      ].join('\n'),
    },
    // compiled CommonJS: a correct Babel signer, and a Babel-compiled Binance signer (not Gemini)
    { name: 'Babel-compiled correct signer', code: babelSigner('sha384') },
    {
      name: 'Babel-compiled Binance signer is not Gemini code',
      code: [
        "var _crypto = _interopRequireDefault(require('crypto'));",
        'function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }',
        'exports.sign = (apiKey, apiSecret, query) => {',
        "  const signature = _crypto.default.createHmac('sha256', apiSecret).update(query).digest('hex');",
        "  return { headers: { 'X-MBX-APIKEY': apiKey }, url: `https://api.binance.com/api/v3/order?${query}&signature=${signature}` };",
        '};',
      ].join('\n'),
    },
    "const geminiSignature = 'nothing here';",
  ],
  invalid: [
    // -------------------------------------------------------------------- algorithm
    {
      name: 'fixes sha256 written in place in the node chain',
      code: nodeChain("crypto.createHmac('sha256', apiSecret).update(payload).digest('hex')"),
      output: nodeChain(GOOD_NODE_HMAC),
      errors: [{ messageId: 'wrongAlgorithm', line: 8, column: 39, data: { algorithm: 'SHA256' } }],
    },
    {
      name: "reads TypeScript's import crypto = require('crypto')",
      code: nodeChain("crypto.createHmac('sha256', apiSecret).update(payload).digest('hex')").replace("import crypto from 'node:crypto';", "import crypto = require('crypto');"),
      output: nodeChain(GOOD_NODE_HMAC).replace("import crypto from 'node:crypto';", "import crypto = require('crypto');"),
      errors: [{ messageId: 'wrongAlgorithm', line: 8, column: 39, data: { algorithm: 'SHA256' } }],
    },
    {
      name: 'keeps the upper-case style of the algorithm',
      code: nodeChain("crypto.createHmac('SHA512', apiSecret).update(payload).digest('hex')"),
      output: nodeChain("crypto.createHmac('SHA384', apiSecret).update(payload).digest('hex')"),
      errors: [{ messageId: 'wrongAlgorithm', line: 8, column: 39, data: { algorithm: 'SHA512' } }],
    },
    {
      name: 'fixes sha1 and md5 in a template literal',
      code: nodeChain('crypto.createHmac(`md5`, apiSecret).update(payload).digest(\'hex\')'),
      output: nodeChain('crypto.createHmac(`sha384`, apiSecret).update(payload).digest(\'hex\')'),
      errors: [{ messageId: 'wrongAlgorithm', line: 8, column: 39, data: { algorithm: 'MD5' } }],
    },
    {
      name: 'fixes a const used only by this HMAC',
      code: nodeChain("crypto.createHmac(ALGO, apiSecret).update(payload).digest('hex')", "\nconst ALGO = 'SHA512';"),
      output: nodeChain("crypto.createHmac(ALGO, apiSecret).update(payload).digest('hex')", "\nconst ALGO = 'SHA384';"),
      errors: [{ messageId: 'wrongAlgorithm', line: 9, column: 39, data: { algorithm: 'SHA512' } }],
    },
    {
      name: 'only suggests when the const is shared with a Binance signer',
      code: nodeChain(
        "crypto.createHmac(ALGO, apiSecret).update(payload).digest('hex')",
        "\nconst ALGO = 'sha256';\nexport const binance = (q: string) => crypto.createHmac(ALGO, 'b').update(q).digest('hex');",
      ),
      output: null,
      errors: [
        {
          messageId: 'wrongAlgorithm',
          line: 10,
          column: 39,
          suggestions: [
            {
              messageId: 'useSha384',
              data: { replacement: "'sha384'" },
              output: nodeChain(
                "crypto.createHmac('sha384', apiSecret).update(payload).digest('hex')",
                "\nconst ALGO = 'sha256';\nexport const binance = (q: string) => crypto.createHmac(ALGO, 'b').update(q).digest('hex');",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'fixes the split variable form',
      code: nodeSplit({ create: "createHmac('sha512', secret)" }),
      output: nodeSplit(),
      errors: [{ messageId: 'wrongAlgorithm', line: 6, column: 24, data: { algorithm: 'SHA512' } }],
    },
    {
      name: 'fixes a signing helper used only for Gemini',
      code: nodeHelper({ helper: "createHmac('sha256', SECRET).update(b64).digest('hex')" }),
      output: nodeHelper(),
      errors: [{ messageId: 'wrongAlgorithm', line: 4, column: 21 }],
    },
    {
      name: 'only suggests in a helper that Binance also calls',
      code: [
        "import { createHmac } from 'crypto';",
        'declare const secret: string, bSecret: string, key: string, query: string, body: object;',
        "function sign(k: string, msg: string) { return createHmac('sha256', k).update(msg).digest('hex'); }",
        "const b = sign(bSecret, query);",
        "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sign(secret, payload) } });",
      ].join('\n'),
      output: null,
      errors: [
        {
          messageId: 'wrongAlgorithm',
          line: 3,
          column: 59,
          suggestions: [
            {
              messageId: 'useSha384',
              data: { replacement: "'sha384'" },
              output: [
                "import { createHmac } from 'crypto';",
                'declare const secret: string, bSecret: string, key: string, query: string, body: object;',
                "function sign(k: string, msg: string) { return createHmac('sha384', k).update(msg).digest('hex'); }",
                "const b = sign(bSecret, query);",
                "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
                "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sign(secret, payload) } });",
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'judges an algorithm parameter at the Gemini call site only',
      code: [
        "import { createHmac } from 'crypto';",
        'declare const secret: string, bSecret: string, key: string, query: string, body: object;',
        "const sign = (alg: string, k: string, msg: string) => createHmac(alg, k).update(msg).digest('hex');",
        "const b = sign('sha256', bSecret, query);",
        "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sign('sha512', secret, payload) } });",
      ].join('\n'),
      output: [
        "import { createHmac } from 'crypto';",
        'declare const secret: string, bSecret: string, key: string, query: string, body: object;',
        "const sign = (alg: string, k: string, msg: string) => createHmac(alg, k).update(msg).digest('hex');",
        "const b = sign('sha256', bSecret, query);",
        "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sign('sha384', secret, payload) } });",
      ].join('\n'),
      errors: [{ messageId: 'wrongAlgorithm', line: 6, column: 154, data: { algorithm: 'SHA512' } }],
    },
    {
      name: 'fixes the class method',
      code: nodeClass({ method: "crypto.createHmac('sha256', this.secret).update(payload).digest('hex')" }),
      output: nodeClass(),
      errors: [{ messageId: 'wrongAlgorithm', line: 5, column: 30 }],
    },
    {
      name: 'suggests HmacSHA384 for the crypto-js namespace (no fix)',
      code: cryptoJs('CryptoJS.HmacSHA256(payload, apiSecret).toString(CryptoJS.enc.Hex)'),
      output: null,
      errors: [
        {
          messageId: 'wrongAlgorithm',
          line: 5,
          column: 28,
          data: { algorithm: 'SHA256' },
          suggestions: [{ messageId: 'useSha384', data: { replacement: 'HmacSHA384' }, output: cryptoJs() }],
        },
      ],
    },
    {
      name: 'suggests adding HmacSHA384 to a named crypto-js import',
      code: [
        "import { HmacSHA512, enc } from 'crypto-js';",
        'declare const key: string, secret: string, payload: string;',
        "export const headers = { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': HmacSHA512(payload, secret).toString(enc.Hex) };",
      ].join('\n'),
      output: null,
      errors: [
        {
          messageId: 'wrongAlgorithm',
          line: 3,
          column: 101,
          suggestions: [
            {
              messageId: 'useSha384',
              output: [
                "import { HmacSHA512, enc, HmacSHA384 } from 'crypto-js';",
                'declare const key: string, secret: string, payload: string;',
                "export const headers = { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': HmacSHA384(payload, secret).toString(enc.Hex) };",
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a crypto-js per-algorithm module import without a suggestion',
      code: [
        "import hmacSHA256 from 'crypto-js/hmac-sha256';",
        'declare const key: string, secret: string, payload: string;',
        "export const headers = { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': hmacSHA256(payload, secret).toString() };",
      ].join('\n'),
      output: null,
      errors: [{ messageId: 'wrongAlgorithm', line: 3, column: 101, data: { algorithm: 'SHA256' }, suggestions: [] }],
    },
    {
      name: "fixes WebCrypto's hash 'SHA-256' in the importKey call",
      code: webCrypto({ hash: "'SHA-256'" }),
      output: webCrypto(),
      errors: [{ messageId: 'wrongAlgorithm', line: 7, column: 94, data: { algorithm: 'SHA256' } }],
    },
    {
      name: "fixes WebCrypto's hash: { name: 'sha-512' } keeping its case",
      code: webCrypto({ hash: "{ name: 'sha-512' }" }),
      output: webCrypto({ hash: "{ name: 'sha-384' }" }),
      errors: [{ messageId: 'wrongAlgorithm', line: 7, column: 102 }],
    },
    {
      name: 'suggests noble sha384, adding it to the sha2 import',
      code: noble({ hashImport: "import { sha256 } from '@noble/hashes/sha2';", mac: 'hmac(sha256, utf8ToBytes(secret), utf8ToBytes(payload))' }),
      output: null,
      errors: [
        {
          messageId: 'wrongAlgorithm',
          line: 7,
          column: 37,
          data: { algorithm: 'SHA256' },
          suggestions: [
            {
              messageId: 'useSha384',
              output: noble({ hashImport: "import { sha256, sha384 } from '@noble/hashes/sha2';", mac: 'hmac(sha384, utf8ToBytes(secret), utf8ToBytes(payload))' }),
            },
          ],
        },
      ],
    },
    {
      name: 'suggests the noble sha384 that is already imported',
      code: noble({ hashImport: "import { sha384, sha512 } from '@noble/hashes/sha2';", mac: 'hmac.create(sha512, utf8ToBytes(secret)).update(utf8ToBytes(payload)).digest()' }),
      output: null,
      errors: [
        {
          messageId: 'wrongAlgorithm',
          line: 7,
          column: 44,
          data: { algorithm: 'SHA512' },
          suggestions: [
            {
              messageId: 'useSha384',
              output: noble({ hashImport: "import { sha384, sha512 } from '@noble/hashes/sha2';", mac: 'hmac.create(sha384, utf8ToBytes(secret)).update(utf8ToBytes(payload)).digest()' }),
            },
          ],
        },
      ],
    },
    {
      name: 'reports noble sha256 from the old sha256 module without a suggestion',
      code: noble({ hashImport: "import { sha256 } from '@noble/hashes/sha256';", mac: 'hmac(sha256, utf8ToBytes(secret), utf8ToBytes(payload))' }),
      output: null,
      errors: [{ messageId: 'wrongAlgorithm', line: 7, column: 37, suggestions: [] }],
    },
    // -------------------------------------------------------------------- encoding
    {
      name: "fixes .digest('base64')",
      code: nodeChain("crypto.createHmac('sha384', apiSecret).update(payload).digest('base64')"),
      output: nodeChain(GOOD_NODE_HMAC),
      errors: [{ messageId: 'wrongEncoding', line: 8, column: 83, data: { encoding: 'base64' } }],
    },
    {
      name: "fixes .digest('base64url') and a wrong algorithm in one pass",
      code: nodeChain("crypto.createHmac('sha256', apiSecret).update(payload).digest('base64url')"),
      output: nodeChain(GOOD_NODE_HMAC),
      errors: [
        { messageId: 'wrongAlgorithm', line: 8, column: 39 },
        { messageId: 'wrongEncoding', line: 8, column: 83, data: { encoding: 'base64url' } },
      ],
    },
    {
      name: "fixes .digest().toString('base64')",
      code: nodeChain("crypto.createHmac('sha384', apiSecret).update(payload).digest().toString('base64')"),
      output: nodeChain("crypto.createHmac('sha384', apiSecret).update(payload).digest().toString('hex')"),
      errors: [{ messageId: 'wrongEncoding', line: 8, column: 94 }],
    },
    {
      name: "fixes the split form's digest('latin1')",
      code: nodeSplit({ digest: 'h.digest("latin1")' }),
      output: nodeSplit({ digest: 'h.digest("hex")' }),
      errors: [{ messageId: 'wrongEncoding', line: 8, column: 24, data: { encoding: 'latin1' } }],
    },
    {
      name: 'fixes the encoding in a signing helper',
      code: nodeHelper({ helper: "createHmac('sha384', SECRET).update(b64).digest('binary')" }),
      output: nodeHelper(),
      errors: [{ messageId: 'wrongEncoding', line: 4, column: 58, data: { encoding: 'binary' } }],
    },
    {
      name: 'fixes the class method encoding',
      code: nodeClass({ method: "crypto.createHmac('sha384', this.secret).update(payload).digest('base64')" }),
      output: nodeClass(),
      errors: [{ messageId: 'wrongEncoding', line: 5, column: 76 }],
    },
    {
      name: 'fixes crypto-js toString(CryptoJS.enc.Base64)',
      code: cryptoJs('CryptoJS.HmacSHA384(payload, apiSecret).toString(CryptoJS.enc.Base64)'),
      output: cryptoJs(),
      errors: [{ messageId: 'wrongEncoding', line: 5, column: 68, data: { encoding: 'base64' } }],
    },
    {
      name: 'fixes crypto-js enc.Base64.stringify(mac)',
      code: cryptoJs('CryptoJS.enc.Base64.stringify(CryptoJS.HmacSHA384(payload, apiSecret))'),
      output: cryptoJs('CryptoJS.enc.Hex.stringify(CryptoJS.HmacSHA384(payload, apiSecret))'),
      errors: [{ messageId: 'wrongEncoding', line: 5, column: 19 }],
    },
    {
      name: 'reports a crypto-js Base64 encoder from its own module without a fix',
      code: cryptoJs('CryptoJS.HmacSHA384(payload, apiSecret).toString(Base64)', "\nimport Base64 from 'crypto-js/enc-base64';"),
      output: null,
      errors: [{ messageId: 'wrongEncoding', line: 6, column: 68, suggestions: [] }],
    },
    {
      name: 'reports btoa over WebCrypto bytes without a fix',
      code: webCrypto({ encode: 'btoa(String.fromCharCode(...new Uint8Array(mac)))' }),
      output: null,
      errors: [{ messageId: 'wrongEncoding', line: 9, column: 21, data: { encoding: 'base64' } }],
    },
    {
      name: "fixes Buffer.from(mac).toString('base64') over WebCrypto bytes",
      code: webCrypto({ encode: "Buffer.from(mac).toString('base64')" }),
      output: webCrypto({ encode: "Buffer.from(mac).toString('hex')" }),
      errors: [{ messageId: 'wrongEncoding', line: 9, column: 47 }],
    },
    {
      name: 'reports a base64 digest sent through a template literal and String()',
      code: nodeSplit({ digest: "`${String(h.digest('base64'))}`" }),
      output: nodeSplit({ digest: "`${String(h.digest('hex'))}`" }),
      errors: [{ messageId: 'wrongEncoding', line: 8, column: 34 }],
    },
    {
      name: "fixes Buffer.from(noble mac).toString('base64')",
      code: noble().replace('bytesToHex(hmac(sha384, utf8ToBytes(secret), utf8ToBytes(payload)))', "Buffer.from(hmac(sha384, utf8ToBytes(secret), utf8ToBytes(payload))).toString('base64')"),
      output: noble().replace('bytesToHex(hmac(sha384, utf8ToBytes(secret), utf8ToBytes(payload)))', "Buffer.from(hmac(sha384, utf8ToBytes(secret), utf8ToBytes(payload))).toString('hex')"),
      errors: [{ messageId: 'wrongEncoding', line: 7, column: 99 }],
    },
    // -------------------------------------------------------------------- upper-case hex
    {
      name: 'removes .toUpperCase() on the chain',
      code: nodeChain(`${GOOD_NODE_HMAC}.toUpperCase()`),
      output: nodeChain(GOOD_NODE_HMAC),
      errors: [{ messageId: 'uppercaseHex', line: 8, column: 90 }],
    },
    {
      name: 'removes .toUpperCase() where the header is set',
      code: nodeSplit({ digest: "h.digest('hex').toLocaleUpperCase()" }),
      output: nodeSplit(),
      errors: [{ messageId: 'uppercaseHex', line: 8, column: 31 }],
    },
    {
      name: 'reports upper-cased crypto-js hex',
      code: cryptoJs('CryptoJS.HmacSHA384(payload, apiSecret).toString().toUpperCase()'),
      output: cryptoJs('CryptoJS.HmacSHA384(payload, apiSecret).toString()'),
      errors: [{ messageId: 'uppercaseHex', line: 5, column: 70 }],
    },
    {
      name: 'reports upper-case applied in the header object of the class',
      code: nodeClass({ call: 'this.sign(payload).toUpperCase()' }),
      output: nodeClass(),
      errors: [{ messageId: 'uppercaseHex', line: 13, column: 48 }],
    },
    {
      name: 'removes .toUpperCase() inside the signing helper',
      code: nodeHelper({ helper: "createHmac('sha384', SECRET).update(b64).digest('hex').toUpperCase()" }),
      output: nodeHelper(),
      errors: [{ messageId: 'uppercaseHex', line: 4, column: 65 }],
    },
    {
      name: 'removes .toUpperCase() after the WebCrypto hex mapping',
      code: webCrypto({ encode: "Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()" }),
      output: webCrypto(),
      errors: [{ messageId: 'uppercaseHex', line: 9, column: 102 }],
    },
    {
      name: 'removes .toUpperCase() after noble bytesToHex',
      code: noble({ mac: 'hmac(sha384, utf8ToBytes(secret), utf8ToBytes(payload))).toUpperCase(' }),
      output: noble(),
      errors: [{ messageId: 'uppercaseHex', line: 7, column: 89 }],
    },
    // -------------------------------------------------------------------- signed input
    {
      name: 'reports signing the JSON text and suggests the base64 payload',
      code: nodeChain("crypto.createHmac('sha384', apiSecret).update(json).digest('hex')"),
      output: null,
      errors: [
        {
          messageId: 'signsJson',
          line: 8,
          column: 67,
          suggestions: [{ messageId: 'signBase64Payload', data: { name: 'payload' }, output: nodeChain(GOOD_NODE_HMAC) }],
        },
      ],
    },
    {
      name: 'reports signing the payload object',
      code: nodeChain("crypto.createHmac('sha384', apiSecret).update(body as any).digest('hex')"),
      output: null,
      errors: [{ messageId: 'signsObject', line: 8, column: 67, suggestions: [{ messageId: 'signBase64Payload', output: nodeChain(GOOD_NODE_HMAC) }] }],
    },
    {
      name: 'reports JSON.stringify written in the split form',
      code: nodeSplit({ update: 'JSON.stringify(body)' }),
      output: null,
      errors: [{ messageId: 'signsJson', line: 7, column: 12, suggestions: [{ messageId: 'signBase64Payload', output: nodeSplit() }] }],
    },
    {
      name: 'reports the JSON passed to a signing helper at its call site',
      code: nodeHelper({ arg: 'json' }),
      output: null,
      errors: [{ messageId: 'signsJson', line: 10, column: 26, suggestions: [{ messageId: 'signBase64Payload', output: nodeHelper() }] }],
    },
    {
      name: 'reports JSON bytes signed with WebCrypto',
      code: webCrypto({ data: 'json' }),
      output: null,
      errors: [{ messageId: 'signsJson', line: 8, column: 64, suggestions: [{ messageId: 'signBase64Payload', output: webCrypto() }] }],
    },
    {
      name: 'reports crypto-js signing JSON',
      code: cryptoJs('CryptoJS.HmacSHA384(JSON.stringify(body), apiSecret).toString()'),
      output: null,
      errors: [
        {
          messageId: 'signsJson',
          line: 5,
          column: 39,
          suggestions: [{ messageId: 'signBase64Payload', output: cryptoJs('CryptoJS.HmacSHA384(payload, apiSecret).toString()') }],
        },
      ],
    },
    {
      name: 'reports noble signing the JSON without a suggestion when the payload is sent inline',
      code: [
        "import { hmac } from '@noble/hashes/hmac';",
        "import { sha384 } from '@noble/hashes/sha2';",
        "import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';",
        'export function sign(apiKey: string, secret: string, body: object) {',
        '  const json = JSON.stringify(body);',
        "  return { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': btoa(json), 'X-GEMINI-SIGNATURE': bytesToHex(hmac(sha384, utf8ToBytes(secret), utf8ToBytes(json))) };",
        '}',
      ].join('\n'),
      output: null,
      errors: [{ messageId: 'signsJson', line: 6, column: 150, suggestions: [] }],
    },
    {
      name: 'reports a payload object literal fed to update() in the split form',
      code: nodeSplit({ update: "{ request: '/v1/balances', nonce: Date.now() } as any" }),
      output: null,
      errors: [{ messageId: 'signsObject', line: 7, column: 12, suggestions: [{ messageId: 'signBase64Payload', data: { name: 'payload' }, output: nodeSplit() }] }],
    },
    {
      name: 'reports the payload object passed to a signing helper',
      code: nodeHelper({ arg: 'body' }),
      output: null,
      errors: [{ messageId: 'signsObject', line: 10, column: 26, suggestions: [{ messageId: 'signBase64Payload', output: nodeHelper() }] }],
    },
    {
      name: 'reports the JSON passed to the class signing method',
      code: nodeClass({ call: 'this.sign(JSON.stringify(body))' }),
      output: null,
      errors: [{ messageId: 'signsJson', line: 13, column: 39, suggestions: [{ messageId: 'signBase64Payload', output: nodeClass() }] }],
    },
    {
      name: 'reports crypto-js signing the payload object',
      code: cryptoJs('CryptoJS.HmacSHA384(body as any, apiSecret).toString()'),
      output: null,
      errors: [
        {
          messageId: 'signsObject',
          line: 5,
          column: 39,
          suggestions: [{ messageId: 'signBase64Payload', output: cryptoJs('CryptoJS.HmacSHA384(payload, apiSecret).toString()') }],
        },
      ],
    },
    {
      name: 'reports WebCrypto signing the encoded payload object',
      code: webCrypto({ data: 'body as any' }),
      output: null,
      errors: [{ messageId: 'signsObject', line: 8, column: 64, suggestions: [{ messageId: 'signBase64Payload', output: webCrypto() }] }],
    },
    {
      name: 'reports noble signing the payload object',
      code: noble({ mac: 'hmac(sha384, utf8ToBytes(secret), utf8ToBytes(body as any))' }),
      output: null,
      errors: [{ messageId: 'signsObject', line: 7, column: 78, suggestions: [{ messageId: 'signBase64Payload', output: noble() }] }],
    },
    // -------------------------------------------------------------------- key
    {
      name: 'reports an HMAC keyed with the value sent as X-GEMINI-APIKEY',
      code: nodeChain("crypto.createHmac('sha384', apiKey).update(payload).digest('hex')"),
      output: null,
      errors: [{ messageId: 'keyIsApiKey', line: 8, column: 49 }],
    },
    {
      name: 'reports the key through the split form and Headers.set',
      code: nodeSplit({ create: "createHmac('sha384', key)" }),
      output: null,
      errors: [{ messageId: 'keyIsApiKey', line: 6, column: 34 }],
    },
    {
      name: 'reports the same env var as key and API key header in a helper',
      code: nodeHelper({ helper: "createHmac('sha384', process.env.GEMINI_API_KEY!).update(b64).digest('hex')" }),
      output: null,
      errors: [{ messageId: 'keyIsApiKey', line: 4, column: 31 }],
    },
    {
      name: 'reports this.apiKey used as the class HMAC key',
      code: nodeClass({ method: "crypto.createHmac('sha384', this.apiKey).update(payload).digest('hex')" }),
      output: null,
      errors: [{ messageId: 'keyIsApiKey', line: 5, column: 40 }],
    },
    {
      name: 'reports WebCrypto importing the API key as the HMAC key',
      code: webCrypto({ key: 'apiKey' }),
      output: null,
      errors: [{ messageId: 'keyIsApiKey', line: 7, column: 63 }],
    },
    {
      name: 'reports a literal Gemini API key used as the HMAC key',
      code: nodeChain("crypto.createHmac('sha384', 'account-aB3dE5gH7jK9mN1pQ2rS').update(payload).digest('hex')"),
      output: null,
      errors: [{ messageId: 'keyIsApiKey', line: 8, column: 49 }],
    },
    // -------------------------------------------------------------------- fixes stay local and safe
    {
      name: 'only suggests inside an exported helper (other callers may rely on it)',
      code: nodeHelper({ helper: "createHmac('sha512', SECRET).update(b64).digest('hex')" }).replace('function sign(', 'export function sign('),
      output: null,
      errors: [
        {
          messageId: 'wrongAlgorithm',
          line: 4,
          column: 21,
          suggestions: [{ messageId: 'useSha384', output: nodeHelper().replace('function sign(', 'export function sign(') }],
        },
      ],
    },
    {
      name: 'fixes a single-use digest encoding const',
      code: nodeChain("crypto.createHmac('sha384', apiSecret).update(payload).digest(ENCODING)", '\nconst ENCODING = "base64";'),
      output: nodeChain("crypto.createHmac('sha384', apiSecret).update(payload).digest(ENCODING)", '\nconst ENCODING = "hex";'),
      errors: [{ messageId: 'wrongEncoding', line: 9, column: 83 }],
    },
    {
      name: 'fixes WebCrypto parameters held in a single-use const',
      code: webCrypto({ hash: 'HASH' }).replace('export async', "const HMAC_PARAMS = { name: 'HMAC', hash: 'SHA-512' } as const;\nexport async").replace("{ name: 'HMAC', hash: HASH }", 'HMAC_PARAMS'),
      output: webCrypto({ hash: 'HASH' }).replace('export async', "const HMAC_PARAMS = { name: 'HMAC', hash: 'SHA-384' } as const;\nexport async").replace("{ name: 'HMAC', hash: HASH }", 'HMAC_PARAMS'),
      errors: [{ messageId: 'wrongAlgorithm', line: 1, column: 43 }],
    },
    {
      name: 'suggests sha384 from a noble namespace import',
      code: noble({ hashImport: "import * as sha2 from '@noble/hashes/sha2';", mac: 'hmac(sha2.sha512, utf8ToBytes(secret), utf8ToBytes(payload))' }),
      output: null,
      errors: [
        {
          messageId: 'wrongAlgorithm',
          line: 7,
          column: 37,
          suggestions: [{ messageId: 'useSha384', output: noble({ hashImport: "import * as sha2 from '@noble/hashes/sha2';", mac: 'hmac(sha2.sha384, utf8ToBytes(secret), utf8ToBytes(payload))' }) }],
        },
      ],
    },
    {
      name: 'fixes a digest inside optional chaining',
      code: nodeChain("crypto.createHmac('sha384', apiSecret).update?.(payload)?.digest?.('base64')"),
      output: nodeChain("crypto.createHmac('sha384', apiSecret).update?.(payload)?.digest?.('hex')"),
      errors: [{ messageId: 'wrongEncoding', line: 8, column: 88 }],
    },
    {
      name: 'reports toLocaleUpperCase with a locale argument without a fix',
      code: nodeChain(`${GOOD_NODE_HMAC}.toLocaleUpperCase('en-US')`),
      output: null,
      errors: [{ messageId: 'uppercaseHex', line: 8, column: 90, suggestions: [] }],
    },
    {
      name: 'does not suggest a payload variable declared after the HMAC',
      code: [
        "import crypto from 'crypto';",
        'export function h(secret: string, body: object) {',
        '  const json = JSON.stringify(body);',
        "  const signature = crypto.createHmac('sha384', secret).update(json).digest('hex');",
        "  const payload = Buffer.from(json).toString('base64');",
        "  return { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
        '}',
      ].join('\n'),
      output: null,
      errors: [{ messageId: 'signsJson', line: 4, column: 64, suggestions: [] }],
    },
    {
      name: 'reports signing JSON even when the JSON is also what is sent as the payload (no suggestion)',
      code: [
        "import crypto from 'crypto';",
        'export function h(secret: string, body: object) {',
        '  const json = JSON.stringify(body);',
        "  return { 'X-GEMINI-PAYLOAD': json, 'X-GEMINI-SIGNATURE': crypto.createHmac('sha384', secret).update(json).digest('hex') };",
        '}',
      ].join('\n'),
      output: null,
      errors: [{ messageId: 'signsJson', line: 4, column: 103, suggestions: [] }],
    },
    {
      name: 'reports crypto-js keyed with the API key',
      code: cryptoJs('CryptoJS.HmacSHA384(payload, apiKey).toString()'),
      output: null,
      errors: [{ messageId: 'keyIsApiKey', line: 5, column: 48 }],
    },
    {
      name: 'reports noble keyed with the API key',
      code: noble({ mac: 'hmac(sha384, utf8ToBytes(apiKey), utf8ToBytes(payload))' }),
      output: null,
      errors: [{ messageId: 'keyIsApiKey', line: 7, column: 57 }],
    },
    // -------------------------------------------------------------------- several faults, one signer
    {
      name: 'reports every fault of one signer at its own node',
      code: nodeChain("crypto.createHmac('sha256', apiKey).update(json).digest('base64').toUpperCase()"),
      output: nodeChain("crypto.createHmac('sha384', apiKey).update(json).digest('hex')"),
      errors: [
        { messageId: 'wrongAlgorithm', line: 8, column: 39 },
        { messageId: 'keyIsApiKey', line: 8, column: 49 },
        {
          messageId: 'signsJson',
          line: 8,
          column: 64,
          suggestions: [{ messageId: 'signBase64Payload', output: nodeChain("crypto.createHmac('sha256', apiKey).update(payload).digest('base64').toUpperCase()") }],
        },
        { messageId: 'wrongEncoding', line: 8, column: 77 },
        { messageId: 'uppercaseHex', line: 8, column: 87 },
      ],
    },
    // -------------------------------------------------------------------- compiled CommonJS
    {
      name: "reports sha256 behind Babel's _interopRequireDefault",
      code: babelSigner('sha256'),
      output: babelSigner('sha384'),
      errors: [{ messageId: 'wrongAlgorithm', line: 7, column: 49 }],
    },
    {
      name: "reports a base64 digest behind Babel's _interopRequireDefault",
      code: babelSigner('sha384', 'base64'),
      output: babelSigner('sha384'),
      errors: [{ messageId: 'wrongEncoding', line: 7, column: 90 }],
    },
    {
      name: "reports sha512 behind tsc's __importDefault",
      code: tscSigner("crypto_1.default.createHmac('sha512', secret)"),
      output: tscSigner("crypto_1.default.createHmac('sha384', secret)"),
      errors: [{ messageId: 'wrongAlgorithm', line: 6, column: 49 }],
    },
    {
      name: 'reports sha256 in the (0, crypto_1.createHmac)(…) call form',
      code: tscSigner("(0, crypto_1.createHmac)('sha256', secret)"),
      output: tscSigner("(0, crypto_1.createHmac)('sha384', secret)"),
      errors: [{ messageId: 'wrongAlgorithm', line: 6, column: 46 }],
    },
  ],
});
