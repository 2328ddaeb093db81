import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-client-side-credentials.js';

const ruleTester = new RuleTester();

const lines = (...l: string[]): string => l.join('\n');

// a signed private request written in a browser component
const browserSigning = lines(
  "'use client';",
  "import CryptoJS from 'crypto-js';",
  'export async function balances(apiKey: string, secret: string) {',
  "  const payload = btoa(JSON.stringify({ request: '/v1/balances', nonce: Date.now() }));",
  '  const signature = CryptoJS.HmacSHA384(payload, secret).toString();',
  "  return fetch('https://api.gemini.com/v1/balances', {",
  "    method: 'POST',",
  "    headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature },",
  '  });',
  '}',
);

ruleTester.run('no-client-side-credentials', rule, {
  valid: [
    {
      name: 'ignores server code that reads server-only Gemini variables',
      code: lines(
        "import crypto from 'node:crypto';",
        'const secret = process.env.GEMINI_API_SECRET!;',
        "const sig = crypto.createHmac('sha384', secret).update(payload).digest('hex');",
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': process.env.GEMINI_API_KEY!, 'X-GEMINI-SIGNATURE': sig } });",
        'declare const payload: string;',
      ),
    },
    {
      name: 'ignores a Google Gemini AI key with a public prefix (a different problem, not a Gemini exchange one)',
      code: lines(
        "'use client';",
        "import { GoogleGenerativeAI } from '@google/generative-ai';",
        'const genAI = new GoogleGenerativeAI(process.env.NEXT_PUBLIC_GEMINI_API_KEY!);',
      ),
    },
    {
      name: 'ignores a Google AI key read in a Vite app that calls generativelanguage.googleapis.com',
      code: lines(
        'const key = import.meta.env.VITE_GEMINI_API_KEY;',
        'fetch(`https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key=${key}`);',
      ),
    },
    {
      name: 'ignores a Gemini-named public key with nothing that says "exchange" (Google AI apps do this all the time)',
      code: "'use client';\nconst key = process.env.NEXT_PUBLIC_GEMINI_API_KEY;\nexport default key;",
    },
    {
      name: 'ignores public variables that are not credentials',
      code: lines(
        'const model = import.meta.env.VITE_GEMINI_MODEL;',
        'const url = process.env.NEXT_PUBLIC_GEMINI_API_URL;',
        'const env = process.env.REACT_APP_GEMINI_ENV;',
        "const base = 'https://api.gemini.com';",
      ),
    },
    {
      name: 'ignores a public key of another service in a component that shows Gemini public prices',
      code: lines(
        "'use client';",
        'const mapKey = process.env.NEXT_PUBLIC_MAPBOX_API_KEY;',
        "export const ticker = () => fetch('https://api.gemini.com/v1/pubticker/btcusd').then((r) => r.json());",
        'export { mapKey };',
      ),
    },
    {
      name: "ignores public endpoints fetched from a 'use client' component without credentials",
      code: lines(
        "'use client';",
        "export const book = (symbol: string) => fetch(`https://api.gemini.com/v1/book/${symbol}`);",
        "export const ws = new WebSocket('wss://api.gemini.com/v1/marketdata/btcusd');",
      ),
    },
    {
      name: "ignores a 'use server' file (Server Actions never reach the browser)",
      code: lines(
        "'use server';",
        "import crypto from 'node:crypto';",
        'export async function sign(payload: string) {',
        "  return crypto.createHmac('sha384', process.env.GEMINI_API_SECRET!).update(payload).digest('hex');",
        '}',
      ),
    },
    {
      name: "ignores an inline 'use server' function",
      code: lines(
        'export async function balances() {',
        "  'use server';",
        '  const secret = process.env.NEXT_PUBLIC_GEMINI_API_SECRET;',
        '  return secret;',
        '}',
      ),
    },
    {
      name: "ignores a 'use client' string that is not a directive",
      code: lines("const mode = 'x';", "'use client';", 'const secret = process.env.GEMINI_API_SECRET;'),
    },
    {
      name: 'ignores a file outside the clientFiles globs',
      code: 'const secret = process.env.GEMINI_API_SECRET;',
      filename: 'src/server/gemini.ts',
      options: [{ clientFiles: ['src/web/**'] }],
    },
    {
      name: 'ignores writes to a public variable',
      code: "process.env.NEXT_PUBLIC_GEMINI_API_SECRET = 'x';",
    },
    {
      name: 'ignores a Deno read, which no bundler inlines',
      code: "const s = Deno.env.get('PUBLIC_GEMINI_API_SECRET');",
    },
    {
      name: 'ignores PUBLIC_ through process.env, where it means nothing to a bundler',
      code: 'const s = process.env.PUBLIC_GEMINI_API_SECRET;',
    },
    // near-misses from other signing schemes, in browser code
    {
      name: 'ignores AWS SigV4 signing in a client file',
      code: lines(
        "'use client';",
        "import crypto from 'crypto';",
        "const kSigning = crypto.createHmac('sha256', process.env.NEXT_PUBLIC_AWS_SECRET_ACCESS_KEY!).update('aws4_request').digest();",
        "const auth = 'AWS4-HMAC-SHA256 Credential=' + kSigning.toString('hex');",
      ),
    },
    {
      name: 'ignores GitHub webhook verification in a client file',
      code: lines(
        "'use client';",
        "import { createHmac } from 'crypto';",
        "export const verify = (body: string, header: string) => 'sha256=' + createHmac('sha256', process.env.WEBHOOK_SECRET!).update(body).digest('hex') === header;",
        "export const name = 'x-hub-signature-256';",
      ),
    },
    {
      name: 'ignores Binance signing in a client file',
      code: lines(
        "'use client';",
        "import { createHmac } from 'crypto';",
        'const secret = import.meta.env.VITE_API_SECRET;',
        "const sig = createHmac('sha256', secret).update('symbol=BTCUSDT').digest('hex');",
        "fetch('https://api.binance.com/api/v3/order?signature=' + sig, { headers: { 'X-MBX-APIKEY': import.meta.env.VITE_API_KEY } });",
      ),
    },
    {
      name: 'ignores placeholders and the reference signer on the server',
      code: lines(
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const signer = createGeminiSigner({ apiKey: 'account-XXXXXXXXXXXXXXXXXXXX', apiSecret: 'your-api-secret' });",
      ),
    },
    {
      name: 'ignores files that never mention Gemini',
      code: "'use client';\nconst s = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;",
    },
    // odd but valid code: no crash
    {
      name: 'survives odd shapes',
      code: lines(
        "'use client';",
        'const k = "GEMINI";',
        'const a = process.env[k];',
        'const b = process?.env?.["NEXT_PUBLIC_GEMINI_MODEL"];',
        'const { ...rest } = process.env;',
        'const {} = import.meta.env;',
        'const [x] = [process.env];',
        'const f = new Function("return process.env.GEMINI_API_SECRET");',
        'const o = { ...process.env, [Symbol.iterator]: 1 };',
        'function g({ a = 1 } = {}) { return a; }',
      ),
    },
    {
      name: 'survives an empty client file',
      code: "'use client';\n// gemini",
    },
  ],
  invalid: [
    {
      name: 'reports a Gemini secret with the Next.js public prefix',
      code: 'const secret = process.env.NEXT_PUBLIC_GEMINI_API_SECRET;',
      output: null,
      errors: [{ messageId: 'publicEnvSecret', line: 1, column: 16, data: { prefix: 'NEXT_PUBLIC_', name: 'NEXT_PUBLIC_GEMINI_API_SECRET' } }],
    },
    {
      name: 'reports Vite import.meta.env keys and secrets of a Gemini exchange client',
      code: lines(
        'const apiKey = import.meta.env.VITE_GEMINI_API_KEY;',
        "const apiSecret = import.meta.env['VITE_GEMINI_API_SECRET'];",
      ),
      output: null,
      errors: [
        { messageId: 'publicEnvKey', line: 1, column: 16, data: { prefix: 'VITE_', name: 'VITE_GEMINI_API_KEY' } },
        { messageId: 'publicEnvSecret', line: 2, column: 19, data: { prefix: 'VITE_', name: 'VITE_GEMINI_API_SECRET' } },
      ],
    },
    {
      name: 'reports a Gemini-named key in Gemini exchange code',
      code: lines(
        'const key = process.env.REACT_APP_GEMINI_API_KEY;',
        "export const ticker = () => fetch('https://api.gemini.com/v1/pubticker/btcusd');",
      ),
      output: null,
      errors: [{ messageId: 'publicEnvKey', line: 1, column: 13, data: { prefix: 'REACT_APP_', name: 'REACT_APP_GEMINI_API_KEY' } }],
    },
    {
      name: 'reports a Gemini-named key whose name says "exchange"',
      code: 'const key = process.env.EXPO_PUBLIC_GEMINI_EXCHANGE_API_KEY;',
      output: null,
      errors: [{ messageId: 'publicEnvKey', line: 1, column: 13 }],
    },
    {
      name: 'reports an unnamed public key sent as X-GEMINI-APIKEY and the secret beside it',
      code: lines(
        'const key = process.env.GATSBY_API_KEY;',
        'const secret = process.env.GATSBY_API_SECRET;',
        "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key } });",
        'export { secret };',
      ),
      output: null,
      errors: [
        { messageId: 'publicEnvKey', line: 1, column: 13, data: { prefix: 'GATSBY_', name: 'GATSBY_API_KEY' } },
        { messageId: 'publicEnvSecret', line: 2, column: 16, data: { prefix: 'GATSBY_', name: 'GATSBY_API_SECRET' } },
      ],
    },
    {
      name: 'reports destructured public variables at the destructuring',
      code: 'const { NUXT_PUBLIC_GEMINI_API_SECRET: secret, NUXT_PUBLIC_GEMINI_API_KEY } = process.env;',
      output: null,
      errors: [
        { messageId: 'publicEnvSecret', line: 1, column: 9, data: { prefix: 'NUXT_PUBLIC_', name: 'NUXT_PUBLIC_GEMINI_API_SECRET' } },
        { messageId: 'publicEnvKey', line: 1, column: 48, data: { prefix: 'NUXT_PUBLIC_', name: 'NUXT_PUBLIC_GEMINI_API_KEY' } },
      ],
    },
    {
      name: 'reports Astro PUBLIC_ variables through import.meta.env',
      code: 'const s = import.meta.env.PUBLIC_GEMINI_SECRET;',
      output: null,
      errors: [{ messageId: 'publicEnvSecret', line: 1, column: 11, data: { prefix: 'PUBLIC_', name: 'PUBLIC_GEMINI_SECRET' } }],
    },
    {
      name: "reports SvelteKit's public env modules",
      code: lines(
        "import { PUBLIC_GEMINI_API_SECRET } from '$env/static/public';",
        "import { env } from '$env/dynamic/public';",
        'const s = env.PUBLIC_GEMINI_API_SECRET;',
      ),
      output: null,
      errors: [
        { messageId: 'publicEnvSecret', line: 1, column: 10 },
        { messageId: 'publicEnvSecret', line: 3, column: 11 },
      ],
    },
    {
      name: "reports a Gemini secret read in a 'use client' component",
      code: lines(
        "'use client';",
        'export function Balances() {',
        '  const secret = process.env.GEMINI_API_SECRET;',
        '  return secret ? null : null;',
        '}',
      ),
      output: null,
      errors: [
        {
          messageId: 'secretInClientCode',
          line: 3,
          column: 18,
          data: { reason: "it starts with a 'use client' directive", name: 'GEMINI_API_SECRET' },
        },
      ],
    },
    {
      name: 'reports an unnamed secret read in Gemini code of a client file',
      code: lines(
        "'use client';",
        "import GeminiAPI from 'gemini-api';",
        'export const client = new GeminiAPI({ key: process.env.API_KEY, secret: process.env.API_SECRET });',
      ),
      output: null,
      errors: [{ messageId: 'secretInClientCode', line: 3, column: 73, data: { reason: "it starts with a 'use client' directive", name: 'API_SECRET' } }],
    },
    {
      name: 'reports a secret whose name is put together from constants',
      code: lines("'use client';", "const PREFIX = 'GEMINI';", 'const secret = process.env[PREFIX + "_API_SECRET"];'),
      output: null,
      errors: [{ messageId: 'secretInClientCode', line: 3, column: 16, data: { reason: "it starts with a 'use client' directive", name: 'GEMINI_API_SECRET' } }],
    },
    {
      name: "reports signing in a 'use client' file once, at the HMAC",
      code: browserSigning,
      output: null,
      errors: [{ messageId: 'signingInClientCode', line: 5, column: 21, data: { reason: "it starts with a 'use client' directive" } }],
    },
    {
      name: 'reports signing in a file matched by clientFiles',
      code: browserSigning.replace("'use client';", '// runs in the browser'),
      filename: 'src/web/Dashboard.tsx',
      options: [{ clientFiles: ['src/web/**/*.{ts,tsx}'] }],
      output: null,
      errors: [{ messageId: 'signingInClientCode', line: 5, column: 21, data: { reason: 'it matches the clientFiles pattern `src/web/**/*.{ts,tsx}`' } }],
    },
    {
      name: 'reports an HMAC keyed with a Gemini secret even before it reaches a header',
      code: lines(
        "'use client';",
        "import { createHmac } from 'crypto';",
        'export const sign = (payload: string, apiSecret: string) => createHmac("sha384", apiSecret).update(payload).digest("hex");',
        "export const host = 'https://api.gemini.com';",
      ),
      output: null,
      errors: [{ messageId: 'signingInClientCode', line: 3, column: 61 }],
    },
    {
      name: 'reports the secret read once, not again at the HMAC it keys',
      code: lines(
        "'use client';",
        "import { createHmac } from 'crypto';",
        'const secret = process.env.NEXT_PUBLIC_GEMINI_API_SECRET!;',
        'export const sign = (payload: string) => createHmac("sha384", secret).update(payload).digest("hex");',
      ),
      output: null,
      errors: [{ messageId: 'publicEnvSecret', line: 3, column: 16 }],
    },
    {
      name: 'reports with optional chaining and TypeScript wrappers',
      code: 'const s = (process.env?.NEXT_PUBLIC_GEMINI_API_SECRET as string)!;',
      output: null,
      errors: [{ messageId: 'publicEnvSecret', line: 1, column: 12 }],
    },
  ],
});
