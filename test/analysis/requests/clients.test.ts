import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { describe, expect, it } from 'vitest';
import { nodesOfType } from '../../../src/analysis/ast-utils.js';
import { ANY_CLIENT_WORD, CLIENTS } from '../../../src/analysis/requests/clients/index.js';
import { httpCalls } from '../../../src/analysis/requests/http-calls.js';
import { parse } from '../../helpers/parse.js';

function calls(code: string) {
  return httpCalls(parse(code)).map((c) => ({
    client: c.client,
    method: c.method,
    path: c.url?.path,
    host: c.url?.host,
    headers: c.headers.entries.map((e) => e.name),
    complete: c.headers.complete,
    body: c.bodyNode !== undefined,
  }));
}

describe('client descriptors', () => {
  it('gives every family a unique id and at least one prefilter word', () => {
    expect(new Set(CLIENTS.map((c) => c.id)).size).toBe(CLIENTS.length);
    for (const client of CLIENTS) expect(client.words.length).toBeGreaterThan(0);
    expect(ANY_CLIENT_WORD.test('const x = 1;')).toBe(false);
  });

  it('reads a new Request(url, init) as the request and does not count fetch(request) twice', () => {
    expect(
      calls(`
        const init = { method: 'POST', headers: { 'X-GEMINI-APIKEY': key } };
        const req = new Request('https://api.gemini.com/v1/balances', init);
        await fetch(req);`),
    ).toEqual([{ client: 'fetch', method: 'POST', path: '/v1/balances', host: 'api.gemini.com', headers: ['X-GEMINI-APIKEY'], complete: true, body: false }]);
  });

  it('merges fetch(request, init) over the Request it sends', () => {
    const [call] = calls(`
      const req = new Request('https://api.gemini.com/v1/balances', { headers: { 'X-GEMINI-APIKEY': key } });
      await fetch(req, { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': p } });`).slice(1);
    expect(call).toMatchObject({ method: 'POST', path: '/v1/balances', headers: ['X-GEMINI-APIKEY', 'X-GEMINI-PAYLOAD'] });
  });

  it('follows fetch init built by a helper, and new Headers() filled with set()', () => {
    expect(
      calls(`
        function init(body) {
          const headers = new Headers();
          headers.set('X-GEMINI-APIKEY', key);
          return { method: 'POST', headers, body };
        }
        await fetch('https://api.gemini.com/v1/balances', init(payload));`),
    ).toEqual([{ client: 'fetch', method: 'POST', path: '/v1/balances', host: 'api.gemini.com', headers: ['X-GEMINI-APIKEY'], complete: true, body: true }]);
  });

  it('reads request-config objects handed to n8n helpers, with .call(this, credential, options) marking added auth', () => {
    const result = calls(`
      export async function execute(this: IExecuteFunctions) {
        const options: IHttpRequestOptions = { method: 'GET', url: 'https://api.gemini.com/v1/mytrades', headers: { 'Content-Type': 'text/plain' }, json: true };
        await this.helpers.httpRequest(options);
        await this.helpers.httpRequestWithAuthentication.call(this, 'geminiApi', { method: 'POST', uri: 'https://api.gemini.com/v1/balances' , headers: {} });
      }`);
    expect(result).toEqual([
      { client: 'config-object', method: 'GET', path: '/v1/mytrades', host: 'api.gemini.com', headers: ['Content-Type'], complete: true, body: false },
      { client: 'config-object', method: 'POST', path: '/v1/balances', host: 'api.gemini.com', headers: [], complete: false, body: false },
    ]);
  });

  it('joins baseURL and url of a config object, and ignores loggers and local functions', () => {
    const result = calls(`
      function send(options) { return options; }
      console.log({ method: 'GET', url: 'https://api.gemini.com/v1/balances' });
      send({ method: 'GET', url: 'https://api.gemini.com/v1/balances' });
      this.helpers.request({ method: 'POST', baseURL: 'https://api.gemini.com/v1', url: '/balances', headers: {} });`);
    expect(result).toEqual([{ client: 'config-object', method: 'POST', path: '/v1/balances', host: 'api.gemini.com', headers: [], complete: true, body: false }]);
  });

  it('reads needle, ofetch and Apps Script calls', () => {
    const result = calls(`
      import needle from 'needle';
      import { ofetch } from 'ofetch';
      needle.post('https://api.gemini.com/v1/balances', '', { headers: { 'X-GEMINI-APIKEY': k } });
      needle('get', 'https://api.gemini.com/v1/balances');
      const api = ofetch.create({ baseURL: 'https://api.gemini.com', headers: { 'X-GEMINI-APIKEY': k } });
      api('/v1/balances', { method: 'POST' });
      UrlFetchApp.fetch('https://api.gemini.com/v1/balances', { method: 'post', headers: { 'X-GEMINI-APIKEY': k }, payload: '' });`);
    expect(result.map((c) => [c.client, c.method, c.path, c.headers])).toEqual([
      ['needle', 'POST', '/v1/balances', ['X-GEMINI-APIKEY']],
      ['needle', 'GET', '/v1/balances', []],
      ['ofetch', 'POST', '/v1/balances', ['X-GEMINI-APIKEY']],
      ['url-fetch-app', 'POST', '/v1/balances', ['X-GEMINI-APIKEY']],
    ]);
  });

  it('recognises an injected NestJS HttpService and Angular HttpClient', () => {
    const result = calls(`
      import { HttpService } from '@nestjs/axios';
      import { HttpClient, HttpHeaders } from '@angular/common/http';
      class GeminiService {
        constructor(private readonly http: HttpService) {}
        balances() { return firstValueFrom(this.http.post('https://api.gemini.com/v1/balances', null, { headers: { 'X-GEMINI-APIKEY': k } })); }
      }
      class GeminiApi {
        private http = inject(HttpClient);
        orders() { return this.http.post('https://api.gemini.com/v1/orders', '', { headers: new HttpHeaders().set('X-GEMINI-APIKEY', k) }); }
        ticker(client: HttpClient) { return client.get('https://api.gemini.com/v1/pubticker/btcusd'); }
      }`);
    expect(result.map((c) => [c.client, c.method, c.path, c.headers])).toEqual([
      ['nest-http', 'POST', '/v1/balances', ['X-GEMINI-APIKEY']],
      ['angular-http', 'POST', '/v1/orders', ['X-GEMINI-APIKEY']],
      ['angular-http', 'GET', '/v1/pubticker/btcusd', []],
    ]);
  });

  it('answers for an instance created from itself without recursing until the stack overflows', () => {
    // `const api = api.create(…)` is a TDZ error at run time but valid syntax. httpCalls swallows a
    // recogniser's throw (it costs that call), so every recogniser is asked directly here.
    const sc = parse(`
      import axios from 'axios';
      import { ofetch } from 'ofetch';
      import got from 'got';
      const api = api.create({ baseURL: 'https://api.gemini.com', headers: { 'X-GEMINI-APIKEY': key } });
      api('/v1/balances', { method: 'POST' });
      api.post('/v1/balances', {});
      const client = client.extend({ prefixUrl: 'https://api.gemini.com' });
      client.post('v1/orders');`);
    for (const node of nodesOfType(sc.ast, AST_NODE_TYPES.CallExpression)) {
      for (const client of CLIENTS) expect(() => client.recognise(node, sc), client.id).not.toThrow();
    }
  });

  it('follows an axios instance created in the constructor into this.client calls', () => {
    const result = calls(`
      import axios from 'axios';
      class Gemini {
        #client;
        constructor() { this.#client = axios.create({ baseURL: 'https://api.gemini.com' }); }
        balances() { return this.#client.post('/v1/balances'); }
      }`);
    expect(result.map((c) => [c.client, c.method, c.path])).toEqual([['axios', 'POST', '/v1/balances']]);
  });
});
