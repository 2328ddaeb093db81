import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-credential-logging.js';

const ruleTester = new RuleTester();

const lines = (...l: string[]): string => l.join('\n');

// A typical hand-written Gemini client; each test adds one logging line at the marked place.
const client = (logLine: string): string =>
  lines(
    "import crypto from 'node:crypto';",
    "import axios from 'axios';",
    'export class GeminiClient {',
    '  constructor(private apiKey: string, private apiSecret: string) {}',
    '  async post(path: string, params: object = {}) {',
    '    const body = { request: path, nonce: Date.now(), ...params };',
    "    const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
    "    const signature = crypto.createHmac('sha384', this.apiSecret).update(payload).digest('hex');",
    "    const headers = { 'Content-Type': 'text/plain', 'X-GEMINI-APIKEY': this.apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
    "    const config = { method: 'POST', url: 'https://api.gemini.com' + path, headers };",
    `    ${logLine}`,
    '    return axios.request(config);',
    '  }',
    '}',
  );

// A client that logs through its own helpers: a function, a rest-parameter arrow and a method.
const WRAPPERS = lines(
  'function debugLog(label, value) { console.log(`[bot] ${label}:`, value); }',
  'function note(label, value) { console.log(label); return value.length; }',
  'const trace = (...args) => console.debug(new Date().toISOString(), ...args);',
  'class GeminiClient {',
  '  constructor(apiKey, apiSecret) { this.apiKey = apiKey; this.apiSecret = apiSecret; }',
  '  log(message, data) { console.log(message, data); }',
  '  post(path) {',
  "    const payload = Buffer.from(JSON.stringify({ request: path, nonce: Date.now() })).toString('base64');",
  "    const signature = crypto.createHmac('sha384', this.apiSecret).update(payload).digest('hex');",
  "    const headers = { 'X-GEMINI-APIKEY': this.apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
  '    LOG_LINE',
  "    return fetch('https://api.gemini.com' + path, { method: 'POST', headers });",
  '  }',
  '}',
);
const throughWrapper = (logLine: string): string => WRAPPERS.replace('LOG_LINE', logLine);

