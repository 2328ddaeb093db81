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
      name: 'reports ws:// when only one alternative of the host is Gemini',
      code: "declare const dev: boolean; const ws = new WebSocket(`ws://${dev ? 'localhost:3000' : 'api.gemini.com'}/v1/order/events`);",
      output: "declare const dev: boolean; const ws = new WebSocket(`wss://${dev ? 'localhost:3000' : 'api.gemini.com'}/v1/order/events`);",
      errors: [{ messageId: 'insecureUrl', line: 1, column: 54, data: { scheme: 'ws', host: 'api.gemini.com', secure: 'wss' } }],
    },
  ],
});
