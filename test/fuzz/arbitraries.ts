/**
 * fast-check generators of Gemini exchange client code: whole modules built from the shapes real
 * clients use (payload objects, base64 encoding, HMAC signing in four libraries, X-GEMINI-*
 * headers, eight HTTP clients, loggers, environment reads, class-based clients), each piece drawn
 * with random choices — right and wrong algorithms, encodings, inputs, keys, paths, nonces, hosts —
 * and mixed with odd but valid syntax. Every generated module is meant to parse; the fuzz tests
 * check that (a generator that drifts into syntax errors would stop testing the rules).
 */
import fc from 'fast-check';
import { API_KEYS, API_SECRETS } from '../helpers/secrets.js';

/** One generated module. */
export interface Program {
  code: string;
  /** Parse with @typescript-eslint/parser (`.ts`/`.tsx`) instead of espree (`.js`/`.jsx`). */
  typescript: boolean;
  /** JSX is allowed (the file name ends in `x`). */
  jsx: boolean;
}

/** The file name a program is linted and scanned under. */
export function fileNameOf(program: Pick<Program, 'typescript' | 'jsx'>, stem = 'src/client'): string {
  return `${stem}.${program.typescript ? 'ts' : 'js'}${program.jsx ? 'x' : ''}`;
}

type Arb = fc.Arbitrary<string>;

/** `arb` one time in `oneIn`, else `null` (fc.option's `freq` sets how often it is null: the other way round). */
function rarely<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

// ---------------------------------------------------------------------------------------------
// literals

/** A string literal in one of the three quote styles. */
function quoted(text: string, style: number): string {
  const json = JSON.stringify(text);
  if (style === 1) return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
  if (style === 2) return `\`${json.slice(1, -1).replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  return json;
}

const quoteStyle = fc.nat({ max: 2 });

/** A literal holding `text` (any of the three quote styles). */
const literalOf = (text: Arb): Arb => fc.tuple(text, quoteStyle).map(([t, s]) => quoted(t, s));

/** Arbitrary text, from plain to hostile (control characters, astral code points, `${`, quotes). */
const anyText: Arb = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', ' ', '${x}', '\\', '\u2028', '\u0000', '`', "'\"", '\uD83D\uDE00', 'é'),
);

// ---------------------------------------------------------------------------------------------
// protocol vocabulary

export const GEMINI_PATHS = [
  '/v1/order/new',
  '/v1/order/cancel',
  '/v1/order/cancel/all',
  '/v1/order/status',
  '/v1/orders',
  '/v1/mytrades',
  '/v1/balances',
  '/v1/notionalbalances/usd',
  '/v1/heartbeat',
  '/v1/account',
  '/v1/roles',
  '/v1/tradevolume',
  '/v1/withdraw/btc',
  '/v2/withdraw/ethereum/eth',
  '/v1/account/transfer/btc',
  '/v1/approvedAddresses/ethereum/request',
  '/v1/payments/addbank',
  '/v1/payments/sen/withdraw',
  '/v1/deposit/bitcoin/newAddress',
  '/v1/withdraw/btc/feeEstimate',
  '/v2/fxrate/btcusd/1700000000',
  '/v2/network/eth',
  '/v1/pubticker/btcusd',
  '/v2/ticker/btcusd',
  '/v1/symbols',
  '/v1/book/btcusd',
  '/v2/candles/btcusd/1m',
  '/v1/order/events',
  '/v2/marketdata',
];

const ODD_PATHS = ['/balances', '/order/new', 'v1/balances', '/v1//balances', '/v1/balances/', '/V1/Balances', '', '/', '/v1/', '/v1/order/new?x=1', '/v1/order/new#a', '/v1/withdraw/', '/v1/../v1/balances'];

/** A request path: real endpoints, near-misses and random text. */
const pathText: Arb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...GEMINI_PATHS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_PATHS) },
  { weight: 1, arbitrary: anyText.map((t) => `/v1/${t}`) },
  { weight: 1, arbitrary: anyText },
);

export const BASES = [
  'https://api.gemini.com',
  'https://api.sandbox.gemini.com',
  'https://api.gemini.com/v1',
  'https://api.gemini.com/',
  'http://api.gemini.com',
  'http://api.sandbox.gemini.com/v1',
  'HTTPS://API.GEMINI.COM',
  'https://api.gemini.com:443',
  '//api.gemini.com',
  'api.gemini.com',
  'wss://api.gemini.com',
  'ws://api.gemini.com',
  'wss://ws.gemini.com',
  'ws://ws.sandbox.gemini.com',
  'https://www.gemini.com',
  'https://api.gemini.com.evil.example',
  'https://api.binance.com',
  'https://generativelanguage.googleapis.com/v1beta',
  'https://example.com',
  'http://localhost:8080',
  '',
];

const baseText: Arb = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...BASES) }, { weight: 1, arbitrary: anyText });

const KEY_EXPRS = [
  'process.env.GEMINI_API_KEY',
  "process.env['GEMINI_API_KEY']",
  'process.env.GEMINI_KEY',
  'import.meta.env.VITE_GEMINI_API_KEY',
  "Deno.env.get('GEMINI_API_KEY')",
  'Bun.env.GEMINI_API_KEY',
  'process.env.NEXT_PUBLIC_GEMINI_API_KEY',
  'config.apiKey',
  'options?.apiKey',
  "'account-XXXXXXXXXXXXXXXXXXXX'",
  "'your-api-key'",
  'apiKey',
  'undefined',
];

