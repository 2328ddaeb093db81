// Private requests recognised by what they are, whatever client sends them (issue 12): fetch with
// Request / Headers objects and helper-built init, request-config objects handed to any sender
// (n8n helpers, axios config), needle, ofetch, Apps Script, NestJS and Angular clients, axios
// instances held in fields, and a method chosen at run time. Each recogniser has near-misses.
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unsigned-private-request.js';

const ruleTester = new RuleTester();

const lines = (...l: string[]): string => l.join('\n');

ruleTester.run('no-unsigned-private-request (clients)', rule, {
  valid: [
    {
      name: "leaves a Request whose headers are set after it is built alone",
      code: lines(
        "const req = new Request('https://api.gemini.com/v1/balances', { method: 'POST' });",
        "req.headers.set('X-GEMINI-APIKEY', key);",
        "await fetch(req);",
      ),
    },
    {
      name: "ignores Binance through an n8n request-config object",
      code: lines(
        "export async function account(this: IExecuteFunctions) {",
        "  return this.helpers.httpRequest({ method: 'GET', url: 'https://api.binance.com/api/v3/account', headers: { 'X-MBX-APIKEY': key } });",
        "}",
      ),
    },
    {
      name: "ignores Bitfinex through needle",
      code: lines(
        "import needle from 'needle';",
        "needle.post('https://api.bitfinex.com/v2/auth/r/wallets', {}, { headers: { 'bfx-apikey': key } });",
      ),
    },
    {
      name: "ignores Coinbase through a NestJS HttpService",
      code: lines(
        "import { HttpService } from '@nestjs/axios';",
        "export class CoinbaseService {",
        "  constructor(private readonly http: HttpService) {}",
        "  accounts() { return this.http.get('https://api.coinbase.com/api/v3/brokerage/accounts', { headers: { 'CB-ACCESS-KEY': key } }); }",
        "}",
      ),
    },
    {
      name: "ignores Kraken through new Request",
      code: lines(
        "const req = new Request('https://api.kraken.com/0/private/Balance', { method: 'POST', headers: { 'API-Key': key } });",
        "await fetch(req);",
      ),
    },
    {
      name: "ignores Google Gemini AI REST with x-goog-api-key through UrlFetchApp",
      code: lines(
        "const GEMINI_API_KEY = PropertiesService.getScriptProperties().getProperty('GEMINI_API_KEY');",
        "UrlFetchApp.fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent', { method: 'post', headers: { 'x-goog-api-key': GEMINI_API_KEY }, payload: JSON.stringify(body) });",
      ),
    },
    {
      name: "accepts public Gemini endpoints through n8n and Angular clients",
      code: lines(
        "export async function ticker(this: IExecuteFunctions) {",
        "  return this.helpers.httpRequest({ method: 'GET', url: 'https://api.gemini.com/v1/pubticker/btcusd', headers: {} });",
        "}",
        "import { HttpClient } from '@angular/common/http';",
        "export class Symbols { constructor(private http: HttpClient) {} all() { return this.http.get('https://api.gemini.com/v1/symbols'); } }",
      ),
    },
    {
      name: "accepts a signed n8n httpRequest",
      code: lines(
        "export async function balances(this: IExecuteFunctions, key: string, payload: string, signature: string) {",
        "  return this.helpers.httpRequest({ method: 'POST', url: 'https://api.gemini.com/v1/balances', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
        "}",
      ),
    },
    {
      name: "leaves n8n requests that add credentials themselves alone",
      code: lines(
        "export async function balances(this: IExecuteFunctions) {",
        "  return this.helpers.httpRequestWithAuthentication.call(this, 'geminiApi', { method: 'POST', url: 'https://api.gemini.com/v1/balances', headers: {} });",
        "}",
      ),
    },
    {
      name: "does not take logged or asserted config objects for requests",
      code: lines(
        "function send(options: object) { return options; }",
        "console.log({ method: 'GET', url: 'https://api.gemini.com/v1/balances' });",
        "expect(fetchMock).toHaveBeenCalledWith({ method: 'GET', url: 'https://api.gemini.com/v1/balances', headers: {} });",
      ),
    },
    {
      name: "ignores an n8n node for another exchange",
      code: lines(
        "export class KrakenNode {",
        "  async execute(this: IExecuteFunctions) {",
        "    const options = { method: 'GET', url: 'https://api.kraken.com/0/public/Ticker', headers: {} };",
        "    return this.helpers.httpRequest(options);",
        "  }",
        "}",
      ),
    },
  ],
  invalid: [
    {
      name: "reports a new Request(url, init) sent with fetch without the signing headers",
      code: lines(
        "const init = { method: 'POST', headers: { 'Content-Type': 'text/plain' } };",
        "const req = new Request('https://api.gemini.com/v1/balances', init);",
        "const res = await fetch(req);",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 2, column: 25 }],
    },
    {
      name: "reports a new Request passed straight to fetch with GET and no signature",
      code: lines(
        "const res = await fetch(new Request('https://api.gemini.com/v1/order/new', { method: 'GET' }));",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 1, column: 37, suggestions: [{ messageId: "signWithReferenceSigner", output: lines(
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });",
        "const res = await fetch(new Request('https://api.gemini.com/v1/order/new', { method: 'GET', headers: geminiSigner.sign('/v1/order/new').headers }));",
      ) }] }, { messageId: "notPost", line: 1, column: 86, suggestions: [{ messageId: "usePost", output: lines(
        "const res = await fetch(new Request('https://api.gemini.com/v1/order/new', { method: 'POST' }));",
      ) }] }],
    },
    {
      name: "reports new Headers() filled with set() that lacks the payload and signature",
      code: lines(
        "const headers = new Headers();",
        "headers.set('X-GEMINI-APIKEY', key);",
        "await fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers });",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 3, column: 13 }],
    },
    {
      name: "reports fetch whose init is built by a helper: GET and no signature",
      code: lines(
        "function buildInit(body: string) {",
        "  return { method: 'GET', headers: { 'Content-Type': 'application/json' }, body };",
        "}",
        "await fetch('https://api.gemini.com/v1/mytrades', buildInit('{}'));",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 2, column: 20 }, { messageId: "missingHeaders", line: 4, column: 13 }],
    },
    {
      name: "reports an n8n node calling this.helpers.httpRequest(options) with GET and no signature",
      code: lines(
        "import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';",
        "export class GeminiExchange {",
        "  async execute(this: IExecuteFunctions) {",
        "    const options: IHttpRequestOptions = {",
        "      method: 'GET',",
        "      url: 'https://api.gemini.com/v1/balances',",
        "      headers: { 'Content-Type': 'text/plain' },",
        "      json: true,",
        "    };",
        "    return this.helpers.httpRequest(options);",
        "  }",
        "}",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 5, column: 15 }, { messageId: "missingHeaders", line: 6, column: 12 }],
    },
    {
      name: "reports this.helpers.request({ uri, headers }) with only the API key",
      code: lines(
        "export async function newOrder(this: IExecuteFunctions, apiKey: string, body: object) {",
        "  return this.helpers.request({ method: 'POST', uri: 'https://api.gemini.com/v1/order/new', headers: { 'X-GEMINI-APIKEY': apiKey }, body });",
        "}",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 2, column: 54, suggestions: [{ messageId: "signWithReferenceSigner", output: lines(
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });",
        "export async function newOrder(this: IExecuteFunctions, apiKey: string, body: object) {",
        "  return this.helpers.request({ method: 'POST', uri: 'https://api.gemini.com/v1/order/new', headers: { 'X-GEMINI-APIKEY': apiKey, ...geminiSigner.sign('/v1/order/new').headers }, body });",
        "}",
      ) }] }],
    },
    {
      name: "reports axios(config) and axios.request(config) with method get on a private endpoint once",
      code: lines(
        "import axios from 'axios';",
        "const config = { method: 'get', url: 'https://api.gemini.com/v1/orders', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } };",
        "await axios(config);",
        "await axios.request({ ...config });",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 2, column: 26 }],
    },
    {
      name: "reports needle.post without payload and signature",
      code: lines(
        "import needle from 'needle';",
        "needle.post('https://api.gemini.com/v1/balances', '', { headers: { 'X-GEMINI-APIKEY': key } }, done);",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 2, column: 13, suggestions: [{ messageId: "signWithReferenceSigner", output: lines(
        "import needle from 'needle';",
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });",
        "needle.post('https://api.gemini.com/v1/balances', '', { headers: { 'X-GEMINI-APIKEY': key, ...geminiSigner.sign('/v1/balances').headers } }, done);",
      ) }] }],
    },
    {
      name: "reports Nuxt's global $fetch without the signing headers",
      code: lines(
        "export default defineEventHandler(() => $fetch('https://api.gemini.com/v1/balances', { method: 'POST' }));",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 1, column: 48, suggestions: [{ messageId: "signWithReferenceSigner", output: lines(
        "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
        "const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });",
        "export default defineEventHandler(() => $fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: geminiSigner.sign('/v1/balances').headers }));",
      ) }] }],
    },
    {
      name: "reports Apps Script UrlFetchApp.fetch with method get",
      code: lines(
        "function balances() {",
        "  return UrlFetchApp.fetch('https://api.gemini.com/v1/balances', { method: 'get', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
        "}",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 2, column: 76, suggestions: [{ messageId: "usePost", output: lines(
        "function balances() {",
        "  return UrlFetchApp.fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
        "}",
      ) }] }],
    },
    {
      name: "reports an injected NestJS HttpService get inside firstValueFrom",
      code: lines(
        "import { Injectable } from '@nestjs/common';",
        "import { HttpService } from '@nestjs/axios';",
        "import { firstValueFrom } from 'rxjs';",
        "@Injectable()",
        "export class GeminiService {",
        "  constructor(private readonly http: HttpService) {}",
        "  balances(key: string, payload: string, signature: string) {",
        "    return firstValueFrom(this.http.get('https://api.gemini.com/v1/balances', { headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } }));",
        "  }",
        "}",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 8, column: 37 }],
    },
    {
      name: "reports an Angular HttpClient post with HttpHeaders holding only the key",
      code: lines(
        "import { Injectable, inject } from '@angular/core';",
        "import { HttpClient, HttpHeaders } from '@angular/common/http';",
        "@Injectable({ providedIn: 'root' })",
        "export class GeminiApi {",
        "  private readonly http = inject(HttpClient);",
        "  balances(key: string) {",
        "    return this.http.post('https://api.gemini.com/v1/balances', '', { headers: new HttpHeaders({ 'X-GEMINI-APIKEY': key }) });",
        "  }",
        "}",
      ),
      output: null,
      errors: [{ messageId: "missingHeaders", line: 7, column: 27 }],
    },
    {
      name: "reports a get on this.client, an axios instance created in the constructor",
      code: lines(
        "import axios from 'axios';",
        "export class Gemini {",
        "  constructor(key, secret) {",
        "    this.client = axios.create({ baseURL: 'https://api.gemini.com' });",
        "  }",
        "  balances(key, payload, signature) {",
        "    return this.client.get('/v1/balances', { headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
        "  }",
        "}",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 7, column: 24 }],
    },
    {
      name: "reports the call site of a helper that chooses GET when no body is passed",
      code: lines(
        "const BASE = 'https://api.gemini.com';",
        "function sign(path: string, body?: object) {",
        "  return { 'X-GEMINI-APIKEY': process.env.KEY, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature };",
        "}",
        "async function call(path: string, body?: object) {",
        "  return fetch(BASE + path, { method: body ? 'POST' : 'GET', headers: sign(path, body) });",
        "}",
        "await call('/v1/balances');",
        "await call('/v1/order/new', { symbol: 'btcusd' });",
        "await call('/v1/pubticker/btcusd');",
      ),
      output: null,
      errors: [{ messageId: "notPost", line: 8, column: 12 }],
    },
  ],
});
