import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/valid-signature.js';

// Issue 13, "Signatures: follow the bytes": the signature is a chain of byte transformations from
// the HMAC to X-GEMINI-SIGNATURE, through helpers and `await`; the key must be the secret's text as
// issued; the message the base64 payload alone. Also the fix-safety half of "Autofix safety".

const ruleTester = new RuleTester();

/** A WebCrypto helper returning the MAC bytes; its only caller encodes them (line 8). */
const webCryptoHelper = (encode: string): string =>
  [
    'async function hmacSha384(secret: string, message: string): Promise<ArrayBuffer> {',
    '  const enc = new TextEncoder();',
    "  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-384' }, false, ['sign']);",
    "  return crypto.subtle.sign('HMAC', key, enc.encode(message));",
    '}',
    'export async function privateHeaders(apiKey: string, apiSecret: string, path: string) {',
    '  const payload = btoa(JSON.stringify({ request: path, nonce: Date.now() }));',
    `  const signature = ${encode};`,
    "  return { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
    '}',
  ].join('\n');

/** Node crypto with the key, the signed text and the digest in slots; the HMAC on line 6. */
const nodeSigner = ({ key = 'apiSecret', input = 'payload', digest = "digest('hex')", after = '' } = {}): string =>
  [
    "import { createHash, createHmac } from 'node:crypto';",
    'const { GEMINI_API_KEY: apiKey = "", GEMINI_API_SECRET: apiSecret = "" } = process.env;',
    'export async function post(path: string, params: object) {',
    '  const nonce = Date.now();',
    "  const payload = Buffer.from(JSON.stringify({ request: path, nonce, ...params })).toString('base64');",
    `  const sig = createHmac('sha384', ${key}).update(${input}).${digest};${after}`,
    "  return fetch('https://api.gemini.com' + path, { method: 'POST', headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sig } });",
    '}',
  ].join('\n');

/** A hand-made hex conversion in a local helper (line 3) used by the signer. */
const handHex = (mapper: string, exported = false): string =>
  [
    "import { webcrypto } from 'node:crypto';",
    `${exported ? 'export ' : ''}function toHex(buf: ArrayBuffer): string {`,
    `  return Array.from(new Uint8Array(buf)).map(${mapper}).join('');`,
    '}',
    'export async function sign(key: CryptoKey, apiKey: string, payload: string) {',
    "  const mac = await webcrypto.subtle.sign('HMAC', key, new TextEncoder().encode(payload));",
    "  return { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': toHex(mac) };",
    '}',
  ].join('\n');

/** The newer WebSocket scheme: the payload is the base64 of the nonce string, sent with X-GEMINI-NONCE. */
const WEBSOCKET_SCHEME = [
  "import { createHmac } from 'node:crypto';",
  "import WebSocket from 'ws';",
  'export function connect(apiKey: string, apiSecret: string) {',
  '  const nonce = Math.floor(Date.now() / 1000).toString();',
  "  const payload = Buffer.from(nonce).toString('base64');",
  "  const signature = createHmac('sha384', apiSecret).update(payload).digest('hex');",
  "  return new WebSocket('wss://ws.gemini.com', { headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-NONCE': nonce, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
  '}',
].join('\n');

/** ccxt's gemini.js shape: its own hmac() with noble's sha384, the payload via stringToBase64. */
const CCXT_SHAPE = [
  "import { sha384 } from '@noble/hashes/sha2.js';",
  'export default class gemini extends Exchange {',
  "  sign(path, api = 'public', method = 'GET', params = {}, headers = undefined, body = undefined) {",
  "    const request = this.extend({ request: '/' + path, nonce: this.nonce().toString() }, params);",
  '    const payload = this.stringToBase64(this.json(request));',
  '    const signature = this.hmac(this.encode(payload), this.encode(this.secret), sha384);',
  "    headers = { 'Content-Type': 'text/plain', 'X-GEMINI-APIKEY': this.apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
  '    return { url: this.urls.api[api] + path, method, body, headers };',
  '  }',
  '}',
].join('\n');