const SECRET_EXPRS = [
  'process.env.GEMINI_API_SECRET',
  "process.env['GEMINI_API_SECRET']",
  'process.env.GEMINI_SECRET',
  'import.meta.env.VITE_GEMINI_API_SECRET',
  "Deno.env.get('GEMINI_API_SECRET')",
  'Bun.env.GEMINI_API_SECRET',
  'process.env.NEXT_PUBLIC_GEMINI_API_SECRET',
  'process.env.REACT_APP_GEMINI_SECRET',
  'config.apiSecret',
  'secrets.gemini',
  "'your-api-secret'",
  'apiSecret',
  "''",
];

/** An expression for the API key: env reads, config members, placeholders, real-looking keys. */
const keyExpr: Arb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KEY_EXPRS) },
  { weight: 2, arbitrary: literalOf(fc.constantFrom(...API_KEYS)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KEY_EXPRS.slice(0, 6)), literalOf(fc.constantFrom(...API_KEYS))).map(([e, l]) => `${e} || ${l}`) },
  { weight: 1, arbitrary: fc.constantFrom(...API_KEYS).map((k) => `'${k.slice(0, 8)}' + '${k.slice(8)}'`) },
  { weight: 1, arbitrary: fc.constantFrom(...API_KEYS).map((k) => `\`${k.slice(0, 12)}\${''}${k.slice(12)}\``) },
);

/** An expression for the API secret. */
const secretExpr: Arb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...SECRET_EXPRS) },
  { weight: 2, arbitrary: literalOf(fc.constantFrom(...API_SECRETS)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SECRET_EXPRS.slice(0, 6)), literalOf(fc.constantFrom(...API_SECRETS))).map(([e, l]) => `${e} ?? ${l}`) },
  { weight: 1, arbitrary: fc.constantFrom(...API_SECRETS).map((s) => `['${s.slice(0, 10)}', '${s.slice(10)}'].join('')`) },
  { weight: 1, arbitrary: fc.constantFrom(...API_SECRETS).map((s) => `'${s.slice(0, 10)}' + '${s.slice(10)}'`) },
);

const NONCES = [
  'Date.now()',
  'Date.now() * 1000',
  'Date.now().toString()',
  'String(Date.now())',
  '`${Date.now()}`',
  'Math.floor(Date.now() / 1000)',
  'Math.floor(Date.now() / 1000) * 1000',
  'Math.round(Date.now() / 1000)',
  'new Date().getTime()',
  '+new Date()',
  'performance.now()',
  'process.hrtime.bigint()',
  'BigInt(Date.now()) * 1000n',
  'Math.random()',
  'crypto.randomUUID()',
  '1',
  "'1'",
  '123456',
  'nonce',
  'nonce++',
  '++counter',
  'this.nonce++',
  'this.nextNonce()',
  'nextNonce()',
  'signer.nonce()',
  'Date.now() + i',
  'undefined',
];

/** A nonce expression: every source real clients use, right and wrong. */
const nonceExpr: Arb = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...NONCES) }, { weight: 1, arbitrary: fc.integer().map(String) });

const ALGORITHMS = ["'sha384'", "'sha256'", "'sha512'", "'SHA384'", "'sha-384'", "'md5'", "'sha1'", 'ALGORITHM', '`sha${384}`', "'sha' + '384'"];
const ENCODINGS = ["'hex'", "'base64'", "'base64url'", "'latin1'", "'binary'", "'HEX'", "'utf8'", 'ENCODING', ''];
const INPUTS = ['encoded', 'JSON.stringify(payload)', 'payload', 'body', 'encoded + ""', '`${encoded}`', 'path', 'nonce + path', 'Buffer.from(encoded)', 'encoded.toString()', 'message'];

const algorithm = fc.constantFrom(...ALGORITHMS);
const encoding = fc.constantFrom(...ENCODINGS);
const hmacInput = fc.oneof({ weight: 6, arbitrary: fc.constant('encoded') }, { weight: 4, arbitrary: fc.constantFrom(...INPUTS) });
const hmacKey = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('API_SECRET', 'secret', 'this.apiSecret', 'apiSecret') }, { weight: 2, arbitrary: secretExpr }, { weight: 1, arbitrary: keyExpr });

// ---------------------------------------------------------------------------------------------
// the pieces of one signed request

/** Which imports a piece of code uses (by the local name it relies on). */
type Uses = readonly string[];

interface Piece {
  code: string;
  uses: Uses;
}

const piece = (code: string, ...uses: string[]): Piece => ({ code, uses });

/** `const payload = { request, nonce, ...params }` and its variations. */
const payloadDecl: fc.Arbitrary<Piece> = fc
  .record({
    request: fc.oneof(
      { weight: 5, arbitrary: literalOf(pathText) },
      { weight: 2, arbitrary: fc.constantFrom('path', 'endpoint', '`/v1/order/${action}`', "'/v1/' + route", 'PATHS.balances', 'REQUEST_PATH') },
    ),
    // present five times in six (fc.option's freq: null one time in `freq`)
    nonce: fc.option(nonceExpr, { freq: 6 }),
    shape: fc.nat({ max: 9 }),
    extras: fc.subarray(["symbol: 'btcusd'", "amount: '1'", 'price', "side: 'buy'", "type: 'exchange limit'", "account: 'primary'", 'order_id: id', '...params', '...{ options: [] }', "['client_order_id']: cid"]),
  })
  .map(({ request, nonce, shape, extras }) => {
    const nonceEntry = nonce === null ? [] : [shape === 1 ? `get nonce() { return ${nonce}; }` : `nonce: ${nonce}`];
    const requestEntry = shape === 2 ? `['request']: ${request}` : shape === 3 ? `'request': ${request}` : `request: ${request}`;
    const entries = shape === 4 ? [...extras, ...nonceEntry, requestEntry] : [requestEntry, ...nonceEntry, ...extras];
    if (shape === 5) return piece(`const payload = Object.assign({ ${requestEntry} }, params, { ${nonceEntry.join(', ')} });`);
    if (shape === 6) return piece(`const payload = {};\npayload.request = ${request};\npayload['nonce'] = ${nonce ?? 'undefined'};`);
    if (shape === 7) return piece(`let payload;\npayload = { ${entries.join(', ')} };`);
    if (shape === 8) return piece(`const { payload = { ${entries.join(', ')} } } = opts ?? {};`);
    return piece(`const payload = { ${entries.join(', ')} };`);
  });

