import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-insecure-transport.js';

const ruleTester = new RuleTester();

ruleTester.run('no-insecure-transport', rule, {
  valid: [
    // correct Gemini clients
    `fetch('https://api.gemini.com/v1/pubticker/btcusd');`,
    `new WebSocket('wss://api.gemini.com/v1/marketdata/btcusd');`,
    `const BASE = 'https://api.sandbox.gemini.com'; fetch(BASE + '/v1/symbols');`,
    'const ws = `wss://ws.gemini.com`;',
    // near-misses: other hosts over http are not this rule's business
    `fetch('http://localhost:8080/v1/order/new');`,
    `fetch('http://www.gemini.com/blog');`,
    `fetch('http://generativelanguage.googleapis.com/v1beta/models');`,
    `fetch('http://api.binance.com/api/v3/ticker');`,
    `const note = 'see https://api.gemini.com for http:// details';`,
    `const u = 'http://api.gemini.com.evil.example/v1';`,
    // a host chosen by a ternary: secure, unknown, or never a Gemini API host
    'class C { constructor(sandbox) { const sub = sandbox ? `api.sandbox` : `api`; this.base = `https://${sub}.gemini.com`; } }',
    'declare const sub: string; const u = `http://${sub}.gemini.com/v1/symbols`;',
    "declare const dev: boolean; const u = `http://${dev ? 'localhost:8080' : 'www'}.example.com/v1`;",
    "declare const dev: boolean; const u = `http://${dev ? 'www' : 'docs'}.gemini.com/`;",
    // comparisons are not connections (issue 13: a fix there would change what the code checks)
    "declare const url: string; if (url.startsWith('http://api.gemini.com')) throw new Error('use https');",
    "declare const url: string; export const insecure = url === 'http://api.gemini.com' || url.includes('ws://ws.gemini.com');",
    "declare const base: string; switch (base) { case 'http://api.gemini.com': console.warn('plain http'); break; default: break; }",
    "export const LABELS = { 'http://api.gemini.com': 'legacy insecure', 'https://api.gemini.com': 'live' };",
    "declare let u: string; const LEGACY = 'http://api.gemini.com'; if (u.startsWith(LEGACY)) u = u.replace(LEGACY, 'https://api.gemini.com');",
        // https module with a Gemini host
    `import https from 'https'; https.request({ hostname: 'api.gemini.com', path: '/v1/balances', method: 'POST' });`,
  ],
  invalid: [
    {
      name: 'reports and fixes an http:// REST URL',
      code: `fetch('http://api.gemini.com/v1/order/new', { method: 'POST' });`,
      output: `fetch('https://api.gemini.com/v1/order/new', { method: 'POST' });`,
      errors: [{ messageId: 'insecureUrl', line: 1, column: 7, data: { scheme: 'http', host: 'api.gemini.com', secure: 'https' } }],
    },
    {
      name: 'reports and fixes a ws:// WebSocket URL on the new host',
      code: `const ws = new WebSocket("ws://ws.sandbox.gemini.com");`,
      output: `const ws = new WebSocket("wss://ws.sandbox.gemini.com");`,
      errors: [{ messageId: 'insecureUrl', line: 1, column: 26 }],
    },
    {
      name: 'reports the constant where it is written, once, not at every use',
      code: ['const BASE = "HTTP://api.gemini.com";', 'fetch(BASE + "/v1/balances");', 'fetch(`${BASE}/v1/orders`);'].join('\n'),
      output: ['const BASE = "https://api.gemini.com";', 'fetch(BASE + "/v1/balances");', 'fetch(`${BASE}/v1/orders`);'].join('\n'),
      errors: [{ messageId: 'insecureUrl', line: 1, column: 14 }],
    },
    {
      name: 'reports a template literal with holes',
      code: 'declare const s: string; fetch(`http://api.gemini.com/v1/book/${s}`);',
      output: 'declare const s: string; fetch(`https://api.gemini.com/v1/book/${s}`);',
      errors: [{ messageId: 'insecureUrl', line: 1, column: 32 }],
    },
    {
      name: 'reports a scheme concatenated with a host constant',
      code: `const HOST = 'api.gemini.com'; const url = 'http://' + HOST + '/v1/balances';`,
      output: `const HOST = 'api.gemini.com'; const url = 'https://' + HOST + '/v1/balances';`,
      errors: [{ messageId: 'insecureUrl', line: 1, column: 44 }],
    },
    {
      name: 'reports without a fix when the scheme is a constant defined elsewhere',
      code: `const PROTO = 'ws://'; const url = PROTO + 'api.gemini.com/v1/order/events';`,
      output: null,
      errors: [{ messageId: 'insecureUrl', line: 1, column: 36 }],
    },
    {
      name: "reports node's http module sending to a Gemini host",
      code: `import http from 'node:http'; http.request({ hostname: 'api.gemini.com', path: '/v1/balances', method: 'POST' });`,
      output: null,
      errors: [{ messageId: 'insecureHttpModule', line: 1, column: 31, data: { host: 'api.gemini.com' } }],
    },
    {
      name: 'reports a host picked by a ternary (sandbox or production) in a template',
      code: 'class Api { constructor({ sandbox = false }) { const sub = sandbox ? `api.sandbox` : `api`; this.baseUrl = `http://${sub}.gemini.com`; } }',
      output: 'class Api { constructor({ sandbox = false }) { const sub = sandbox ? `api.sandbox` : `api`; this.baseUrl = `https://${sub}.gemini.com`; } }',
      errors: [{ messageId: 'insecureUrl', line: 1, column: 108, data: { scheme: 'http', host: 'api.sandbox.gemini.com', secure: 'https' } }],
    },
    {
      name: 'only suggests wss:// when the scheme is shared with a local mock host',
      code: "declare const dev: boolean; const ws = new WebSocket(`ws://${dev ? 'localhost:3000' : 'api.gemini.com'}/v1/order/events`);",
      output: null,
      errors: [
        {
          messageId: 'insecureUrl',
          line: 1,
          column: 54,
          data: { scheme: 'ws', host: 'api.gemini.com', secure: 'wss' },
          suggestions: [{ messageId: 'useSecureScheme', data: { secure: 'wss' }, output: "declare const dev: boolean; const ws = new WebSocket(`wss://${dev ? 'localhost:3000' : 'api.gemini.com'}/v1/order/events`);" }],
        },
      ],
    },
    // Autofix safety (issue 13): a fix only where the value goes to the request target alone
    {
      name: 'fixes only the Gemini branch when a conditional picks a local mock written apart',
      code: "declare const useMock: boolean, path: string; const base = useMock ? 'http://localhost:8080' : 'http://api.gemini.com'; fetch(base + path);",
      output: "declare const useMock: boolean, path: string; const base = useMock ? 'http://localhost:8080' : 'https://api.gemini.com'; fetch(base + path);",
      errors: [{ messageId: 'insecureUrl', line: 1, column: 96 }],
    },
    {
      name: 'only suggests https:// in a test expectation',
      code: "declare const client: { baseUrl: string }; expect(client.baseUrl).toBe('http://api.gemini.com');",
      output: null,
      errors: [
        {
          messageId: 'insecureUrl',
          line: 1,
          column: 72,
          suggestions: [{ messageId: 'useSecureScheme', data: { secure: 'https' }, output: "declare const client: { baseUrl: string }; expect(client.baseUrl).toBe('https://api.gemini.com');" }],
        },
      ],
    },
    {
      name: 'only suggests https:// in a node:assert expectation',
      code: "import assert from 'node:assert/strict'; declare function buildUrl(p: string): string; assert.equal(buildUrl('/v1/symbols'), 'http://api.gemini.com/v1/symbols');",
      output: null,
      errors: [
        {
          messageId: 'insecureUrl',
          line: 1,
          column: 126,
          suggestions: [{ messageId: 'useSecureScheme', data: { secure: 'https' }, output: "import assert from 'node:assert/strict'; declare function buildUrl(p: string): string; assert.equal(buildUrl('/v1/symbols'), 'https://api.gemini.com/v1/symbols');" }],
        },
      ],
    },
    {
      name: 'only suggests https:// in a lookup map read with a computed key',
      code: "declare const env: string, path: string; const HOSTS = { live: 'http://api.gemini.com', sandbox: 'https://api.sandbox.gemini.com' }; fetch(HOSTS[env] + path);",
      output: null,
      errors: [
        {
          messageId: 'insecureUrl',
          line: 1,
          column: 64,
          suggestions: [{ messageId: 'useSecureScheme', data: { secure: 'https' }, output: "declare const env: string, path: string; const HOSTS = { live: 'https://api.gemini.com', sandbox: 'https://api.sandbox.gemini.com' }; fetch(HOSTS[env] + path);" }],
        },
      ],
    },
    {
      name: 'only suggests https:// for a constant that is both compared and requested',
      code: "declare const url: string, path: string; const BASE = 'http://api.gemini.com'; if (!url.startsWith(BASE)) throw new Error('other host'); fetch(BASE + path);",
      output: null,
      errors: [
        {
          messageId: 'insecureUrl',
          line: 1,
          column: 55,
          suggestions: [{ messageId: 'useSecureScheme', data: { secure: 'https' }, output: "declare const url: string, path: string; const BASE = 'https://api.gemini.com'; if (!url.startsWith(BASE)) throw new Error('other host'); fetch(BASE + path);" }],
        },
      ],
    },
  ],
});
