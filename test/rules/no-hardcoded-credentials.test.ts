import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-hardcoded-credentials.js';

const ruleTester = new RuleTester();

const lines = (...l: string[]): string => l.join('\n');

// Realistic-looking but made-up credentials.
const KEY = 'account-aB3dE5gH7jK9mN1pQ2rS';
const MASTER = 'master-Zq8Lw2Xc5Vb9Nm4Kj7Hg';
const SECRET = 'x7Kp2Qm9Vt4Rw8Zn3Jb6Hc1Ld5';
const SECRET28 = 'Tn4Gh8Rk2Wq6Yp9Md3Sx7Cb1Fv5L';

const jsx = { parserOptions: { ecmaFeatures: { jsx: true } } };

ruleTester.run('no-hardcoded-credentials', rule, {
  valid: [
    // correct Gemini clients: credentials come from the environment
    {
      name: 'allows credentials read from the environment (dotenv, destructuring, import.meta.env)',
      code: lines(
        "import 'dotenv/config';",
        "import crypto from 'node:crypto';",
        'const { GEMINI_API_KEY, GEMINI_API_SECRET } = process.env;',
        'const apiKey = process.env.GEMINI_API_KEY!;',
        'const viteKey = import.meta.env.VITE_GEMINI_API_KEY;',
        "const sig = crypto.createHmac('sha384', GEMINI_API_SECRET!).update(payload).digest('hex');",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-SIGNATURE': sig } });",
        'declare const payload: string;',
      ),
    },
    {
      name: 'allows a trading-bot class that takes its credentials from the constructor',
      code: lines(
        'export class GeminiBot {',
        "  private readonly base = 'https://api.gemini.com';",
        '  constructor(private readonly apiKey: string, private readonly apiSecret: string) {}',
        '  static fromEnv() { return new GeminiBot(process.env.GEMINI_API_KEY ?? "", process.env.GEMINI_API_SECRET ?? ""); }',
        '}',
      ),
    },
    // placeholders are documentation, not credentials
    { name: 'ignores an x-ed out key', code: `const apiKey = 'account-XXXXXXXXXXXXXXXXXXXX';` },
    { name: 'ignores a master-key placeholder', code: `const GEMINI_API_KEY = 'master-xxxxxxxxxxxxxxxxxxxx';` },
    { name: 'ignores your-api-secret', code: `const BASE = 'https://api.gemini.com'; const apiSecret = 'your-api-secret';` },
    { name: 'ignores a templated placeholder', code: `const GEMINI_API_SECRET = '<GEMINI_API_SECRET>';` },
    { name: 'ignores a counting-run secret', code: `const GEMINI_API_SECRET = '1234567890abcdefghijklmnop';` },
    { name: 'ignores a placeholder fallback', code: `const apiSecret = process.env.GEMINI_API_SECRET || 'YOUR_GEMINI_API_SECRET_HERE';` },
    { name: 'ignores the signing example of the Gemini docs', code: `const BASE = 'https://api.gemini.com'; const apiKey = 'mykey'; const secret = '1234abcd';` },
    // not keys
    { name: 'ignores a key in a comment', code: `// e.g. ${KEY}\nconst apiKey = process.env.GEMINI_API_KEY;` },
    { name: 'ignores a key-shaped run that is too long', code: `const id = '${KEY}x';` },
    { name: 'ignores a key prefix followed by unknown text', code: `declare const suffix: string; const apiKey = 'account-' + suffix;` },
    { name: 'ignores a regular expression for keys', code: `const KEY_RE = /account-[0-9A-Za-z]{20}/;` },
    // secrets need context
    {
      name: 'ignores a secret-shaped value bound to a plain secret name in a file with no Gemini evidence',
      code: `const apiSecret = '${SECRET}';`,
    },
    {
      name: 'ignores a secret-shaped value that is not bound to a secret name',
      code: `const BASE = 'https://api.gemini.com'; const clientOrderId = '${SECRET}'; const nonce = '${SECRET28}';`,
    },
    {
      name: 'ignores a word-shaped value under a secret name',
      code: `const BASE = 'https://api.gemini.com'; const apiSecret = 'ThisIsMyVeryLongSecretValue';`,
    },
    {
      name: 'ignores a secret-shaped value next to a placeholder key',
      code: `const creds = { key: 'account-XXXXXXXXXXXXXXXXXXXX', s: '${SECRET}' };`,
    },
    // near-misses: other APIs
    {
      name: 'ignores AWS SigV4 signing with a hardcoded secret',
      code: lines(
        "import crypto from 'node:crypto';",
        `const secretAccessKey = '${SECRET}';`,
        "const kDate = crypto.createHmac('sha256', 'AWS4' + secretAccessKey).update('20240101').digest();",
        "const kSigning = crypto.createHmac('sha256', kDate).update('aws4_request').digest();",
        "const sig = crypto.createHmac('sha256', kSigning).update(stringToSign).digest('hex');",
        "const auth = 'AWS4-HMAC-SHA256 Credential=' + accessKeyId + ', Signature=' + sig;",
        'declare const stringToSign: string, accessKeyId: string;',
      ),
    },
    {
      name: 'ignores a GitHub webhook secret',
      code: lines(
        "import { createHmac, timingSafeEqual } from 'node:crypto';",
        `const secret = '${SECRET}';`,
        'export function verify(req: { headers: Record<string, string>; body: string }) {',
        "  const expected = 'sha256=' + createHmac('sha256', secret).update(req.body).digest('hex');",
        "  return timingSafeEqual(Buffer.from(expected), Buffer.from(req.headers['x-hub-signature-256'] ?? ''));",
        '}',
      ),
    },
    {
      name: 'ignores Binance signing with a hardcoded secret',
      code: lines(
        "import crypto from 'crypto';",
        'class Binance {',
        `  apiSecret = '${SECRET}';`,
        '  sign(query: string) {',
        "    const signature = crypto.createHmac('sha256', this.apiSecret).update(query).digest('hex');",
        "    return fetch('https://api.binance.com/api/v3/order?' + query + '&signature=' + signature, { headers: { 'X-MBX-APIKEY': 'k' } });",
        '  }',
        '}',
      ),
    },
    {
      name: "ignores a Binance secret in a file whose other class is Gemini's",
      code: lines(
        "class GeminiClient { base = 'https://api.gemini.com'; key = process.env.GEMINI_API_KEY; }",
        `class BinanceClient { apiSecret = '${SECRET}'; headers() { return { 'X-MBX-APIKEY': 'k' }; } }`,
      ),
    },
    {
      name: 'ignores a Google Gemini AI key, even under GEMINI_API_KEY',
      code: lines(
        "import { GoogleGenerativeAI } from '@google/generative-ai';",
        "const GEMINI_API_KEY = process.env.GEMINI_API_KEY || 'AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI';",
        'const genAI = new GoogleGenerativeAI(GEMINI_API_KEY);',
        "const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });",
      ),
    },
    {
      name: 'ignores a secret-shaped value under a Gemini name in a Google Gemini AI file',
      code: lines(
        "import { GoogleGenAI } from '@google/genai';",
        `const GEMINI_API_SECRET = '${SECRET}';`,
        'const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });',
      ),
    },
    {
      name: 'ignores a Google AI REST call',
      code: `fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key=' + process.env.GEMINI_API_KEY);`,
    },
    // options
    {
      name: 'skips files matched by ignoreFiles',
      code: `const apiKey = '${KEY}';`,
      filename: 'test/fixtures/revoked-keys.ts',
      options: [{ ignoreFiles: ['test/fixtures/**'] }],
    },
    {
      name: 'skips test files when told to',
      code: `const GEMINI_API_SECRET = '${SECRET}';`,
      filename: 'src/__tests__/client.spec.ts',
      options: [{ ignoreFiles: ['**/*.spec.ts', '**/*.test.ts'] }],
    },
    // the suggestions' output is itself clean
    `const apiKey = process.env.GEMINI_API_KEY;`,
    `const key = process.env.GEMINI_API_KEY || process.env.GEMINI_KEY;`,
    // odd but valid code
    {
      name: 'does not crash on odd code',
      code: lines(
        "const BASE = 'https://api.gemini.com';",
        'const o = { ...{}, [`k${1}`]: 1, [Symbol.iterator]: null, get secret() { return 1; } };',
        "const f = new Function('a', 'return a');",
        'const t = String.raw`account-${o}`;',
        'const x = o?.["apiSecret"]?.[0] ?? ``;',
        "const y = 'a' + 1 + null + `b${'c' + 2}`;",
        'let apiSecret; apiSecret = apiSecret || y;',
        'enum E { A = 1 }',
        'class C { static #secret = 1; [o.x] = 2; }',
        'label: for (const k of []) { continue label; }',
      ),
    },
  ],
  invalid: [
    // API keys
    {
      name: 'reports an API key bound to a variable, with a suggestion to read the environment',
      code: `const apiKey = '${KEY}';`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          data: { key: 'account-aB3d…' },
          line: 1,
          column: 16,
          suggestions: [{ messageId: 'useEnvVar', data: { env: 'process.env.GEMINI_API_KEY' }, output: 'const apiKey = process.env.GEMINI_API_KEY;' }],
        },
      ],
    },
    {
      name: 'reports a key and its secret passed to ccxt',
      code: lines("import ccxt from 'ccxt';", `const exchange = new ccxt.gemini({ apiKey: '${KEY}', secret: '${SECRET}' });`),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          line: 2,
          column: 44,
          suggestions: [
            {
              messageId: 'useEnvVar',
              output: lines("import ccxt from 'ccxt';", `const exchange = new ccxt.gemini({ apiKey: process.env.GEMINI_API_KEY, secret: '${SECRET}' });`),
            },
          ],
        },
        {
          messageId: 'hardcodedApiSecret',
          data: { secret: 'x7…', reason: 'it is assigned to `secret`' },
          line: 2,
          column: 84,
          suggestions: [
            {
              messageId: 'useEnvVar',
              data: { env: 'process.env.GEMINI_API_SECRET' },
              output: lines("import ccxt from 'ccxt';", `const exchange = new ccxt.gemini({ apiKey: '${KEY}', secret: process.env.GEMINI_API_SECRET });`),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a key split over a concatenation once, at the outermost expression',
      code: `const k = 'account-' + 'aB3dE5gH7j' + 'K9mN1pQ2rS';`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          line: 1,
          column: 11,
          suggestions: [{ messageId: 'useEnvVar', output: 'const k = process.env.GEMINI_API_KEY;' }],
        },
      ],
    },
    {
      name: 'reports a key joined from constants in a template literal',
      code: lines("const PREFIX = 'master-';", "const BODY = 'Zq8Lw2Xc5Vb9Nm4Kj7Hg';", 'const key = `${PREFIX}${BODY}`;'),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          data: { key: 'master-Zq8L…' },
          line: 3,
          column: 13,
          suggestions: [{ messageId: 'useEnvVar', output: lines("const PREFIX = 'master-';", "const BODY = 'Zq8Lw2Xc5Vb9Nm4Kj7Hg';", 'const key = process.env.GEMINI_API_KEY;') }],
        },
      ],
    },
    {
      name: 'reports a key constant once, where it is written, not where it is used',
      code: lines(`const KEY = '${KEY}';`, "const auth = 'Bearer ' + KEY;", 'const h = `key=${KEY}`;'),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          line: 1,
          column: 13,
          suggestions: [{ messageId: 'useEnvVar', output: lines('const KEY = process.env.GEMINI_API_KEY;', "const auth = 'Bearer ' + KEY;", 'const h = `key=${KEY}`;') }],
        },
      ],
    },
    {
      name: 'reports a key inside a longer string without a suggestion',
      code: `fetch(url, { headers: { 'X-GEMINI-APIKEY': 'key ${KEY}' } });`,
      output: null,
      errors: [{ messageId: 'hardcodedApiKey', line: 1, column: 44, suggestions: [] }],
    },
    {
      name: 'reports a key inside a template literal with holes',
      code: `declare const path: string; const url = \`https://api.gemini.com\${path}?key=${KEY}\`;`,
      output: null,
      errors: [{ messageId: 'hardcodedApiKey', line: 1, column: 41, suggestions: [] }],
    },
    {
      name: 'reports a master key as a default parameter',
      code: `function client(apiKey = '${MASTER}') { return apiKey; }`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          line: 1,
          column: 26,
          suggestions: [{ messageId: 'useEnvVar', output: 'function client(apiKey = process.env.GEMINI_API_KEY) { return apiKey; }' }],
        },
      ],
    },
    {
      name: 'reports a hardcoded fallback and suggests dropping it',
      code: `const key = process.env.GEMINI_API_KEY || '${KEY}';`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          line: 1,
          column: 43,
          suggestions: [{ messageId: 'removeFallback', data: { env: 'process.env.GEMINI_API_KEY' }, output: 'const key = process.env.GEMINI_API_KEY;' }],
        },
      ],
    },
    {
      name: 'reports keys in test files by default',
      code: `it('signs', () => { const signer = createGeminiSigner({ apiKey: '${KEY}', apiSecret: process.env.S! }); });`,
      filename: 'test/signer.test.ts',
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          line: 1,
          column: 65,
          suggestions: [{ messageId: 'useEnvVar', output: `it('signs', () => { const signer = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.S! }); });` }],
        },
      ],
    },
    {
      name: 'reports a key in a file that ignoreFiles does not match',
      code: `const apiKey = '${KEY}';`,
      filename: 'src/client.ts',
      options: [{ ignoreFiles: ['test/**'], apiKeyEnvVar: 'EXCHANGE_API_KEY' }],
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          line: 1,
          column: 16,
          suggestions: [{ messageId: 'useEnvVar', data: { env: 'process.env.EXCHANGE_API_KEY' }, output: 'const apiKey = process.env.EXCHANGE_API_KEY;' }],
        },
      ],
    },
    {
      name: 'reports a key in a JSX attribute and wraps the suggestion in braces',
      code: `const w = <TradeWidget apiKey="${KEY}" />;`,
      filename: 'widget.tsx',
      languageOptions: jsx,
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          line: 1,
          column: 31,
          suggestions: [{ messageId: 'useEnvVar', output: 'const w = <TradeWidget apiKey={process.env.GEMINI_API_KEY} />;' }],
        },
      ],
    },
    {
      name: 'reports a key in JSX text without a suggestion',
      code: `const help = <p>Example: ${KEY}</p>;`,
      filename: 'help.tsx',
      languageOptions: jsx,
      output: null,
      errors: [{ messageId: 'hardcodedApiKey', line: 1, column: 17, suggestions: [] }],
    },
    {
      name: 'reports keys where they cannot be replaced by an expression, without a suggestion',
      code: lines(`type Key = '${KEY}';`, `const byKey = { '${KEY}': 1 };`),
      output: null,
      errors: [
        { messageId: 'hardcodedApiKey', line: 1, column: 12, suggestions: [] },
        { messageId: 'hardcodedApiKey', line: 2, column: 17, suggestions: [] },
      ],
    },
    {
      name: 'reports a parenthesised concatenation once',
      code: `const k = 'account-' + ('aB3dE5gH7j' + 'K9mN1pQ2rS');`,
      output: null,
      errors: [{ messageId: 'hardcodedApiKey', line: 1, column: 11, suggestions: [{ messageId: 'useEnvVar', output: 'const k = process.env.GEMINI_API_KEY;' }] }],
    },
    {
      name: 'reports keys and secrets given to a Gemini client package',
      code: lines("import GeminiAPI from 'gemini-api';", `const client = new GeminiAPI({ key: '${MASTER}', secret: '${SECRET}', sandbox: true });`),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiKey',
          data: { key: 'master-Zq8L…' },
          line: 2,
          column: 37,
          suggestions: [{ messageId: 'useEnvVar', output: lines("import GeminiAPI from 'gemini-api';", `const client = new GeminiAPI({ key: process.env.GEMINI_API_KEY, secret: '${SECRET}', sandbox: true });`) }],
        },
        {
          messageId: 'hardcodedApiSecret',
          line: 2,
          column: 76,
          suggestions: [{ messageId: 'useEnvVar', output: lines("import GeminiAPI from 'gemini-api';", `const client = new GeminiAPI({ key: '${MASTER}', secret: process.env.GEMINI_API_SECRET, sandbox: true });`) }],
        },
      ],
    },
    // API secrets
    {
      name: 'reports a secret under a Gemini name even with no other Gemini evidence',
      code: `export const GEMINI_API_SECRET = '${SECRET}';`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          data: { secret: 'x7…', reason: 'it is assigned to `GEMINI_API_SECRET`' },
          line: 1,
          column: 34,
          suggestions: [{ messageId: 'useEnvVar', output: 'export const GEMINI_API_SECRET = process.env.GEMINI_API_SECRET;' }],
        },
      ],
    },
    {
      name: 'reports secrets assigned in the constructor of a Gemini client class',
      code: lines(
        'class GeminiClient {',
        '  constructor() {',
        "    this.baseUrl = 'https://api.gemini.com';",
        `    this.apiKey = '${KEY}';`,
        `    this.apiSecret = '${SECRET28}';`,
        '  }',
        '}',
      ),
      output: null,
      errors: [
        { messageId: 'hardcodedApiKey', line: 4, column: 19, suggestions: [{ messageId: 'useEnvVar', output: lines('class GeminiClient {', '  constructor() {', "    this.baseUrl = 'https://api.gemini.com';", '    this.apiKey = process.env.GEMINI_API_KEY;', `    this.apiSecret = '${SECRET28}';`, '  }', '}') }] },
        {
          messageId: 'hardcodedApiSecret',
          data: { secret: 'Tn…', reason: 'it is assigned to `apiSecret`' },
          line: 5,
          column: 22,
          suggestions: [{ messageId: 'useEnvVar', output: lines('class GeminiClient {', '  constructor() {', "    this.baseUrl = 'https://api.gemini.com';", `    this.apiKey = '${KEY}';`, '    this.apiSecret = process.env.GEMINI_API_SECRET;', '  }', '}') }],
        },
      ],
    },
    {
      name: 'reports a secret in a private class field',
      code: lines('export class Trader {', "  private readonly host = 'api.sandbox.gemini.com';", `  private readonly api_secret = '${SECRET}';`, '}'),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          line: 3,
          column: 33,
          suggestions: [{ messageId: 'useEnvVar', output: lines('export class Trader {', "  private readonly host = 'api.sandbox.gemini.com';", '  private readonly api_secret = process.env.GEMINI_API_SECRET;', '}') }],
        },
      ],
    },
    {
      name: 'reports a hardcoded fallback of a Gemini environment variable',
      code: `const apiSecret = process.env.GEMINI_API_SECRET ?? '${SECRET}';`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          data: { secret: 'x7…', reason: 'it is the fallback for GEMINI_API_SECRET' },
          line: 1,
          column: 52,
          suggestions: [{ messageId: 'removeFallback', output: 'const apiSecret = process.env.GEMINI_API_SECRET;' }],
        },
      ],
    },
    {
      name: 'reports a fallback of a generic secret variable in Gemini code (dotenv config module)',
      code: lines(
        "require('dotenv').config();",
        'module.exports = {',
        "  baseUrl: 'https://api.gemini.com',",
        `  secret: process.env.SECRET || '${SECRET}',`,
        '};',
      ),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          data: { secret: 'x7…', reason: 'it is the fallback for SECRET' },
          line: 4,
          column: 33,
          suggestions: [{ messageId: 'removeFallback', output: lines("require('dotenv').config();", 'module.exports = {', "  baseUrl: 'https://api.gemini.com',", '  secret: process.env.SECRET,', '};') }],
        },
      ],
    },
    {
      name: 'reports a secret as a default parameter of a signing helper',
      code: lines(
        "import crypto from 'node:crypto';",
        `export function signRequest(payload: string, secret = '${SECRET}') {`,
        "  return { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': crypto.createHmac('sha384', secret).update(payload).digest('hex') };",
        '}',
      ),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          line: 2,
          column: 55,
          suggestions: [
            {
              messageId: 'useEnvVar',
              output: lines(
                "import crypto from 'node:crypto';",
                'export function signRequest(payload: string, secret = process.env.GEMINI_API_SECRET) {',
                "  return { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': crypto.createHmac('sha384', secret).update(payload).digest('hex') };",
                '}',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a secret used as the key of the Gemini signing HMAC whatever its name',
      code: lines(
        "import CryptoJS from 'crypto-js';",
        `const K = '${SECRET}';`,
        'const signature = CryptoJS.HmacSHA384(payload, K).toString();',
        "const headers = { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
        'declare const payload: string;',
      ),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          data: { secret: 'x7…', reason: 'it keys the HMAC that signs Gemini requests' },
          line: 2,
          column: 11,
          suggestions: [
            {
              messageId: 'useEnvVar',
              output: lines(
                "import CryptoJS from 'crypto-js';",
                'const K = process.env.GEMINI_API_SECRET;',
                'const signature = CryptoJS.HmacSHA384(payload, K).toString();',
                "const headers = { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
                'declare const payload: string;',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a secret-shaped value in the same object as a Gemini key',
      code: `const creds = { k: '${KEY}', s: '${SECRET}' };`,
      output: null,
      errors: [
        { messageId: 'hardcodedApiKey', line: 1, column: 20, suggestions: [{ messageId: 'useEnvVar', output: `const creds = { k: process.env.GEMINI_API_KEY, s: '${SECRET}' };` }] },
        {
          messageId: 'hardcodedApiSecret',
          data: { secret: 'x7…', reason: 'it sits next to a Gemini API key' },
          line: 1,
          column: 55,
          suggestions: [{ messageId: 'useEnvVar', output: `const creds = { k: '${KEY}', s: process.env.GEMINI_API_SECRET };` }],
        },
      ],
    },
    {
      name: 'reports a secret in a nested gemini config object with no other evidence',
      code: lines('export default {', '  gemini: {', '    apiKey: process.env.GEMINI_API_KEY,', `    apiSecret: '${SECRET}',`, '  },', '};'),
      options: [{ apiSecretEnvVar: 'GEMINI_SECRET' }],
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          line: 4,
          column: 16,
          suggestions: [{ messageId: 'useEnvVar', data: { env: 'process.env.GEMINI_SECRET' }, output: lines('export default {', '  gemini: {', '    apiKey: process.env.GEMINI_API_KEY,', '    apiSecret: process.env.GEMINI_SECRET,', '  },', '};') }],
        },
      ],
    },
    {
      name: 'reports a secret split over a concatenation once',
      code: lines("const HOST = 'https://api.gemini.com';", "const privateKey = 'x7Kp2Qm9Vt4Rw' + '8Zn3Jb6Hc1Ld5';"),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          line: 2,
          column: 20,
          suggestions: [{ messageId: 'useEnvVar', output: lines("const HOST = 'https://api.gemini.com';", 'const privateKey = process.env.GEMINI_API_SECRET;') }],
        },
      ],
    },
    {
      name: 'reports a secret under a geminiSecret name in a test file',
      code: `describe('bot', () => { const geminiSecret = \`${SECRET}\`; });`,
      filename: 'test/bot.test.ts',
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          line: 1,
          column: 46,
          suggestions: [{ messageId: 'useEnvVar', output: `describe('bot', () => { const geminiSecret = process.env.GEMINI_API_SECRET; });` }],
        },
      ],
    },
    {
      name: 'reports a secret assigned to a config member in Gemini code',
      code: lines("const config: Record<string, string> = { url: 'https://api.gemini.com' };", `config.apiSecret = '${SECRET}';`),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          line: 2,
          column: 20,
          suggestions: [{ messageId: 'useEnvVar', output: lines("const config: Record<string, string> = { url: 'https://api.gemini.com' };", 'config.apiSecret = process.env.GEMINI_API_SECRET;') }],
        },
      ],
    },
  ],
});