const ENCODERS: Piece[] = [
  piece("const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');"),
  piece("const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64');"),
  piece("const encoded = new Buffer(JSON.stringify(payload)).toString('base64');"),
  piece("const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');"),
  piece('const encoded = btoa(JSON.stringify(payload));'),
  piece('const encoded = CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(JSON.stringify(payload)));', 'CryptoJS'),
  piece('const body = JSON.stringify(payload);\nconst encoded = Buffer.from(body).toString("base64");'),
  piece('const encoded = JSON.stringify(payload);'),
  piece('const encoded = payload;'),
  piece("const encoded = Buffer.from(JSON.stringify(payload)).toString('hex');"),
  piece('const encoded = toBase64(payload);\nfunction toBase64(p) { return Buffer.from(JSON.stringify(p)).toString("base64"); }'),
];

const encodeDecl: fc.Arbitrary<Piece> = fc.constantFrom(...ENCODERS);

/** The HMAC, in each library flavour, with random algorithm, encoding, input and key. */
const signDecl: fc.Arbitrary<Piece> = fc
  .record({ flavour: fc.nat({ max: 3 }), variant: fc.nat({ max: 5 }), algorithm, encoding, input: hmacInput, key: hmacKey })
  .map(({ flavour, variant, algorithm: alg, encoding: enc, input, key }) => {
    if (flavour === 0) {
      // node:crypto
      switch (variant) {
        case 0:
          return piece(`const signature = crypto.createHmac(${alg}, ${key}).update(${input}).digest(${enc});`, 'crypto');
        case 1:
          return piece(`const hmac = crypto.createHmac(${alg}, ${key});\nhmac.update(${input});\nconst signature = hmac.digest(${enc});`, 'crypto');
        case 2:
          return piece(`const signature = createHmac(${alg}, ${key}).update(${input}, 'utf8').digest().toString(${enc});`, 'createHmac');
        case 3:
          return piece(`const signature = crypto.createHmac(${alg}, Buffer.from(${key}, 'utf8')).update(Buffer.from(${input})).digest(${enc});`, 'crypto');
        case 4:
          return piece(`const signature = crypto.createHash(${alg}).update(${input}).digest(${enc});`, 'crypto');
        default:
          return piece(`const sign = (m, k = ${key}) => crypto.createHmac(${alg}, k).update(m).digest(${enc});\nconst signature = sign(${input});`, 'crypto');
      }
    }
    if (flavour === 1) {
      // crypto-js
      const fn = alg.includes('256') ? 'HmacSHA256' : alg.includes('512') ? 'HmacSHA512' : alg.includes('md5') ? 'HmacMD5' : 'HmacSHA384';
      const out = enc.includes('base64') ? 'CryptoJS.enc.Base64' : enc.includes('hex') ? 'CryptoJS.enc.Hex' : '';
      switch (variant) {
        case 0:
          return piece(`const signature = CryptoJS.${fn}(${input}, ${key}).toString(${out});`, 'CryptoJS');
        case 1:
          return piece(`const signature = HmacSHA384(${input}, ${key}).toString();`, 'HmacSHA384');
        case 2:
          return piece(`const signature = CryptoJS.enc.Hex.stringify(CryptoJS.${fn}(${input}, ${key}));`, 'CryptoJS');
        case 3:
          return piece(`const signature = CryptoJS.algo.HMAC.create(CryptoJS.algo.SHA384, ${key}).update(${input}).finalize().toString(${out});`, 'CryptoJS');
        default:
          return piece(`const signature = CryptoJS.enc.Base64.stringify(CryptoJS.${fn}(${input}, ${key}));`, 'CryptoJS');
      }
    }
    if (flavour === 2) {
      // WebCrypto
      const hash = alg.includes('256') ? "'SHA-256'" : alg.includes('512') ? "{ name: 'SHA-512' }" : variant % 2 === 0 ? "'SHA-384'" : "{ name: 'SHA-384' }";
      const subtle = variant > 2 ? 'globalThis.crypto.subtle' : 'crypto.subtle';
      const hex =
        variant === 4
          ? "Buffer.from(raw).toString('base64')"
          : "Array.from(new Uint8Array(raw), (b) => b.toString(16).padStart(2, '0')).join('')";
      return piece(
        `const te = new TextEncoder();\nconst cryptoKey = await ${subtle}.importKey('raw', te.encode(${key}), { name: 'HMAC', hash: ${hash} }, false, ['sign']);\nconst raw = await ${subtle}.sign('HMAC', cryptoKey, te.encode(${input}));\nconst signature = ${hex};`,
      );
    }
    // @noble/hashes
    const hashFn = alg.includes('256') ? 'sha256' : alg.includes('512') ? 'sha512' : 'sha384';
    switch (variant) {
      case 0:
        return piece(`const signature = bytesToHex(hmac(${hashFn}, ${key}, ${input}));`, 'hmac', hashFn, 'bytesToHex');
      case 1:
        return piece(`const signature = bytesToHex(hmac(${hashFn}, utf8ToBytes(${key}), utf8ToBytes(${input})));`, 'hmac', hashFn, 'bytesToHex');
      case 2:
        return piece(`const signature = Buffer.from(hmac(${hashFn}, ${key}, ${input})).toString(${enc || "'hex'"});`, 'hmac', hashFn);
      default:
        return piece(`const signature = bytesToHex(hmac.create(${hashFn}, ${key}).update(${input}).digest());`, 'hmac', hashFn, 'bytesToHex');
    }
  });

