import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-credential-logging.js';

// Issue 13, "Logged values: follow derived objects, respect redaction": objects that carry the
// signed headers (axios / got errors, Object.fromEntries(headers), a Headers object or request init
// built by a local helper, JSON.stringify of the options) are reported; redaction configured on the
// logger itself (pino `redact`, a winston format, a toJSON that drops them) makes logging safe.

const ruleTester = new RuleTester();

const lines = (...l: string[]): string => l.join('\n');

/** An axios client that signs and catches; the catch body is line 14. */
const axiosClient = (catchBody: string, request = "await axios.post('https://api.gemini.com' + path, {}, { headers });"): string =>
  lines(
    "import crypto from 'node:crypto';",
    "import axios from 'axios';",
    'const apiKey = process.env.GEMINI_API_KEY!;',
    'const apiSecret = process.env.GEMINI_API_SECRET!;',
    'export async function privatePost(path: string, params: object = {}) {',
    "  const payload = Buffer.from(JSON.stringify({ request: path, nonce: Date.now(), ...params })).toString('base64');",
    "  const signature = crypto.createHmac('sha384', apiSecret).update(payload).digest('hex');",
    "  const headers = { 'Content-Type': 'text/plain', 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
    '  try {',
    `    const res = ${request}`,
    '    return res.data;',
    '  } catch (err: any) {',
    '    // what to log when Gemini answers with an error',
    `    ${catchBody}`,
    '    throw err;',
    '  }',
    '}',
  );

/** A client whose request helper is called from a method with a promise .catch (line 12). */
const promiseClient = (handler: string): string =>
  lines(
    "import crypto from 'crypto';",
    "import axios from 'axios';",
    'export class Gemini {',
    '  constructor(private key: string, private secret: string) {}',
    '  private request(path: string) {',
    "    const payload = Buffer.from(JSON.stringify({ request: path, nonce: Date.now() })).toString('base64');",
    "    const sig = crypto.createHmac('sha384', this.secret).update(payload).digest('hex');",
    "    return axios.post(`https://api.gemini.com${path}`, null, { headers: { 'X-GEMINI-APIKEY': this.key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sig } });",
    '  }',
    '  balances() {',
    "    return this.request('/v1/balances')",
    `      .catch(${handler});`,
    '  }',
    '}',
  );

/** A fetch client whose headers and request init come from local helpers; the log line is 14. */
const helperClient = (logLine: string): string =>
  lines(
    "import { createHmac } from 'node:crypto';",
    'function signedHeaders(key: string, secret: string, payload: string): Headers {',
    '  const h = new Headers();',
    "  h.set('X-GEMINI-APIKEY', key);",
    "  h.set('X-GEMINI-PAYLOAD', payload);",
    "  h.set('X-GEMINI-SIGNATURE', createHmac('sha384', secret).update(payload).digest('hex'));",
    '  return h;',
    '}',
    'function requestInit(headers: Headers): RequestInit {',
    "  return { method: 'POST', headers, cache: 'no-store' };",
    '}',
    'export async function post(path: string, key: string, secret: string, payload: string) {',
    '  const headers = signedHeaders(key, secret, payload); const init = requestInit(headers);',
    `  ${logLine}`,
    "  return fetch('https://api.gemini.com' + path, init);",
    '}',
  );

/** A pino or winston logger configured at the top (line 3), used in the signer (line 12). */
const withLogger = (setup: string[], logLine: string): string =>
  lines(
    "import crypto from 'node:crypto';",
    ...setup,
    'export async function post(apiKey: string, apiSecret: string, path: string) {',
    "  const payload = Buffer.from(JSON.stringify({ request: path, nonce: Date.now() })).toString('base64');",
    "  const signature = crypto.createHmac('sha384', apiSecret).update(payload).digest('hex');",
    "  const headers = { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
    `  ${logLine}`,
    "  return fetch('https://api.gemini.com' + path, { method: 'POST', headers });",
    '}',
  );

const PINO_REDACTING = ["import pino from 'pino';", "const log = pino({ level: 'info', redact: ['headers[\"X-GEMINI-APIKEY\"]', 'headers[\"X-GEMINI-SIGNATURE\"]', 'req.headers.authorization'] });"];
const PINO_REDACTING_ALL = ["import pino from 'pino';", "const log = pino({ redact: { paths: ['*.headers', 'headers'], censor: '[redacted]' } });"];
const PINO_OTHER_REDACTION = ["import pino from 'pino';", "const log = pino({ redact: ['password', 'headers.cookie'] });"];
const WINSTON_STRIPPING = [
  "import winston from 'winston';",
  'const stripGemini = winston.format((info) => {',
  "  if (info.headers) { delete info.headers['X-GEMINI-APIKEY']; delete info.headers['X-GEMINI-SIGNATURE']; }",
  '  return info;',
  '});',
  'const log = winston.createLogger({ format: winston.format.combine(stripGemini(), winston.format.json()), transports: [new winston.transports.Console()] });',
];

