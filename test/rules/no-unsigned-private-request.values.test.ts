// Values followed through helpers (issue 12): object spread, Object.assign, structuredClone,
// returned configs behind await, #private and constructor-assigned fields, array joins,
// new URL(path, base).toString(), and helpers evaluated per call site.
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unsigned-private-request.js';

const ruleTester = new RuleTester();

const lines = (...l: string[]): string => l.join('\n');

ruleTester.run('no-unsigned-private-request (values through helpers)', rule, {
  valid: [
    {
      name: "ignores Kraken through spread defaults",
      code: lines(
        "const defaults = { method: 'GET', headers: {} };",
        "await fetch('https://api.kraken.com/0/private/Balance', { ...defaults });",
      ),
    },
    {
      name: "accepts public endpoints built with join and new URL",
      code: lines(
        "const API = 'https://api.gemini.com';",
        "await fetch([API, 'v1', 'symbols'].join('/'));",
        "await fetch(new URL('/v1/pubticker/btcusd', API).toString());",
      ),
    },
  ],
  invalid: [
    {
      name: "follows { ...defaults, ...overrides } into the method and headers",
      code: lines(
        "const defaults = { method: 'GET', headers: { 'Content-Type': 'text/plain' } };",
        "const overrides = { cache: 'no-store' as const };",
        "await fetch('https://api.gemini.com/v1/balances', { ...defaults, ...overrides });",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 1, column: 28 }, { messageId: "missingHeaders", line: 3, column: 13, suggestions: [{ messageId: "signWithReferenceSigner", output: lines(
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });",
        "const defaults = { method: 'GET', headers: { 'Content-Type': 'text/plain' } };",
        "const overrides = { cache: 'no-store' as const };",
        "await fetch('https://api.gemini.com/v1/balances', { ...defaults, ...overrides, headers: geminiSigner.sign('/v1/balances').headers });",
      ) }] }],
    },
    {
      name: "follows Object.assign({}, base, { method }) into the headers",
      code: lines(
        "const base = { headers: { 'X-GEMINI-APIKEY': key } };",
        "const init = Object.assign({}, base, { method: 'POST' });",
        "await fetch('https://api.gemini.com/v1/orders', init);",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 3, column: 13 }],
    },
    {
      name: "follows structuredClone(template) into the method",
      code: lines(
        "const template = { method: 'GET', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } };",
        "await fetch('https://api.gemini.com/v1/mytrades', structuredClone(template));",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 1, column: 28 }],
    },
    {
      name: "resolves URLs built with [API, 'v1', 'balances'].join('/') and new URL(path, base).toString()",
      code: lines(
        "const API = 'https://api.gemini.com';",
        "await fetch([API, 'v1', 'balances'].join('/'), { method: 'POST' });",
        "await fetch(new URL('/v1/orders', API).toString(), { method: 'POST' });",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 2, column: 13, suggestions: [{ messageId: "signWithReferenceSigner", output: lines(
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });",
        "const API = 'https://api.gemini.com';",
        "await fetch([API, 'v1', 'balances'].join('/'), { method: 'POST', headers: geminiSigner.sign('/v1/balances').headers });",
        "await fetch(new URL('/v1/orders', API).toString(), { method: 'POST' });",
      ) }] }, { messageId: "missingHeaders", line: 3, column: 13, suggestions: [{ messageId: "signWithReferenceSigner", output: lines(
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });",
        "const API = 'https://api.gemini.com';",
        "await fetch([API, 'v1', 'balances'].join('/'), { method: 'POST' });",
        "await fetch(new URL('/v1/orders', API).toString(), { method: 'POST', headers: geminiSigner.sign('/v1/orders').headers });",
      ) }] }],
    },
    {
      name: "follows await helper() to the config it returns, per call site of the helper",
      code: lines(
        "import axios from 'axios';",
        "async function buildConfig(path: string) {",
        "  return { method: 'get', url: 'https://api.gemini.com' + path, headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } };",
        "}",
        "await axios(await buildConfig('/v1/balances'));",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 5, column: 31 }],
    },
    {
      name: "reads the base URL from a #private field and a constructor-assigned field",
      code: lines(
        "export class GeminiRest {",
        "  #base = 'https://api.gemini.com';",
        "  private readonly version: string;",
        "  constructor() { this.version = '/v1'; }",
        "  balances() { return fetch(this.#base + this.version + '/balances', { method: 'POST' }); }",
        "}",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 5, column: 29, suggestions: [{ messageId: "signWithReferenceSigner", output: lines(
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });",
        "export class GeminiRest {",
        "  #base = 'https://api.gemini.com';",
        "  private readonly version: string;",
        "  constructor() { this.version = '/v1'; }",
        "  balances() { return fetch(this.#base + this.version + '/balances', { method: 'POST', headers: geminiSigner.sign('/v1/balances').headers }); }",
        "}",
      ) }] }],
    },
    {
      name: "checks a helper called with three paths three times, reporting the private ones",
      code: lines(
        "const BASE = 'https://api.gemini.com';",
        "function get(path: string) {",
        "  return fetch(BASE + path, { method: 'GET' });",
        "}",
        "get('/v1/balances');",
        "get('/v1/pubticker/btcusd');",
        "get('/v1/orders');",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 5, column: 5 }, { messageId: "notPost", line: 5, column: 5 }, { messageId: "missingHeaders", line: 7, column: 5 }, { messageId: "notPost", line: 7, column: 5 }],
    },
    {
      name: "evaluates a URL-building helper with each call's argument",
      code: lines(
        "const BASE = 'https://api.gemini.com';",
        "const url = (path: string) => `${BASE}${path}`;",
        "fetch(url('/v1/balances'), { method: 'POST' });",
        "fetch(url('/v1/symbols'));",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 3, column: 7, suggestions: [{ messageId: "signWithReferenceSigner", output: lines(
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });",
        "const BASE = 'https://api.gemini.com';",
        "const url = (path: string) => `${BASE}${path}`;",
        "fetch(url('/v1/balances'), { method: 'POST', headers: geminiSigner.sign('/v1/balances').headers });",
        "fetch(url('/v1/symbols'));",
      ) }] }],
    },
  ],
});