const HEADER_NAMES = {
  apiKey: ["'X-GEMINI-APIKEY'", "'x-gemini-apikey'", "'X-Gemini-APIKey'", '[KEY_HEADER]'],
  payload: ["'X-GEMINI-PAYLOAD'", "'x-gemini-payload'", '[`X-GEMINI-${"PAYLOAD"}`]'],
  signature: ["'X-GEMINI-SIGNATURE'", "'x-gemini-signature'", '[SIGNATURE_HEADER]'],
};

/** The authentication headers: all, some or none of the three, in the shapes clients write them. */
const headersDecl: fc.Arbitrary<Piece> = fc
  .record({
    // each header present seven times in eight
    apiKey: fc.option(fc.tuple(fc.constantFrom(...HEADER_NAMES.apiKey), fc.oneof(fc.constantFrom('API_KEY', 'apiKey', 'this.apiKey'), keyExpr)), { freq: 8 }),
    payload: fc.option(fc.tuple(fc.constantFrom(...HEADER_NAMES.payload), fc.constantFrom('encoded', 'encoded', 'payload', 'JSON.stringify(payload)', 'signature')), { freq: 8 }),
    signature: fc.option(fc.tuple(fc.constantFrom(...HEADER_NAMES.signature), fc.constantFrom('signature', 'signature', 'encoded', 'signature.toUpperCase()')), { freq: 8 }),
    shape: fc.nat({ max: 5 }),
    extra: fc.subarray(["'Content-Type': 'text/plain'", "'Content-Length': '0'", "'Cache-Control': 'no-cache'", '...extraHeaders']),
  })
  .map(({ apiKey, payload, signature, shape, extra }) => {
    const pairs = [apiKey, payload, signature].filter((p): p is [string, string] => p !== null);
    const prelude = "const KEY_HEADER = 'X-GEMINI-APIKEY';\nconst SIGNATURE_HEADER = 'X-GEMINI-SIGNATURE';\n";
    const computed = pairs.some(([n]) => n.startsWith('['));
    const pre = computed ? prelude : '';
    if (shape === 1) {
      // written one by one after creation
      const writes = pairs.map(([n, v]) => `headers[${n.startsWith('[') ? n.slice(1, -1) : n}] = ${v};`).join('\n');
      return piece(`${pre}const headers = { ${extra.join(', ')} };\n${writes}`);
    }
    if (shape === 2) {
      const writes = pairs.map(([n, v]) => `headers.set(${n.startsWith('[') ? n.slice(1, -1) : n}, ${v});`).join('\n');
      return piece(`${pre}const headers = new Headers();\n${writes}`);
    }
    if (shape === 3) {
      return piece(`${pre}const headers = makeHeaders();\nfunction makeHeaders() { return { ${[...pairs.map(([n, v]) => `${n}: ${v}`), ...extra].join(', ')} }; }`);
    }
    return piece(`${pre}const headers = { ${[...extra, ...pairs.map(([n, v]) => `${n}: ${v}`)].join(', ')} };`);
  });

/** The URL a request goes to, built from a base and a path in the ways clients do. */
const urlExpr: Arb = fc
  .record({ shape: fc.nat({ max: 10 }), base: literalOf(baseText), path: literalOf(pathText) })
  .map(({ shape, base, path }) => {
    switch (shape) {
      case 0:
        return `${base} + ${path}`;
      case 1:
        return `BASE_URL + ${path}`;
      case 2:
        return `\`\${BASE_URL}\${path}\``;
      case 3:
        return `new URL(${path}, BASE_URL)`;
      case 4:
        return `new URL(${path}, BASE_URL).toString()`;
      case 5:
        return `BASE_URL.concat(${path})`;
      case 6:
        return `[BASE_URL, ${path}].join('')`;
      case 7:
        return `this.baseUrl + path`;
      case 8:
        return '`https://${HOST}${path}`';
      case 9:
        return 'url';
      default:
        return path;
    }
  });

const METHODS = ["'POST'", "'GET'", "'post'", "'Get'", 'method', "'PUT'"];
const method = fc.constantFrom(...METHODS);

