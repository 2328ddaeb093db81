import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-withdrawal-endpoints.js';

const ruleTester = new RuleTester();

const lines = (...l: string[]): string => l.join('\n');

const SIGNED = "{ 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature }";

const fundMoving = (endpoint: string, summary: string) => ({ endpoint, summary });

ruleTester.run('no-withdrawal-endpoints', rule, {
  valid: [
    // a trading bot
    {
      name: 'ignores trading and read-only endpoints',
      code: lines(
        `fetch('https://api.gemini.com/v1/order/new', { method: 'POST', headers: ${SIGNED} });`,
        `fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: ${SIGNED} });`,
        "const p = { request: '/v1/mytrades', nonce: Date.now() };",
      ),
    },
    {
      name: 'ignores withdrawal fee estimates, which move nothing',
      code: lines(
        `fetch('https://api.gemini.com/v2/withdraw/ethereum/eth/feeEstimate', { method: 'POST', headers: ${SIGNED} });`,
        "const p = { request: '/v1/withdraw/btc/feeEstimate', nonce: Date.now() };",
      ),
    },
    {
      name: 'ignores new deposit addresses and removing approved addresses',
      code: lines(
        `fetch('https://api.gemini.com/v1/deposit/bitcoin/newAddress', { method: 'POST', headers: ${SIGNED} });`,
        `fetch('https://api.gemini.com/v1/approvedAddresses/ethereum/remove', { method: 'POST', headers: ${SIGNED} });`,
        `fetch('https://api.gemini.com/v1/approvedAddresses/account/ethereum', { method: 'POST', headers: ${SIGNED} });`,
      ),
    },
    {
      name: 'ignores the sandbox, where keys hold test funds only',
      code: lines(
        `fetch('https://api.sandbox.gemini.com/v1/withdraw/btc', { method: 'POST', headers: ${SIGNED} });`,
        "import axios from 'axios';",
        "const sandbox = axios.create({ baseURL: 'https://api.sandbox.gemini.com' });",
        "sandbox.post('/v1/withdraw/eth', null, { headers: sign({ request: '/v1/withdraw/eth', nonce: Date.now() }) });",
        "function sign(p: object) { return { 'X-GEMINI-PAYLOAD': Buffer.from(JSON.stringify(p)).toString('base64') }; }",
      ),
    },
    {
      name: 'accepts endpoints listed in allow',
      code: lines(
        `fetch('https://api.gemini.com/v1/withdraw/btc', { method: 'POST', headers: ${SIGNED} });`,
        "const p = { request: '/v1/withdraw/eth', nonce: Date.now() };",
      ),
      options: [{ allow: ['/v1/withdraw/{currency}'] }],
    },
    {
      name: 'matches allow entries whatever the parameter names',
      code: `fetch('https://api.gemini.com/v2/withdraw/ethereum/eth', { method: 'POST', headers: ${SIGNED} });`,
      options: [{ allow: ['/v2/withdraw/{net}/{coin}'] }],
    },
    // near-misses
    {
      name: 'ignores non-Gemini hosts with withdrawal paths',
      code: lines(
        "fetch('https://api.kraken.com/v1/withdraw/btc', { method: 'POST' });",
        "fetch('https://example.com/v1/account/transfer/usd', { method: 'POST' });",
        "fetch('https://api.binance.com/sapi/v1/capital/withdraw/apply', { method: 'POST', headers: { 'X-MBX-APIKEY': key } });",
      ),
    },
    {
      name: 'ignores objects with a withdrawal-like request that are not Gemini payloads',
      code: lines(
        "const job = { request: '/v1/withdraw/btc', retries: 3 };",
        "const h = { 'X-MBX-APIKEY': k }; const p = { request: '/v1/withdraw/btc', nonce: 1 };",
      ),
    },
    {
      name: 'ignores AWS, GitHub and Google AI code',
      code: lines(
        "import { createHmac } from 'crypto';",
        "const kSigning = createHmac('sha256', kService).update('aws4_request').digest();",
        "const sig = createHmac('sha256', kSigning).update('AWS4-HMAC-SHA256\\n' + scope).digest('hex');",
        "const check = req.headers['x-hub-signature-256'];",
        "import { GoogleGenerativeAI } from '@google/generative-ai';",
        'const ai = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);',
        "fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent', { method: 'POST' });",
      ),
    },
    {
      name: 'ignores an unknown base outside Gemini code',
      code: 'declare const BASE: string;\nfetch(`${BASE}/v1/withdraw/btc`, { method: "POST" });',
    },
    {
      name: 'ignores placeholders and prose',
      code: "const key = 'account-XXXXXXXXXXXXXXXXXXXX';\nconst doc = 'POST https://api.gemini.com/v1/withdraw/{currency} moves funds';",
    },
    {
      name: 'survives odd shapes',
      code: lines(
        "const o: any = {}; o?.['fetch']?.('https://api.gemini.com/v1/withdraw/btc');",
        "const p = { ['request' + o]: `/v1/withdraw/${o}`, ...o, [o]: 1 };",
        "const q = { request: '/v1/withdraw/btc' as const }; const e = {}; const f = new Function('fetch(\"https://api.gemini.com/v1/withdraw/btc\")');",
        'function h(path = 1) { return fetch(`https://api.gemini.com${path}`); } h(...[]); h();',
      ),
    },
  ],
  invalid: [
    {
      name: 'reports a crypto withdrawal with fetch',
      code: `fetch('https://api.gemini.com/v1/withdraw/btc', { method: 'POST', headers: ${SIGNED} });`,
      output: null,
      errors: [{ messageId: 'fundMovingEndpoint', line: 1, column: 7, data: fundMoving('/v1/withdraw/{currency}', 'withdraw crypto funds') }],
    },
    {
      name: 'reports a v2 withdrawal through an axios instance with a baseURL',
      code: lines(
        "import axios from 'axios';",
        "const api = axios.create({ baseURL: 'https://api.gemini.com' });",
        "api.post('/v2/withdraw/ethereum/eth', null, { headers: h });",
      ),
      output: null,
      errors: [{ messageId: 'fundMovingEndpoint', line: 3, column: 10, data: fundMoving('/v2/withdraw/{network}/{ticker}', 'withdraw crypto funds') }],
    },
    {
      name: 'reports a template path withdrawal',
      code: 'export function withdraw(currency: string) { return fetch(`https://api.gemini.com/v1/withdraw/${currency}`, { method: "POST" }); }',
      output: null,
      errors: [{ messageId: 'fundMovingEndpoint', line: 1, column: 59, data: fundMoving('/v1/withdraw/{currency}', 'withdraw crypto funds') }],
    },
    {
      name: 'reports internal transfers, SEN withdrawals and new withdrawal destinations',
      code: lines(
        "import https from 'node:https';",
        "https.request({ hostname: 'api.gemini.com', path: '/v1/account/transfer/usd', method: 'POST' }).end();",
        "fetch('https://api.gemini.com/v1/payments/sen/withdraw', { method: 'POST' });",
        "fetch('https://api.gemini.com/v1/approvedAddresses/ethereum/request', { method: 'POST' });",
        "fetch('https://api.gemini.com/v1/payments/addbank', { method: 'POST' });",
        "fetch('https://api.gemini.com/v1/payments/addbank/cad', { method: 'POST' });",
      ),
      output: null,
      errors: [
        { messageId: 'fundMovingEndpoint', line: 2, column: 1, data: fundMoving('/v1/account/transfer/{currency}', 'transfer between accounts') },
        { messageId: 'fundMovingEndpoint', line: 3, column: 7, data: fundMoving('/v1/payments/sen/withdraw', 'withdraw USD via SEN') },
        { messageId: 'fundMovingEndpoint', line: 4, column: 7, data: fundMoving('/v1/approvedAddresses/{network}/request', 'create new approved withdrawal address') },
        { messageId: 'fundMovingEndpoint', line: 5, column: 7, data: fundMoving('/v1/payments/addbank', 'add bank account') },
        { messageId: 'fundMovingEndpoint', line: 6, column: 7, data: fundMoving('/v1/payments/addbank/cad', 'add CAD bank account') },
      ],
    },
    {
      name: 'reports a payload request even when an unknown helper sends it',
      code: "import { privateCall } from './gemini';\nawait privateCall({ request: '/v1/withdraw/btc', nonce: Date.now(), address: addr, amount: '1' });",
      output: null,
      errors: [{ messageId: 'fundMovingEndpoint', line: 2, column: 30, data: fundMoving('/v1/withdraw/{currency}', 'withdraw crypto funds') }],
    },
    {
      name: 'reports a payload and the request that sends it once',
      code: lines(
        "const body = { request: '/v1/withdraw/btc', nonce: Date.now(), address: addr, amount: '1' };",
        "const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
        "fetch('https://api.gemini.com/v1/withdraw/btc', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sig } });",
      ),
      output: null,
      errors: [{ messageId: 'fundMovingEndpoint', line: 3, column: 7, data: fundMoving('/v1/withdraw/{currency}', 'withdraw crypto funds') }],
    },
    {
      name: 'reports the caller of a generic private-call helper',
      code: lines(
        "import axios from 'axios';",
        'class Gemini {',
        "  base = 'https://api.gemini.com';",
        '  private(path: string, params: object = {}) {',
        '    const payload = { request: path, nonce: Date.now(), ...params };',
        "    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');",
        "    return axios.post(this.base + path, null, { headers: { 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-APIKEY': key, 'X-GEMINI-SIGNATURE': sign(encoded) } });",
        '  }',
        "  balances() { return this.private('/v1/balances'); }",
        "  withdraw(currency: string, address: string, amount: string) { return this.private(`/v1/withdraw/${currency}`, { address, amount }); }",
        '}',
      ),
      output: null,
      errors: [{ messageId: 'fundMovingEndpoint', line: 10, column: 85, data: fundMoving('/v1/withdraw/{currency}', 'withdraw crypto funds') }],
    },
    {
      name: 'reports payload helpers whose request comes from a parameter, at the caller',
      code: lines(
        'function payloadFor(path: string) { return Buffer.from(JSON.stringify({ request: path, nonce: Date.now() })).toString("base64"); }',
        "const h = { 'X-GEMINI-PAYLOAD': payloadFor('/v1/payments/sen/withdraw') };",
      ),
      output: null,
      errors: [{ messageId: 'fundMovingEndpoint', line: 2, column: 44, data: fundMoving('/v1/payments/sen/withdraw', 'withdraw USD via SEN') }],
    },
    {
      name: 'reports an unknown base in Gemini code',
      code: lines("const BASE = process.env.GEMINI_URL ?? 'https://api.gemini.com';", 'fetch(`${BASE}/v1/withdraw/usdc`, { method: "POST", headers: { "X-GEMINI-APIKEY": k } });'),
      output: null,
      errors: [{ messageId: 'fundMovingEndpoint', line: 2, column: 7, data: fundMoving('/v1/withdraw/{currency}', 'withdraw crypto funds') }],
    },
    {
      name: 'still reports endpoints not in allow',
      code: "fetch('https://api.gemini.com/v1/account/transfer/btc', { method: 'POST' });",
      options: [{ allow: ['/v1/withdraw/{currency}'] }],
      output: null,
      errors: [{ messageId: 'fundMovingEndpoint', line: 1, column: 7, data: fundMoving('/v1/account/transfer/{currency}', 'transfer between accounts') }],
    },
  ],
});