ruleTester.run('no-credential-logging: derived objects and redaction', rule, {
  valid: [
    { name: 'logs the message and status of an axios error', code: axiosClient('console.error(err.message, err.response?.status, err.response?.data);') },
    { name: 'logs the error code and the response headers (the server’s)', code: axiosClient('console.warn(err.code, err.response?.headers);') },
    { name: 'logs the whole error of a fetch request (fetch errors carry no request)', code: axiosClient('console.error(err);', "await fetch('https://api.gemini.com' + path, { method: 'POST', headers });") },
    {
      name: 'logs an axios error from an unsigned public request',
      code: lines(
        "import axios from 'axios';",
        'export async function ticker() {',
        "  try { return (await axios.get('https://api.gemini.com/v1/pubticker/btcusd')).data; } catch (err) { console.error(err); }",
        '}',
      ),
    },
    {
      name: 'logs an axios error from a Binance request in a file that also signs Gemini requests elsewhere',
      code: lines(
        "import axios from 'axios';",
        "import crypto from 'crypto';",
        'export async function binance(query: string, key: string, secret: string) {',
        "  const signature = crypto.createHmac('sha256', secret).update(query).digest('hex');",
        "  try { return await axios.get(`https://api.binance.com/api/v3/account?${query}&signature=${signature}`, { headers: { 'X-MBX-APIKEY': key } }); }",
        '  catch (err) { console.error(err); }',
        '}',
        "export const note = 'gemini uses X-GEMINI-SIGNATURE';",
      ),
    },
    { name: 'a promise handler logging only the message', code: promiseClient('(e) => console.error(e.message)') },
    { name: 'logs the non-credential parts of a helper-built request init', code: helperClient('console.log(init.method, init.cache);') },
    { name: 'a pino logger redacting both Gemini headers by name', code: withLogger(PINO_REDACTING, "log.info({ headers }, 'sending');") },
    { name: 'a pino logger redacting every headers object', code: withLogger(PINO_REDACTING_ALL, 'log.debug({ request: { headers } });') },
    { name: 'a winston format deleting the Gemini headers', code: withLogger(WINSTON_STRIPPING, "log.info('sending', { headers });") },
    {
      name: 'a request object whose toJSON() drops the headers, stringified',
      code: withLogger([], "const req = { path, headers, toJSON() { return { path: this.path }; } }; console.log(JSON.stringify(req));"),
    },
    {
      name: 'a request object whose toJSON() drops the headers, given to pino',
      code: withLogger(["import pino from 'pino';", 'const log = pino();'], 'const req = { path, headers, toJSON: () => ({ path }) }; log.info(req);'),
    },
    {
      name: 'a Google Gemini AI error logged whole',
      code: lines(
        "import { GoogleGenerativeAI } from '@google/generative-ai';",
        'const ai = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);',
        "export async function ask(q: string) { try { return await ai.getGenerativeModel({ model: 'gemini-pro' }).generateContent(q); } catch (err) { console.error(err); } }",
      ),
    },
  ],
  invalid: [
    {
      name: 'reports the axios error of a signed request',
      code: axiosClient("console.error('Gemini request failed', err);"),
      output: null,
      errors: [{ messageId: 'loggedHeaders', data: { logger: 'console.error' }, line: 14, column: 44 }],
    },
    {
      name: 'reports err.config, err.request and err.response.config',
      code: axiosClient('console.log(err.config, err.request, err.response?.config);'),
      output: null,
      errors: [
        { messageId: 'loggedHeaders', line: 14, column: 17 },
        { messageId: 'loggedHeaders', line: 14, column: 29 },
        { messageId: 'loggedHeaders', line: 14, column: 42 },
      ],
    },
    {
      name: 'reports err.toJSON() and the error inside a structured log object',
      code: axiosClient("console.error(JSON.stringify(err.toJSON())); console.warn({ msg: 'failed', error: err });"),
      output: null,
      errors: [
        { messageId: 'loggedHeaders', line: 14, column: 34 },
        { messageId: 'loggedHeaders', line: 14, column: 87 },
      ],
    },
    {
      name: 'reports the error of a signed request made by a local helper in the try block',
      code: lines(
        "import crypto from 'crypto';",
        "import axios from 'axios';",
        'function send(path: string, key: string, secret: string) {',
        "  const payload = Buffer.from(JSON.stringify({ request: path, nonce: Date.now() })).toString('base64');",
        "  return axios.post('https://api.gemini.com' + path, undefined, { headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': crypto.createHmac('sha384', secret).update(payload).digest('hex') } });",
        '}',
        'export async function cancelAll(key: string, secret: string) {',
        "  try { await send('/v1/order/cancel/all', key, secret); } catch (error) { console.error(error); }",
        '}',
      ),
      output: null,
      errors: [{ messageId: 'loggedHeaders', line: 8, column: 90 }],
    },
    {
      name: "reports a promise .catch handler's error of a signed request",
      code: promiseClient('(e) => console.error(e)'),
      output: null,
      errors: [{ messageId: 'loggedHeaders', line: 12, column: 35 }],
    },
    {
      name: 'reports Object.fromEntries of a helper-built Headers object',
      code: helperClient('console.log(Object.fromEntries(headers));'),
      output: null,
      errors: [{ messageId: 'loggedHeaders', line: 14, column: 15 }],
    },
    {
      name: 'reports a request init built by a local helper',
      code: helperClient("console.debug('init', init);"),
      output: null,
      errors: [{ messageId: 'loggedHeaders', line: 14, column: 25 }],
    },
    {
      name: 'reports JSON.stringify of the request options',
      code: withLogger([], "const options = { method: 'POST', headers }; console.log(JSON.stringify(options));"),
      output: null,
      errors: [{ messageId: 'loggedHeaders', line: 6, column: 75 }],
    },
    {
      name: 'reports a pino logger whose redact paths miss the Gemini headers',
      code: withLogger(PINO_OTHER_REDACTION, "log.info({ headers }, 'sending');"),
      output: null,
      errors: [{ messageId: 'loggedHeaders', line: 8, column: 14 }],
    },
    {
      name: 'reports a toJSON object logged with console.log (util.inspect ignores toJSON)',
      code: withLogger([], 'const req = { path, headers, toJSON() { return { path }; } }; console.log(req);'),
      output: null,
      errors: [{ messageId: 'loggedHeaders', line: 6, column: 77 }],
    },
  ],
});