/** The request itself, through each HTTP client the analysis knows. */
const transportStmt: fc.Arbitrary<Piece> = fc
  .record({ client: fc.nat({ max: 13 }), url: urlExpr, method, path: literalOf(pathText), base: literalOf(baseText), body: fc.constantFrom('null', 'encoded', 'JSON.stringify(payload)', 'undefined', "''") })
  .map(({ client, url, method: m, path, base, body }) => {
    switch (client) {
      case 0:
        return piece(`const res = await fetch(${url}, { method: ${m}, headers, body: ${body} });\nreturn res.json();`);
      case 1:
        return piece(`const { data } = await axios.post(${url}, ${body}, { headers });\nreturn data;`, 'axios');
      case 2:
        return piece(`return axios.get(${url}, { headers });`, 'axios');
      case 3:
        return piece(`return axios({ method: ${m}, url: ${url}, headers, data: ${body} });`, 'axios');
      case 4:
        return piece(`const api = axios.create({ baseURL: ${base}, timeout: 5000 });\nreturn api.post(${path}, ${body}, { headers });`, 'axios');
      case 5:
        return piece(`return got.post(${url}, { headers, body: ${body} }).json();`, 'got');
      case 6:
        return piece(`return got(${path}, { prefixUrl: ${base}, method: ${m}, headers });`, 'got');
      case 7:
        return piece(`return ky.post(${url}, { headers }).json();`, 'ky');
      case 8:
        return piece(`return superagent.post(${url}).set(headers).send(${body});`, 'superagent');
      case 9:
        return piece(`const req = https.request({ hostname: 'api.gemini.com', path: ${path}, method: ${m}, headers }, (r) => r.resume());\nreq.end();`, 'https');
      case 10:
        return piece(`const req = https.request(${url}, { method: ${m} });\nreq.setHeader('X-GEMINI-PAYLOAD', encoded);\nreq.setHeader('X-GEMINI-SIGNATURE', signature);\nreq.end();`, 'https');
      case 11:
        return piece(`const ws = new WebSocket(${base} + '/v1/order/events', { headers });\nws.on('message', (m) => m);`, 'WebSocket');
      case 12:
        return piece(`const { body: out } = await request(${url}, { method: ${m}, headers });\nreturn out.json();`, 'request');
      default:
        return piece(`return http.request({ host: 'api.gemini.com', path: ${path}, method: ${m}, headers });`, 'http');
    }
  });

const LOGGERS = ['console.log', 'console.info', 'console.debug', 'console.error', 'console.warn', 'console.table', 'console.dir', 'logger.info', 'log.debug', 'debug', 'console["log"]', 'console?.log', 'process.stdout.write'];
const LOGGED = ['API_KEY', 'API_SECRET', 'apiKey', 'secret', 'signature', 'headers', 'payload', 'encoded', '{ headers }', '`key=${API_KEY}`', 'JSON.stringify(headers)', "headers['X-GEMINI-SIGNATURE']", "'nonce', payload.nonce", 'err', "'sent'", 'process.env.GEMINI_API_SECRET', 'this.apiSecret'];

/** A log call of one of the request's values. */
const loggerStmt: fc.Arbitrary<Piece> = fc
  .tuple(fc.constantFrom(...LOGGERS), fc.constantFrom(...LOGGED), fc.nat({ max: 2 }))
  .map(([logger, value, style]) => piece(style === 0 ? `${logger}(${value});` : style === 1 ? `${logger}('[gemini] request', ${value});` : `${logger}(\`signed: \${${value.replace(/^\{ (\w+) \}$/, '$1')}}\`);`, logger.split(/[.[?]/)[0]!));

/** One signed request: payload, encoding, HMAC, headers, transport, maybe a log — shuffled, dropped, doubled. */
const requestFlow: fc.Arbitrary<Piece[]> = fc
  .record({
    payload: payloadDecl,
    encode: encodeDecl,
    sign: signDecl,
    headers: headersDecl,
    transport: transportStmt,
    logs: fc.array(loggerStmt, { maxLength: 2 }),
    drop: rarely(fc.nat({ max: 3 }), 6),
    swap: rarely(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 })), 6),
  })
  .map(({ payload, encode, sign, headers, transport, logs, drop, swap }) => {
    const steps: Piece[] = [payload, encode, sign, headers];
    if (swap) {
      const [a, b] = swap;
      [steps[a], steps[b]] = [steps[b]!, steps[a]!];
    }
    if (drop !== null && drop < steps.length) steps.splice(drop, 1);
    return [...steps, ...logs, transport];
  });

// ---------------------------------------------------------------------------------------------
// wrappers, clients, odd syntax

/** Puts a flow's statements somewhere: functions, loops, Promise.all, classes, try, switch… */
function wrap(kind: number, body: string, name: string): string {
  const indented = body.split('\n').map((l) => `  ${l}`).join('\n');
  switch (kind) {
    case 0:
      return `export async function ${name}(path, params = {}, method = 'POST') {\n${indented}\n}`;
    case 1:
      return `const ${name} = async (path, { id, price } = {}) => {\n${indented}\n};`;
    case 2:
      return `async function ${name}(ids) {\n  for (const id of ids) {\n${indented}\n  }\n}`;
    case 3:
      return `async function ${name}(items) {\n  await Promise.all(items.map(async (item, i) => {\n${indented}\n  }));\n}`;
    case 4:
      return `const ${name} = {\n  async run(path) {\n${indented}\n  },\n};`;
    case 5:
      return `async function ${name}(path) {\n  try {\n${indented}\n  } catch (err) {\n    console.error(err);\n  }\n}`;
    case 6:
      return `function* ${name}(path) {\n  switch (path) {\n    case '/v1/balances': {\n      yield (async () => {\n${indented}\n      })();\n      break;\n    }\n    default:\n  }\n}`;
    case 7:
      return `setInterval(async () => {\n${indented}\n}, 1000);`;
    case 8:
      return `export default async function ${name}(url, path) {\n  if (url) {\n${indented}\n  } else {\n    return null;\n  }\n}`;
    case 9:
      return `(async function ${name}() {\n  let i = 0;\n  while (i++ < 3) {\n${indented}\n  }\n})();`;
    default:
      return `async function ${name}(path) {\n  ${name}: {\n${indented}\n  }\n}`;
  }
}