/** Coinbase Exchange: base64-decoded secret, prehash timestamp + method + path + body, base64 digest. */
const COINBASE = [
  "import crypto from 'crypto';",
  'export function cbHeaders(key: string, secret: string, passphrase: string, method: string, path: string, body: string) {',
  '  const timestamp = Date.now() / 1000;',
  '  const what = timestamp + method + path + body;',
  "  const sign = crypto.createHmac('sha256', Buffer.from(secret, 'base64')).update(what).digest('base64');",
  "  return { 'CB-ACCESS-KEY': key, 'CB-ACCESS-SIGN': sign, 'CB-ACCESS-TIMESTAMP': timestamp, 'CB-ACCESS-PASSPHRASE': passphrase };",
  '}',
  "export const note = 'we also trade on gemini';",
].join('\n');

/** Kraken: HMAC-SHA512 keyed with the base64-decoded secret over path + sha256(nonce + body). */
const KRAKEN = [
  "import { createHash, createHmac } from 'crypto';",
  'export function krakenSign(path: string, nonce: string, body: string, krakenSecret: string) {',
  "  const hash = createHash('sha256').update(nonce + body).digest('binary');",
  "  const mac = createHmac('sha512', Buffer.from(krakenSecret, 'base64')).update(path + hash, 'binary').digest('base64');",
  "  return { 'API-Sign': mac, comment: 'Gemini uses X-GEMINI-SIGNATURE instead' };",
  '}',
].join('\n');