ruleTester.run('no-credential-logging', rule, {
  valid: [
    { name: 'a helper that logs only its label, given the secret as its other argument', code: throughWrapper("note('secret length', this.apiSecret);") },
    { name: 'a logging helper given only safe values', code: throughWrapper("debugLog('path', path); trace('nonce', Date.now()); this.log('sent', { path });") },
    {
      name: 'names of the environment and single non-credential variables may be logged beside a Gemini secret',
      code: lines("const secret = process.env.GEMINI_API_SECRET;", 'console.log(Object.keys(process.env), process.env.NODE_ENV, Boolean(process.env.GEMINI_API_SECRET));', 'export { secret };'),
    },
    {
      name: 'dumping the environment in Google Gemini AI code is not about a Gemini exchange credential',
      code: lines("import { GoogleGenerativeAI } from '@google/generative-ai';", 'const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);', 'console.log(process.env);'),
    },
    {
      name: 'dumping the environment, or logging through a helper, in a Binance / AWS bot that also mentions gemini',
      code: lines(
        '// prices are compared with the gemini feed elsewhere',
        'const secret = process.env.BINANCE_API_SECRET;',
        'const aws = process.env.AWS_SECRET_ACCESS_KEY;',
        'function debugLog(label, value) { console.log(label, value); }',
        "const h = { 'X-MBX-APIKEY': process.env.BINANCE_API_KEY };",
        "debugLog('binance secret', secret);",
        'console.log(process.env, aws.length);',
      ),
    },
    {
      name: 'dumping the environment in a file that reads no Gemini credential from it',
      code: lines('// gemini price ticker: public data only', 'console.log(process.env);'),
    },
    // what is safe to log about a credential
    ...[
      'console.log(Boolean(this.apiKey));',
      "console.log('secret set:', !!this.apiSecret);",
      "console.info('key length', this.apiKey.length);",
      "console.debug('secret type', typeof this.apiSecret);",
      "console.log('secret', this.apiSecret ? 'set' : 'missing');",
      "console.log('key', redact(this.apiKey), mask(this.apiSecret));",
      "console.log(`key ${this.apiKey.slice(0, 4)}…`);",
      "console.log('request', path, body.nonce);",
      "console.log(headers['Content-Type']);",
      "console.log({ ...headers, 'X-GEMINI-APIKEY': '[redacted]', 'X-GEMINI-SIGNATURE': '[redacted]' });",
    ].map((line) => ({ name: `allows ${line}`, code: client(line) + '\ndeclare function redact(s: string): string; declare function mask(s: string): string;' })),
    {
      name: 'allows logging the base64 payload (it is the request, not a credential)',
      code: client("console.log('payload', payload, JSON.stringify(body));"),
    },
    {
      name: 'allows logging whether the environment holds the credentials',
      code: lines(
        "import 'dotenv/config';",
        "const BASE = 'https://api.gemini.com';",
        "console.log('GEMINI_API_KEY set:', Boolean(process.env.GEMINI_API_KEY));",
        "console.log('GEMINI_API_SECRET', process.env.GEMINI_API_SECRET ? 'present' : 'missing');",
        'const apiKeyLoaded = !!process.env.GEMINI_API_KEY;',
        'console.log({ apiKeyLoaded });',
      ),
    },
    {
      name: 'allows hashing a secret before logging its fingerprint',
      code: lines(
        "import { createHash } from 'node:crypto';",
        "const BASE = 'https://api.gemini.com';",
        'const apiSecret = process.env.GEMINI_API_SECRET!;',
        "console.log('secret fingerprint', createHash('sha256').update(apiSecret).digest('hex').slice(0, 8));",
      ),
    },
    {
      name: 'allows log lines that only name the credentials',
      code: lines("const BASE = 'https://api.gemini.com';", "console.error('Missing GEMINI_API_KEY or GEMINI_API_SECRET');", "logger.warn('apiSecret', 'is not set');", 'declare const logger: { warn(...a: unknown[]): void };'),
    },
    {
      name: 'allows credentials passed to things that are not loggers',
      code: lines(
        "const BASE = 'https://api.gemini.com';",
        'const apiSecret = process.env.GEMINI_API_SECRET!;',
        'sign(apiSecret); Math.log(apiSecret.length); catalog.error(apiSecret); blog.info(apiSecret);',
        'function log(x: unknown) { return x; } log(apiSecret);',
        'declare function sign(s: string): void; declare const catalog: any, blog: any;',
      ),
    },
    // near-misses: other APIs
    {
      name: "ignores Google Gemini AI's GEMINI_API_KEY",
      code: lines(
        "import { GoogleGenerativeAI } from '@google/generative-ai';",
        'const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);',
        "console.log('Using key', process.env.GEMINI_API_KEY);",
      ),
    },
    {
      name: 'ignores AWS SigV4 signing that logs its signing key',
      code: lines(
        "import crypto from 'node:crypto';",
        'const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY!;',
        "const kSigning = crypto.createHmac('sha256', 'AWS4' + secretAccessKey).update('aws4_request').digest();",
        "console.log('AWS4-HMAC-SHA256', secretAccessKey, kSigning);",
      ),
    },
    {
      name: 'ignores a GitHub webhook handler that logs its signature',
      code: lines(
        "import { createHmac } from 'node:crypto';",
        'export function verify(req: { headers: Record<string, string>; body: string }, secret: string) {',
        "  const signature = req.headers['x-hub-signature-256'];",
        "  const expected = 'sha256=' + createHmac('sha256', secret).update(req.body).digest('hex');",
        "  console.log('signature', signature, expected, secret);",
        '  return signature === expected;',
        '}',
      ),
    },
    {
      name: 'ignores a Binance client that logs its secret',
      code: lines(
        "import crypto from 'crypto';",
        'class Binance {',
        '  constructor(private apiKey: string, private apiSecret: string) {}',
        '  sign(query: string) {',
        "    console.log('signing with', this.apiSecret);",
        "    const signature = crypto.createHmac('sha256', this.apiSecret).update(query).digest('hex');",
        "    return { headers: { 'X-MBX-APIKEY': this.apiKey }, signature };",
        '  }',
        '}',
      ),
    },
    {
      name: 'ignores a generic secret in a file with no Gemini evidence',
      code: `const apiSecret = process.env.API_SECRET; console.log(apiSecret);`,
    },
    {
      name: 'ignores a placeholder key',
      code: `console.log('Set a key like account-XXXXXXXXXXXXXXXXXXXX');`,
    },
    // odd but valid code
    {
      name: 'does not crash on odd code',
      code: lines(
        "const BASE = 'https://api.gemini.com';",
        'declare const args: unknown[], method: "log", o: any;',
        'console.log();',
        'console.log(...args);',
        'console[method](o);',
        'console.log(o?.a?.[0]?.(), new Function("return 1")(), this, {}, [], [,], `${o}`);',
        'console.log({ ...o, [o.k]: o.v, get x() { return 1; } });',
        'let r: any; r = r; console.log(r, (0, o).x, o!.y as string);',
        'const a: any = {}; a.self = a; console.log(a);',
        'logger?.info?.(o);',
        'declare const logger: any;',
      ),
    },
  ],
  invalid: [
    {
      name: 'reports credentials passed to local helpers that log their parameters (function, rest arrow, method)',
      code: throughWrapper("this.log('signature', signature); trace('headers', headers); debugLog('secret', this.apiSecret);"),
      errors: [
        { messageId: 'loggedSignature', line: 11, column: 27, data: { logger: 'this.log' } },
        { messageId: 'loggedHeaders', line: 11, column: 56, data: { logger: 'trace' } },
        { messageId: 'loggedApiSecret', line: 11, column: 85, data: { logger: 'debugLog' } },
      ],
    },
    {
      name: 'reports logging the whole environment in a file that reads the Gemini secret from it',
      code: lines(
        "import { GeminiClient } from './gemini';",
        'const client = new GeminiClient(process.env.GEMINI_API_KEY, process.env.GEMINI_API_SECRET);',
        'console.log(process.env);',
      ),
      errors: [{ messageId: 'loggedEnvironment', line: 3, column: 13, data: { logger: 'console.log', env: 'process.env', name: 'GEMINI_API_SECRET' } }],
    },
    {
      name: 'reports the environment spread, stringified through an alias, and inspected in a template',
      code: lines(
        "import util from 'node:util';",
        'const { GEMINI_API_SECRET } = process.env;',
        'const env = process.env;',
        "console.debug('env', { ...process.env });",
        'console.log(JSON.stringify(env, null, 2));',
        'console.log(`env: ${util.inspect(process.env)}`);',
        'export const secret = GEMINI_API_SECRET;',
      ),
      errors: [
        { messageId: 'loggedEnvironment', line: 4, column: 27, data: { logger: 'console.debug', env: 'process.env', name: 'GEMINI_API_SECRET' } },
        { messageId: 'loggedEnvironment', line: 5, column: 13, data: { logger: 'console.log', env: 'process.env', name: 'GEMINI_API_SECRET' } },
        { messageId: 'loggedEnvironment', line: 6, column: 34, data: { logger: 'console.log', env: 'process.env', name: 'GEMINI_API_SECRET' } },
      ],
    },
    {
      name: 'reports the environment of Gemini exchange code that reads only the API key from it',
      code: lines(
        'const key = process.env.GEMINI_API_KEY;',
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key } });",
        'console.log(process.env);',
      ),
      errors: [{ messageId: 'loggedEnvironment', line: 3, column: 13, data: { logger: 'console.log', env: 'process.env', name: 'GEMINI_API_KEY' } }],
    },
    {
      name: 'reports the API secret held by a client class',
      code: client("console.log('secret', this.apiSecret);"),
      output: null,
      errors: [{ messageId: 'loggedApiSecret', data: { logger: 'console.log' }, line: 11, column: 27 }],
    },
    {
      name: 'reports the API key in a template literal',
      code: client('console.info(`Using Gemini key ${this.apiKey}`);'),
      output: null,
      errors: [{ messageId: 'loggedApiKey', data: { logger: 'console.info' }, line: 11, column: 38 }],
    },
    {
      name: 'reports the signature but not the payload',
      code: client("console.debug('signed', { payload, signature });"),
      output: null,
      errors: [{ messageId: 'loggedSignature', line: 11, column: 40 }],
    },
    {
      name: 'reports the headers object',
      code: client('console.log(headers);'),
      output: null,
      errors: [{ messageId: 'loggedHeaders', line: 11, column: 17 }],
    },
    {
      name: 'reports the axios config that holds the headers',
      code: client("console.dir(config, { depth: null });"),
      output: null,
      errors: [{ messageId: 'loggedHeaders', data: { logger: 'console.dir' }, line: 11, column: 17 }],
    },
    {
      name: 'reports headers serialised or spread into a log line',
      code: client("console.log('headers: ' + JSON.stringify(headers), { ...headers });"),
      output: null,
      errors: [
        { messageId: 'loggedHeaders', line: 11, column: 46 },
        { messageId: 'loggedHeaders', line: 11, column: 56 },
      ],
    },
    {
      name: 'reports the credentials read from the environment (dotenv)',
      code: lines(
        "require('dotenv').config();",
        'const { GEMINI_API_KEY, GEMINI_API_SECRET } = process.env;',
        "console.log('Loaded credentials', GEMINI_API_KEY, GEMINI_API_SECRET);",
        'console.log(process.env.GEMINI_API_SECRET);',
      ),
      output: null,
      errors: [
        { messageId: 'loggedApiKey', line: 3, column: 35 },
        { messageId: 'loggedApiSecret', line: 3, column: 51 },
        { messageId: 'loggedApiSecret', line: 4, column: 13 },
      ],
    },
    {
      name: 'reports a credential reached through a variable, at the argument',
      code: lines(
        "const BASE = 'https://api.gemini.com';",
        'const apiSecret = process.env.SECRET!;',
        "const line = 'secret=' + apiSecret;",
        'console.warn(line);',
      ),
      output: null,
      errors: [{ messageId: 'loggedApiSecret', data: { logger: 'console.warn' }, line: 4, column: 14 }],
    },
    {
      name: 'reports a config object that holds the credentials',
      code: lines(
        'const config = {',
        '  gemini: { apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET },',
        '  port: 3000,',
        '};',
        "console.log('config', config);",
        'console.log(config.gemini.apiSecret);',
      ),
      output: null,
      errors: [
        { messageId: 'loggedApiKey', line: 5, column: 23 },
        { messageId: 'loggedApiSecret', line: 5, column: 23 },
        { messageId: 'loggedApiSecret', line: 6, column: 13 },
      ],
    },
    {
      name: 'reports credentials in arrays and nested objects for console.table',
      code: lines("const BASE = 'https://api.gemini.com';", 'export function show(apiKey: string, apiSecret: string) {', '  console.table([{ apiKey, apiSecret }]);', '}'),
      output: null,
      errors: [
        { messageId: 'loggedApiKey', data: { logger: 'console.table' }, line: 3, column: 20 },
        { messageId: 'loggedApiSecret', line: 3, column: 28 },
      ],
    },
    {
      name: 'reports pino, winston and bunyan loggers recognised by their factory',
      code: lines(
        "import pino from 'pino';",
        "import winston from 'winston';",
        "import bunyan from 'bunyan';",
        "const BASE = 'https://api.gemini.com';",
        'const apiSecret = process.env.GEMINI_API_SECRET;',
        'const p = pino();',
        'const w = winston.createLogger({});',
        "const b = bunyan.createLogger({ name: 'bot' });",
        'p.info({ apiSecret }, "starting");',
        "w.error('auth failed', { secret: apiSecret });",
        "b.child({ mod: 'x' }).trace(apiSecret);",
      ),
      output: null,
      errors: [
        { messageId: 'loggedApiSecret', data: { logger: 'p.info' }, line: 9, column: 10 },
        { messageId: 'loggedApiSecret', data: { logger: 'w.error' }, line: 10, column: 34 },
        { messageId: 'loggedApiSecret', line: 11, column: 29 },
      ],
    },
    {
      name: 'reports the debug package',
      code: lines(
        "const debug = require('debug')('bot:gemini');",
        "const BASE = 'https://api.gemini.com';",
        'export function auth(apiKey: string) {',
        "  debug('auth with %s', apiKey);",
        '}',
      ),
      output: null,
      errors: [{ messageId: 'loggedApiKey', data: { logger: 'debug' }, line: 4, column: 25 }],
    },
    {
      name: 'reports this.logger in a trading bot and values that flow into the Gemini headers',
      code: lines(
        'class Bot {',
        '  private logger = console;',
        '  async order(key: string, sig: string) {',
        "    this.logger.info('sending', key, sig);",
        "    await fetch('https://api.gemini.com/v1/order/new', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-SIGNATURE': sig } });",
        '  }',
        '}',
      ),
      output: null,
      errors: [
        { messageId: 'loggedApiKey', data: { logger: 'this.logger.info' }, line: 4, column: 33 },
        { messageId: 'loggedSignature', line: 4, column: 38 },
      ],
    },
    {
      name: 'reports the key of the signing HMAC under any name',
      code: lines(
        "import CryptoJS from 'crypto-js';",
        'export function headers(k: string, s: string, payload: string) {',
        '  log.debug(`signing with ${s}`);',
        "  return { 'X-GEMINI-APIKEY': k, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': CryptoJS.HmacSHA384(payload, s).toString() };",
        '}',
        'declare const log: { debug(m: string): void };',
      ),
      output: null,
      errors: [{ messageId: 'loggedApiSecret', data: { logger: 'log.debug' }, line: 3, column: 29 }],
    },
    {
      name: 'reports credentials inside an Error, util.format and a Vite env read',
      code: lines(
        "import util from 'node:util';",
        "const BASE = 'https://api.gemini.com';",
        'export function check(apiKey: string) {',
        '  logger.error(new Error(`rejected key ${apiKey}`));',
        "  console.log(util.format('secret=%s', import.meta.env.VITE_GEMINI_API_SECRET));",
        '}',
        'declare const logger: { error(e: unknown): void };',
      ),
      output: null,
      errors: [
        { messageId: 'loggedApiKey', data: { logger: 'logger.error' }, line: 4, column: 42 },
        { messageId: 'loggedApiSecret', line: 5, column: 40 },
      ],
    },
    {
      name: 'reports the secret of a ccxt Gemini exchange',
      code: lines("import ccxt from 'ccxt';", 'const exchange = new ccxt.gemini({ apiKey: process.env.KEY, secret: process.env.SECRET });', "console.log('auth', exchange.apiKey, exchange.secret);"),
      output: null,
      errors: [
        { messageId: 'loggedApiKey', line: 3, column: 21 },
        { messageId: 'loggedApiSecret', line: 3, column: 38 },
      ],
    },
    {
      name: 'reports a hardcoded Gemini key written into a log line',
      code: `console.log('using', 'account-aB3dE5gH7jK9mN1pQ2rS');`,
      output: null,
      errors: [{ messageId: 'loggedApiKey', line: 1, column: 22 }],
    },
    {
      name: 'reports a credential behind a fallback or a ternary that shows it',
      code: client("console.log(this.apiSecret || 'none', path ? this.apiKey : '');"),
      output: null,
      errors: [
        { messageId: 'loggedApiSecret', line: 11, column: 17 },
        { messageId: 'loggedApiKey', line: 11, column: 50 },
      ],
    },
  ],
});