/** A class-based client: key and secret in fields (public, `#private`, TS `private readonly`), a request method, helpers. */
function clientClass(typescript: boolean): fc.Arbitrary<Piece[]> {
  return fc
    .record({
      name: fc.constantFrom('GeminiClient', 'Exchange', 'Client', 'GeminiRest'),
      privateField: fc.boolean(),
      decorators: fc.boolean(),
      baseUrl: literalOf(baseText),
      flow: requestFlow,
      getter: fc.boolean(),
      extendsBase: fc.boolean(),
      staticCreate: fc.boolean(),
      key: keyExpr,
      secret: secretExpr,
    })
    .map(({ name, privateField, decorators, baseUrl, flow, getter, extendsBase, staticCreate, key, secret }) => {
      const secretRef = privateField && !typescript ? 'this.#apiSecret' : 'this.apiSecret';
      const body = flow
        .map((p) => p.code.replace(/\bAPI_SECRET\b|\bsecret\b(?!\w)/g, secretRef).replace(/\bAPI_KEY\b/g, 'this.apiKey').replace(/BASE_URL/g, 'this.baseUrl'))
        .join('\n')
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n');
      const ts = typescript;
      const fields = ts
        ? `  private readonly apiKey: string;\n  private readonly apiSecret: string;\n  public baseUrl: string = ${baseUrl};\n  private nonce = Date.now();`
        : `  ${privateField ? '#apiSecret;' : 'apiSecret;'}\n  baseUrl = ${baseUrl};\n  nonce = Date.now();`;
      const ctorParams = ts ? `{ apiKey = ${key}, apiSecret = ${secret} }: { apiKey?: string; apiSecret?: string } = {}` : `{ apiKey = ${key}, apiSecret = ${secret} } = {}`;
      const ctor = `  constructor(${ctorParams}) {\n${extendsBase ? '    super();\n' : ''}    this.apiKey = apiKey;\n    ${ts ? 'this.apiSecret' : privateField ? 'this.#apiSecret' : 'this.apiSecret'} = apiSecret;\n  }`;
      const getterCode = getter ? `  get authHeaders() {\n    return { 'X-GEMINI-APIKEY': this.apiKey };\n  }\n  nextNonce() {\n    return this.nonce++;\n  }` : '';
      const request = `  ${ts && decorators ? '@logged()\n  ' : ''}async request(path${ts ? ': string' : ''}, params${ts ? ': Record<string, unknown>' : ''} = {}, method = 'POST') {\n${body}\n  }`;
      const helpers = `  balances() {\n    return this.request('/v1/balances');\n  }\n  newOrder(o${ts ? ': object' : ''}) {\n    return this.request('/v1/order/new', o);\n  }\n  withdraw(address${ts ? ': string' : ''}) {\n    return this['request']('/v1/withdraw/btc', { address });\n  }`;
      const create = staticCreate ? `  static create() {\n    return new ${name}();\n  }\n  static { ${name}.instances = 0; }` : '';
      const head = `${ts && decorators ? '@Injectable()\n' : ''}export class ${name}${extendsBase ? ' extends EventEmitter' : ''} {`;
      const members = [fields, ctor, getterCode, request, helpers, create].filter(Boolean).join('\n');
      const uses = flow.flatMap((p) => p.uses);
      return [piece(`${head}\n${members}\n}\nexport const client = ${staticCreate ? `${name}.create()` : `new ${name}()`};\nclient?.balances?.().then((r) => r);`, ...uses)];
    });
}

/** Odd but valid statements: each in its own block so its names never clash. */
export const ODD_STATEMENTS = [
  'const o = { ...spread, [computed]: 1, get nonce() { return Date.now(); }, set x(v) {}, async *gen() {}, "X-GEMINI-APIKEY": undefined };',
  'a?.b?.(c)?.[d]?.["X-GEMINI-SIGNATURE"];',
  "headers['X-GEMINI-SIGNATURE'] ??= signature;",
  "new Function('a', 'return a')(1);",
  'tag`x${y}z${`nested ${w}`}`;',
  'class K { static #p = 1; static { this.q = 2; } #m() { return this.#p; } get [Symbol.iterator]() { return null; } }',
  'label: for (;;) { break label; }',
  "void 0, (0, eval)('1');",
  'delete obj[key];',
  'let { a = 1, b: { c } = {}, ...rest } = obj ?? {};',
  'x = y = z;',
  'const re = /api\\.gemini\\.com\\/v1\\/(?<p>[a-z]+)/giu;',
  'const big = 123n ** 2n;',
  'const sep = 1_000_000;',
  'const here = import.meta.url;',
  'const r = r + 1;',
  'let p = { request: p.request, nonce: p };',
  'let c1 = c2; let c2 = c1; const c3 = { request: c1, nonce: c2 };',
  'function rec(x) { return rec(x) + rec; }',
  'function ping(n) { return pong(n); } function pong(n) { return ping(n); } const v = ping(1);',
  'const h = {}; h[h] = h; h.h = h.h;',
  "const s = 'X-GEMINI-' + 'SIGNATURE'; headers[s] = headers[s];",
  "const self = { get me() { return self.me; }, request: self?.request ?? '/v1/balances' };",
  'arguments;',
  'if (a) b(); else if (c) d(); else { e(); }',
  "(function f() { return f; })()('/v1/order/new');",
  "const fn = async function* () { yield* [1, 2]; for await (const x of xs) { x; } };",
  'const arr = [, , ...[1, , 2]];',
  "const { 'X-GEMINI-APIKEY': k = 'x', ...others } = headers;",
  "const tpl = `${`${`${'deep'}`}`}`;",
  'const seq = (a, b, c);',
  'const cond = a ? b ? c : d : e;',
  "const uni = 'api.gemini\\u002ecom' + '\\x2fv1';",
  'const ünï = 1; const \\u0061pi = ünï;',
  "const hmac = crypto['create' + 'Hmac']('sha384', secret);",
  "const cfg = JSON.parse('{\"request\":\"/v1/balances\"}');",
  'const chained = a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p;',
  'do { continue; } while (false);',
  "switch (x) { case 'a': case 'b': break; default: }",
  'try { throw new Error("x"); } catch { } finally { }',
  'const lazy = () => () => () => ({ request: "/v1/orders", nonce: Date.now() });',
  "Object.defineProperty(globalThis, 'secret', { get() { return process.env.GEMINI_API_SECRET; } });",
  'const prox = new Proxy({}, { get: (t, k) => k });',
  "const wm = new WeakMap([[{}, 'X-GEMINI-PAYLOAD']]);",
  "const { default: dyn } = await import('./gemini.js');",
  "const bound = fetch.bind(null, 'https://api.gemini.com/v1/balances');",
  "const call = fetch.call(null, 'https://api.gemini.com/v1/orders', { method: 'GET' });",
  "const applied = Reflect.apply(fetch, null, ['https://api.gemini.com/v1/mytrades']);",
  "const sig2 = require('crypto').createHmac('sha384', process.env.GEMINI_API_SECRET).update(b64).digest('hex');",
  'debugger;',
  "// eslint-disable-next-line gemini-guard/valid-nonce\nconst skipped = { request: '/v1/balances', nonce: 1 };",
  "// gemini-guard-ignore-next-line\nconst ignored = 'http://api.gemini.com';",
  '/* X-GEMINI-SIGNATURE */ /** @type {string} */ const commented = /* account- */ 1;',
];