ruleTester.run('valid-signature: signature bytes', rule, {
  valid: [
    { name: 'a WebCrypto helper whose only caller turns the bytes into hex', code: webCryptoHelper("Buffer.from(await hmacSha384(apiSecret, payload)).toString('hex')") },
    {
      name: 'a WebCrypto helper whose caller pads each byte to two hex digits',
      code: webCryptoHelper("[...new Uint8Array(await hmacSha384(apiSecret, payload))].map((b) => b.toString(16).padStart(2, '0')).join('')"),
    },
    { name: "hand-made hex with ('0' + b.toString(16)).slice(-2)", code: handHex("(b) => ('0' + b.toString(16)).slice(-2)") },
    { name: 'hand-made hex with a < 16 guard', code: handHex("(b) => (b < 16 ? '0' : '') + b.toString(16)") },
    { name: 'hand-made hex through a named byte formatter', code: handHex('byteHex').replace('export async', "function byteHex(b: number) { return b.toString(16).padStart(2, '0'); }\nexport async") },
    { name: 'the WebSocket scheme: base64 of the nonce string, with X-GEMINI-NONCE', code: WEBSOCKET_SCHEME },
    { name: "ccxt's gemini.js shape (its own hmac with noble sha384)", code: CCXT_SHAPE },
    { name: 'a secret stored base64-encoded and decoded by name', code: nodeSigner({ key: "Buffer.from(process.env.GEMINI_SECRET_B64 ?? '', 'base64')" }) },
    { name: 'a secret passed through Buffer.from(x, "utf8") and trim()', code: nodeSigner({ key: "Buffer.from(apiSecret.trim(), 'utf8')" }) },
    { name: 'Coinbase Exchange signing (decoded secret, prehash, base64) in a file that mentions gemini', code: COINBASE },
    { name: 'Kraken signing (decoded secret, sha512, binary) is not Gemini code', code: KRAKEN },
    {
      name: 'a key named for Gemini inside an exchanges map',
      code: nodeSigner({ key: 'exchanges.gemini.secret' }).replace('export async', 'declare const exchanges: Record<string, { secret: string }>;\nexport async'),
    },
    { name: 'the base64 payload signed alone, from a template literal without extra text', code: nodeSigner({ input: '`${payload}`' }) },
  ],
  invalid: [
    // --- encodings applied by the caller of a helper, and hand-made hex
    {
      name: "reports and fixes the caller's Buffer.from(await sign(…)).toString('base64')",
      code: webCryptoHelper("Buffer.from(await hmacSha384(apiSecret, payload)).toString('base64')"),
      output: webCryptoHelper("Buffer.from(await hmacSha384(apiSecret, payload)).toString('hex')"),
      errors: [{ messageId: 'wrongEncoding', line: 8, column: 80, data: { encoding: 'base64' } }],
    },
    {
      name: "reports the caller's btoa(String.fromCharCode(...new Uint8Array(mac))) without a fix",
      code: webCryptoHelper('btoa(String.fromCharCode(...new Uint8Array(await hmacSha384(apiSecret, payload))))'),
      output: null,
      errors: [{ messageId: 'wrongEncoding', line: 8, column: 21, data: { encoding: 'base64' } }],
    },
    {
      name: "reports and fixes digest('binary')",
      code: nodeSigner({ digest: "digest('binary')" }),
      output: nodeSigner(),
      errors: [{ messageId: 'wrongEncoding', line: 6, column: 70, data: { encoding: 'binary' } }],
    },
    {
      name: "reports and fixes digest('base64url')",
      code: nodeSigner({ digest: 'digest("base64url")' }),
      output: nodeSigner({ digest: 'digest("hex")' }),
      errors: [{ messageId: 'wrongEncoding', line: 6, column: 70, data: { encoding: 'base64url' } }],
    },
    {
      name: 'reports and fixes hand-made hex without zero padding in a local helper',
      code: handHex('(b) => b.toString(16)'),
      output: handHex("(b) => b.toString(16).padStart(2, '0')"),
      errors: [{ messageId: 'unpaddedHex', line: 3, column: 53 }],
    },
    {
      name: 'only suggests the padding when the hex helper is exported',
      code: handHex('(b) => b.toString(16)', true),
      output: null,
      errors: [{ messageId: 'unpaddedHex', line: 3, column: 53, suggestions: [{ messageId: 'padHex', output: handHex("(b) => b.toString(16).padStart(2, '0')", true) }] }],
    },
    {
      name: 'reports unpadded hex from Array.from(bytes, mapper) written at the header',
      code: webCryptoHelper('Array.from(new Uint8Array(await hmacSha384(apiSecret, payload)), (x) => x.toString(16)).join("")'),
      output: webCryptoHelper('Array.from(new Uint8Array(await hmacSha384(apiSecret, payload)), (x) => x.toString(16).padStart(2, \'0\')).join("")'),
      errors: [{ messageId: 'unpaddedHex', line: 8, column: 93 }],
    },
    // --- the key
    {
      name: 'reports a base64-decoded secret as the key',
      code: nodeSigner({ key: "Buffer.from(apiSecret, 'base64')" }),
      output: null,
      errors: [{ messageId: 'keyTransformed', line: 6, column: 36, data: { how: 'base64-decoded' } }],
    },
    {
      name: 'reports a hex-decoded secret imported into WebCrypto',
      code: webCryptoHelper("Buffer.from(await hmacSha384(apiSecret, payload)).toString('hex')").replace('enc.encode(secret)', "Buffer.from(secret, 'hex')"),
      output: null,
      errors: [{ messageId: 'keyTransformed', line: 3, column: 52, data: { how: 'hex-decoded' } }],
    },
    {
      name: 'reports a hashed secret held in a const',
      code: nodeSigner({ key: 'hmacKey' }).replace('  const nonce', "  const hmacKey = createHash('sha256').update(apiSecret).digest();\n  const nonce"),
      output: null,
      errors: [{ messageId: 'keyTransformed', line: 7, column: 36, data: { how: 'hashed' } }],
    },
    {
      name: "reports another exchange's secret from the environment",
      code: nodeSigner({ key: 'process.env.BINANCE_API_SECRET!' }),
      output: null,
      errors: [{ messageId: 'keyOfOtherExchange', line: 6, column: 36, data: { name: 'BINANCE_API_SECRET', exchange: 'Binance' } }],
    },
    {
      name: "reports another exchange's secret through a const",
      code: nodeSigner({ key: 'secret' }).replace('export async', 'declare const config: { kraken: { apiSecret: string } };\nconst secret = config.kraken.apiSecret;\nexport async'),
      output: null,
      errors: [{ messageId: 'keyOfOtherExchange', line: 8, column: 36, data: { name: 'secret', exchange: 'Kraken' } }],
    },
    // --- the message
    {
      name: 'reports path + nonce + payload and suggests signing the payload alone',
      code: nodeSigner({ input: 'path + nonce + payload' }),
      output: null,
      errors: [{ messageId: 'signsMoreThanPayload', line: 6, column: 54, suggestions: [{ messageId: 'signBase64Payload', data: { name: 'payload' }, output: nodeSigner() }] }],
    },
    {
      name: 'reports a template literal joining the path and the payload',
      code: nodeSigner({ input: '`${path}|${payload}`' }),
      output: null,
      errors: [{ messageId: 'signsMoreThanPayload', line: 6, column: 54, suggestions: [{ messageId: 'signBase64Payload', data: { name: 'payload' }, output: nodeSigner() }] }],
    },
    {
      name: 'reports the payload decoded again with Buffer.from(payload, "base64").toString()',
      code: nodeSigner({ input: "Buffer.from(payload, 'base64').toString()" }),
      output: null,
      errors: [{ messageId: 'signsJson', line: 6, column: 54, suggestions: [{ messageId: 'signBase64Payload', data: { name: 'payload' }, output: nodeSigner() }] }],
    },
    {
      name: 'reports the payload decoded again with atob',
      code: nodeSigner({ input: 'atob(payload)' }),
      output: null,
      errors: [{ messageId: 'signsJson', line: 6, column: 54, suggestions: [{ messageId: 'signBase64Payload', data: { name: 'payload' }, output: nodeSigner() }] }],
    },
    // --- algorithms
    {
      name: 'reports and fixes sha3-384',
      code: nodeSigner().replace("createHmac('sha384'", "createHmac('sha3-384'"),
      output: nodeSigner(),
      errors: [{ messageId: 'wrongAlgorithm', line: 6, column: 26, data: { algorithm: 'SHA3-384' } }],
    },
    // --- fix safety: the value also goes elsewhere
    {
      name: 'only suggests hex when the base64 signature is also recorded by an audit log',
      code: nodeSigner({ digest: "digest('base64')", after: '\n  audit.record(sig);' }).replace('export async', 'declare const audit: { record(s: string): void };\nexport async'),
      output: null,
      errors: [
        {
          messageId: 'wrongEncoding',
          line: 7,
          column: 70,
          suggestions: [{ messageId: 'useHex', output: nodeSigner({ digest: "digest('hex')", after: '\n  audit.record(sig);' }).replace('export async', 'declare const audit: { record(s: string): void };\nexport async') }],
        },
      ],
    },
    {
      name: 'only suggests removing toUpperCase() when the upper-cased value is also stored',
      code: nodeSigner({ digest: "digest('hex').toUpperCase()", after: '\n  lastSignatures.push(sig);' }).replace('export async', 'const lastSignatures: string[] = [];\nexport async'),
      output: null,
      errors: [
        {
          messageId: 'uppercaseHex',
          line: 7,
          column: 77,
          suggestions: [{ messageId: 'keepLowercase', output: nodeSigner({ digest: "digest('hex')", after: '\n  lastSignatures.push(sig);' }).replace('export async', 'const lastSignatures: string[] = [];\nexport async') }],
        },
      ],
    },
    {
      name: 'still fixes when the only other read is the header itself through a template literal',
      code: nodeSigner({ digest: "digest('base64')" }).replace("'X-GEMINI-SIGNATURE': sig", "'X-GEMINI-SIGNATURE': `${sig}`"),
      output: nodeSigner().replace("'X-GEMINI-SIGNATURE': sig", "'X-GEMINI-SIGNATURE': `${sig}`"),
      errors: [{ messageId: 'wrongEncoding', line: 6, column: 70 }],
    },
  ],
});
