import { describe, expect, it } from 'vitest';
import { findHeader, httpCalls } from '../../src/analysis/requests/http-calls.js';
import { HOLE } from '../../src/gemini/paths.js';
import { parse } from '../helpers/parse.js';

function calls(code: string) {
  const sc = parse(code);
  return httpCalls(sc).map((c) => ({
    client: c.client,
    method: c.method,
    host: c.url?.host,
    path: c.url?.path,
    gemini: c.url?.gemini,
    headers: c.headers.entries.map((e) => e.name),
    complete: c.headers.complete,
  }));
}

describe('httpCalls', () => {
  it('recognises fetch with method and headers', () => {
    expect(
      calls(`
        const BASE = 'https://api.gemini.com';
        await fetch(BASE + '/v1/order/new', { method: 'POST', headers: { 'X-GEMINI-APIKEY': k, 'X-GEMINI-PAYLOAD': p, 'X-GEMINI-SIGNATURE': s } });`),
    ).toEqual([
      { client: 'fetch', method: 'POST', host: 'api.gemini.com', path: '/v1/order/new', gemini: true, headers: ['X-GEMINI-APIKEY', 'X-GEMINI-PAYLOAD', 'X-GEMINI-SIGNATURE'], complete: true },
    ]);
  });

  it('treats fetch without init as a GET', () => {
    expect(calls(`fetch('https://api.gemini.com/v1/pubticker/btcusd')`)[0]).toMatchObject({ method: 'GET', path: '/v1/pubticker/btcusd' });
  });

  it('leaves the method unknown when options come from elsewhere', () => {
    expect(calls(`declare const init: RequestInit; fetch('https://api.gemini.com/v1/balances', init)`)[0]).toMatchObject({ method: undefined, complete: false });
  });

  it('recognises node-fetch and undici imports', () => {
    const result = calls(`
      import nodeFetch from 'node-fetch';
      import { request, fetch as uFetch } from 'undici';
      nodeFetch('https://api.gemini.com/v1/symbols');
      request('https://api.gemini.com/v1/balances', { method: 'POST' });
      uFetch('https://api.gemini.com/v1/symbols');`);
    expect(result.map((c) => [c.client, c.method, c.path])).toEqual([
      ['fetch', 'GET', '/v1/symbols'],
      ['undici', 'POST', '/v1/balances'],
      ['fetch', 'GET', '/v1/symbols'],
    ]);
  });

  it('joins axios instance baseURL the way axios does, including the /v1 mistake', () => {
    const result = calls(`
      import axios from 'axios';
      const api = axios.create({ baseURL: 'https://api.gemini.com/v1', headers: { 'Content-Type': 'text/plain' } });
      api.post('/balances', null, { headers: { 'X-GEMINI-APIKEY': key } });
      api.get('mytrades');`);
    expect(result).toEqual([
      { client: 'axios', method: 'POST', host: 'api.gemini.com', path: '/v1/balances', gemini: true, headers: ['Content-Type', 'X-GEMINI-APIKEY'], complete: true },
      { client: 'axios', method: 'GET', host: 'api.gemini.com', path: '/v1/mytrades', gemini: true, headers: ['Content-Type'], complete: true },
    ]);
  });

  it('recognises axios config calls and instances held in class fields', () => {
    const result = calls(`
      const axios = require('axios');
      class Gemini {
        constructor() { this.http = axios.create({ baseURL: 'https://api.sandbox.gemini.com' }); }
        order() { return this.http.request({ url: '/v1/order/new', method: 'post', headers: this.headers() }); }
        headers() { return { 'X-GEMINI-APIKEY': 'k', 'X-GEMINI-SIGNATURE': 's' }; }
      }
      axios({ method: 'GET', url: 'https://api.gemini.com/v1/balances' });`);
    expect(result).toEqual([
      { client: 'axios', method: 'POST', host: 'api.sandbox.gemini.com', path: '/v1/order/new', gemini: true, headers: ['X-GEMINI-APIKEY', 'X-GEMINI-SIGNATURE'], complete: true },
      { client: 'axios', method: 'GET', host: 'api.gemini.com', path: '/v1/balances', gemini: true, headers: [], complete: true },
    ]);
  });

  it('recognises got, ky and request with prefixUrl / baseUrl', () => {
    const result = calls(`
      import got from 'got';
      import ky from 'ky';
      import request from 'request-promise';
      const g = got.extend({ prefixUrl: 'https://api.gemini.com' });
      g.post('v1/order/new', { headers: { 'X-GEMINI-APIKEY': k } });
      ky.get('https://api.gemini.com/v1/symbols');
      request({ uri: 'https://api.gemini.com/v1/balances', method: 'POST', headers: h });`);
    expect(result.map((c) => [c.client, c.method, c.path])).toEqual([
      ['got', 'POST', '/v1/order/new'],
      ['ky', 'GET', '/v1/symbols'],
      ['request', 'POST', '/v1/balances'],
    ]);
  });

  it('reads superagent chains', () => {
    const [call] = calls(`
      import superagent from 'superagent';
      await superagent.post('https://api.gemini.com/v1/order/new').set('X-GEMINI-APIKEY', k).set({ 'X-GEMINI-PAYLOAD': p }).send();`);
    expect(call).toMatchObject({ client: 'superagent', method: 'POST', path: '/v1/order/new', headers: ['X-GEMINI-APIKEY', 'X-GEMINI-PAYLOAD'], complete: true });
  });

  it('reads https.request option objects and later setHeader calls', () => {
    const [call] = calls(`
      import https from 'node:https';
      const req = https.request({ hostname: 'api.gemini.com', path: '/v1/order/status', method: 'POST', headers: { 'X-GEMINI-APIKEY': k } });
      req.setHeader('X-GEMINI-SIGNATURE', sig);`);
    expect(call).toMatchObject({ client: 'node-http', method: 'POST', host: 'api.gemini.com', path: '/v1/order/status', headers: ['X-GEMINI-APIKEY', 'X-GEMINI-SIGNATURE'] });
  });

  it('reads WebSocket headers from the ws options argument', () => {
    const [call] = calls(`
      import WebSocket from 'ws';
      new WebSocket('wss://api.gemini.com/v1/order/events', { headers: { 'X-GEMINI-APIKEY': k, 'X-GEMINI-PAYLOAD': p, 'X-GEMINI-SIGNATURE': s } });`);
    expect(call).toMatchObject({ client: 'websocket', host: 'api.gemini.com', path: '/v1/order/events', headers: ['X-GEMINI-APIKEY', 'X-GEMINI-PAYLOAD', 'X-GEMINI-SIGNATURE'] });
  });

  it('inspects headers built by a helper and mutated afterwards', () => {
    const [call] = calls(`
      function authHeaders(payload) {
        const h = { 'X-GEMINI-APIKEY': key };
        h['X-GEMINI-PAYLOAD'] = payload;
        return h;
      }
      fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: authHeaders(p) });`);
    expect(call?.headers).toEqual(['X-GEMINI-APIKEY', 'X-GEMINI-PAYLOAD']);
  });

  it('marks headers from an imported helper as unknown', () => {
    const [call] = calls(`
      import { sign } from './sign';
      fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign('/v1/balances') });`);
    expect(call).toMatchObject({ headers: [], complete: false });
  });

  it('keeps a template path with holes', () => {
    const [call] = calls('declare const s: string; fetch(`https://api.gemini.com/v1/book/${s}`);');
    expect(call?.path).toBe(`/v1/book/${HOLE}`);
  });

  it('ignores non-HTTP calls and local functions named fetch', () => {
    expect(calls(`function fetch(x) { return x; } fetch('https://api.gemini.com/v1/balances'); Promise.all([]);`)).toEqual([]);
  });

  it('finds a header case-insensitively', () => {
    const sc = parse(`fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'x-gemini-apikey': k } });`);
    expect(findHeader(httpCalls(sc)[0]!.headers, 'X-GEMINI-APIKEY')?.name).toBe('x-gemini-apikey');
  });

  it('keeps the base a configured client joined the path to', () => {
    const sc = parse(`
      import axios from 'axios';
      import got from 'got';
      const api = axios.create({ baseURL: 'https://api.gemini.com/v1' });
      api.post('/balances');
      got.extend({ prefixUrl: 'https://api.gemini.com' }).post('v1/balances');
      axios.post('https://api.gemini.com/v1/balances');`);
    expect(httpCalls(sc).map((c) => c.urlBase)).toEqual([
      { base: { text: 'https://api.gemini.com/v1', complete: true }, join: 'axios' },
      { base: { text: 'https://api.gemini.com', complete: true }, join: 'prefix' },
      undefined,
    ]);
  });
});