export const ODD_TS_STATEMENTS = [
  'const v = (x as unknown as string)!;',
  'type T = { [k: string]: T };',
  "enum E { A = 'X-GEMINI-APIKEY', B = A.length }",
  'declare const g: any;',
  'namespace N { export const k = 1; }',
  'abstract class A { abstract sign(p: string): string; protected constructor(private readonly apiSecret: string) {} }',
  "const sat = { request: '/v1/balances' } satisfies Record<string, string>;",
  'function gen<T extends string>(x: T): T { return x; }',
  "let definite!: string; definite = process.env.GEMINI_API_SECRET as string;",
  "const tup: readonly [string, number] = ['a', 1] as const;",
  'interface Opts { apiKey: string; apiSecret?: string; readonly nonce: () => number }',
  'class P { constructor(public apiKey: string, private apiSecret: string) {} accessor token = 1; }',
  "const fnType: (a: string) => Promise<void> = async (a) => { await fetch(a); };",
  'let u: string | undefined = undefined; u ??= process.env.GEMINI_API_KEY!;',
  "@sealed class Dec { @prop() k = 1; method(@inject() p: string) { return p; } }",
];

const ODD_JSX = [
  'const el = <div title={API_KEY} {...props}>{API_SECRET}<></></div>;',
  "const Comp = () => <input value={process.env.NEXT_PUBLIC_GEMINI_API_SECRET} data-key=\"account-XXXXXXXXXXXXXXXXXXXX\" />;",
  'const nested = <A.B.C x={<b>{`${y}`}</b>} />;',
];

function oddStatement(typescript: boolean, jsx: boolean): Arb {
  const pool = [...ODD_STATEMENTS, ...(typescript ? ODD_TS_STATEMENTS : []), ...(jsx ? ODD_JSX : [])];
  return fc.constantFrom(...pool).map((s) => `{\n${s}\n}`);
}

/** Code for other APIs that looks similar: the near-misses rules must stay silent on. */
const COUNTER_EVIDENCE = [
  "const amz = { 'x-amz-date': now, Authorization: 'AWS4-HMAC-SHA256 Credential=' + scope };\nconst kSigning = crypto.createHmac('sha256', kService).update('aws4_request').digest();",
  "const hubSig = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(rawBody).digest('hex');\nif (req.headers['x-hub-signature-256'] !== hubSig) throw new Error('bad');",
  "const q = `symbol=BTCUSDT&timestamp=${Date.now()}`;\nconst bsig = crypto.createHmac('sha256', process.env.BINANCE_SECRET).update(q).digest('hex');\nfetch('https://api.binance.com/api/v3/order?' + q + '&signature=' + bsig, { method: 'POST', headers: { 'X-MBX-APIKEY': process.env.BINANCE_KEY } });",
  "const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);\nconst model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });\nconsole.log(process.env.GEMINI_API_KEY);",
  "fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key=' + process.env.GEMINI_API_KEY);",
];

const PRELUDES: Record<string, readonly string[]> = {
  API_KEY: ['const API_KEY = %KEY%;', 'export const API_KEY = %KEY%;', 'let API_KEY = %KEY%;', 'const { GEMINI_API_KEY: API_KEY = %KEY% } = process.env;'],
  API_SECRET: ['const API_SECRET = %SECRET%;', 'export const API_SECRET = %SECRET%;', 'const API_SECRET = String(%SECRET%);', 'var API_SECRET = %SECRET%;'],
  BASE_URL: ['const BASE_URL = %BASE%;', 'const BASE_URL = process.env.GEMINI_BASE_URL ?? %BASE%;', 'const BASE_URL = sandbox ? %BASE% : "https://api.gemini.com";'],
  HOST: ["const HOST = 'api.gemini.com';", "const HOST = 'api.sandbox.gemini.com';", "const HOST = 'example.com';"],
  ALGORITHM: ["const ALGORITHM = 'sha384';", "const ALGORITHM = 'sha256';"],
  ENCODING: ["const ENCODING = 'hex';", "const ENCODING = 'base64';"],
  REQUEST_PATH: ["const REQUEST_PATH = '/v1/balances';", 'const REQUEST_PATH = `/v1/order/${"new"}`;'],
  PATHS: ["const PATHS = { balances: '/v1/balances', order: '/v1/order/new' };", "const PATHS = Object.freeze({ balances: '/v1/balances' });"],
  misc: ["let nonce = Date.now();\nlet counter = 0;\nconst config = { apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET };\nconst logger = { info: console.log };"],
};

const IMPORTS: Record<string, readonly string[]> = {
  crypto: ["import crypto from 'node:crypto';", "import * as crypto from 'crypto';", "const crypto = require('crypto');"],
  createHmac: ["import { createHmac } from 'node:crypto';", "const { createHmac } = require('crypto');"],
  CryptoJS: ["import CryptoJS from 'crypto-js';", "const CryptoJS = require('crypto-js');"],
  HmacSHA384: ["import HmacSHA384 from 'crypto-js/hmac-sha384';"],
  axios: ["import axios from 'axios';", "const axios = require('axios').default;"],
  got: ["import got from 'got';"],
  ky: ["import ky from 'ky';"],
  superagent: ["import superagent from 'superagent';", "const superagent = require('superagent');"],
  https: ["import https from 'node:https';", "import * as https from 'https';", "const https = require('https');"],
  http: ["import http from 'node:http';", "const http = require('http');"],
  WebSocket: ["import WebSocket from 'ws';"],
  request: ["import { request } from 'undici';"],
  hmac: ["import { hmac } from '@noble/hashes/hmac';"],
  sha384: ["import { sha384 } from '@noble/hashes/sha512';"],
  sha512: ["import { sha512 } from '@noble/hashes/sha512';"],
  sha256: ["import { sha256 } from '@noble/hashes/sha256';"],
  bytesToHex: ["import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';"],
  debug: ["import createDebug from 'debug';\nconst debug = createDebug('gemini');"],
  log: ["import log from 'loglevel';"],
};

const EXTRA_IMPORTS = [
  "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
  "import GeminiAPI from 'gemini-api';",
  "import { GoogleGenerativeAI } from '@google/generative-ai';",
  "import 'dotenv/config';",
  "import { EventEmitter } from 'node:events';",
  "import * as ccxt from 'ccxt';\nconst exchange = new ccxt.gemini({ apiKey: process.env.GEMINI_API_KEY, secret: process.env.GEMINI_API_SECRET });",
];

/**
 * A whole module in JavaScript or TypeScript (JSX or not): imports, constants, one or two request
 * flows, maybe a client class, odd code and near-miss code for other APIs.
 */
export function programArb(typescript: boolean): fc.Arbitrary<Program> {
  return fc.boolean().chain((jsx) =>
    fc
      .record({
        // one request flow, sometimes two (each wrapped its own way)
        flows: fc.array(fc.tuple(requestFlow, fc.nat({ max: 10 })), { minLength: 1, maxLength: 2, size: 'xsmall' }),
        client: rarely(clientClass(typescript), 4),
        // each constant present four times in five (fc.option's freq: null one time in `freq`)
        prelude: fc.record(Object.fromEntries(Object.entries(PRELUDES).map(([k, v]) => [k, fc.option(fc.constantFrom(...v), { freq: 5 })]))),
        key: keyExpr,
        secret: secretExpr,
        base: literalOf(baseText),
        importChoice: fc.nat({ max: 5 }),
        dropImport: rarely(fc.nat({ max: 5 }), 8),
        extraImports: fc.subarray(EXTRA_IMPORTS, { maxLength: 2 }),
        odd: fc.array(oddStatement(typescript, jsx), { maxLength: 2, size: 'xsmall' }),
        counter: rarely(fc.constantFrom(...COUNTER_EVIDENCE), 5),
        directive: fc.constantFrom('', '', '', "'use client';\n", "'use strict';\n", '#!/usr/bin/env node\n'),
      })
      .map(({ flows, client, prelude, key, secret, base, importChoice, dropImport, extraImports, odd, counter, directive }) => {
        const pieces = [...flows.flatMap(([f]) => f), ...(client ?? [])];
        const used = [...new Set(pieces.flatMap((p) => p.uses))].filter((u) => IMPORTS[u]);
        const imports = used
          .filter((_, i) => dropImport === null || i !== dropImport)
          .map((u) => {
            const options = IMPORTS[u]!;
            return options[importChoice % options.length]!;
          });
        const constants = Object.values(prelude)
          .filter((p): p is string => typeof p === 'string')
          .map((p) => p.replace('%KEY%', () => key).replace('%SECRET%', () => secret).replace('%BASE%', () => base));
        const bodies = flows.map(([flow, kind], i) => wrap(kind, flow.map((p) => p.code).join('\n'), `request${i}`));
        const parts = [
          ...imports,
          ...extraImports,
          ...constants,
          ...(counter ? [`function otherApi() {\n${counter}\n}`] : []),
          ...bodies,
          ...(client ? client.map((p) => p.code) : []),
          ...odd,
        ];
        return { code: `${directive}${parts.join('\n\n')}\n`, typescript, jsx };
      }),
  );
}
