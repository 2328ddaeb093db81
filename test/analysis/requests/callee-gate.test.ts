// Each client family declares the callee shapes and modules it can match (ClientDescriptor.callee),
// so that most calls of a file never reach a recogniser that resolves values. The shortcut must
// answer exactly what every recogniser, asked about every call, answers.
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodesOfType } from '../../../src/analysis/ast-utils.js';
import { CLIENT_WORD_PATTERNS, CLIENTS } from '../../../src/analysis/requests/clients/index.js';
import { calleeAdmits, httpCalls } from '../../../src/analysis/requests/http-calls.js';
import { textMayMatch } from '../../../src/analysis/text-prefilter.js';
import { parse, type SourceCode } from '../../helpers/parse.js';

/** What the analysis found before the shortcut: every call asked of every family whose words the file holds. */
function ungated(sc: SourceCode): [TSESTree.Node, string][] {
  const clients = CLIENTS.filter((c) => textMayMatch(sc, CLIENT_WORD_PATTERNS.get(c)!));
  const found: [TSESTree.Node, string][] = [];
  for (const node of nodesOfType(sc.ast, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression)) {
    for (const client of clients) {
      const call = client.recognise(node, sc);
      if (call) {
        found.push([node, call.client]);
        break;
      }
    }
  }
  return found;
}

// Realistic shapes of every family: aliases, compiled imports, instances in fields, configs built elsewhere.
const SOURCES: Record<string, string> = {
  'fetch and its ponyfills': `
    import nodeFetch from 'node-fetch';
    import * as undici from 'undici';
    const f = fetch;
    const _nf = _interopRequireDefault(require('node-fetch'));
    fetch('https://api.gemini.com/v1/symbols');
    window.fetch('https://api.gemini.com/v1/symbols');
    globalThis['fetch']('https://api.gemini.com/v1/symbols');
    f('https://api.gemini.com/v1/symbols');
    nodeFetch('https://api.gemini.com/v1/balances', { method: 'POST' });
    (0, _nf.default)('https://api.gemini.com/v1/balances', { method: 'POST' });
    undici.fetch('https://api.gemini.com/v1/symbols');
    undici.request('https://api.gemini.com/v1/order/new', { method: 'POST' });
    const req = new Request('https://api.gemini.com/v1/balances', { method: 'POST' });
    await fetch(req, { headers: { 'X-GEMINI-APIKEY': key } });
    require('cross-fetch')('https://api.gemini.com/v1/symbols');`,
  'node http, superagent, needle, ws': `
    const https = require('node:https');
    import http from 'http';
    import superagent from 'superagent';
    const needle = require('needle');
    import WebSocket from 'ws';
    import * as wsNs from 'isomorphic-ws';
    https.request({ hostname: 'api.gemini.com', path: '/v1/balances', method: 'POST' });
    http.get('http://api.gemini.com/v1/symbols');
    superagent.post('https://api.gemini.com/v1/order/new').set('X-GEMINI-APIKEY', key).send({});
    superagent.del('https://api.gemini.com/v1/order/cancel');
    superagent('GET', 'https://api.gemini.com/v1/symbols');
    needle('post', 'https://api.gemini.com/v1/balances', {}, { headers: {} });
    needle.request('post', 'https://api.gemini.com/v1/balances', {});
    needle.get('https://api.gemini.com/v1/symbols');
    new WebSocket('wss://api.gemini.com/v1/marketdata/btcusd');
    new wsNs.WebSocket('wss://api.gemini.com/v2/marketdata');
    new wsNs.default('wss://api.gemini.com/v2/marketdata');`,
  'configured clients and instances': `
    import axios from 'axios';
    import got from 'got';
    import ky from 'ky';
    const rp = require('request-promise');
    const api = axios.create({ baseURL: 'https://api.gemini.com' });
    const base = rp.defaults({ baseUrl: 'https://api.gemini.com' });
    class Client {
      constructor() { this.http = axios.create({ baseURL: 'https://api.gemini.com/v1' }); this.kyi = ky.extend({ prefixUrl: 'https://api.gemini.com' }); }
      balances() { return this.http.post('/balances', null, { headers: { 'X-GEMINI-APIKEY': key } }); }
      raw(config) { return this.http(config); }
      order() { return this.kyi.post('v1/order/new', { json: {} }); }
    }
    const clients = { gemini: api };
    clients.gemini({ url: '/v1/symbols' });
    api['get']('/v1/symbols');
    axios({ method: 'post', url: 'https://api.gemini.com/v1/balances' });
    got.post('https://api.gemini.com/v1/balances', { json: {} });
    base({ uri: '/v1/balances', method: 'POST' });
    rp.post({ uri: 'https://api.gemini.com/v1/order/new' });`,
  'ofetch, Apps Script, frameworks': `
    import { ofetch } from 'ofetch';
    import { HttpService } from '@nestjs/axios';
    import { HttpClient } from '@angular/common/http';
    const gem = ofetch.create({ baseURL: 'https://api.gemini.com' });
    gem('/v1/balances', { method: 'POST' });
    $fetch('https://api.gemini.com/v1/symbols');
    UrlFetchApp.fetch('https://api.gemini.com/v1/balances', { method: 'post' });
    class Nest { constructor(private readonly http: HttpService) {} go() { return this.http.axiosRef.post('https://api.gemini.com/v1/balances'); } }
    class Ng { http = inject(HttpClient); go() { return this.http.request('POST', 'https://api.gemini.com/v1/balances', {}); } }`,
  'request configs handed to any sender': `
    const options = { method: 'POST', url: 'https://api.gemini.com/v1/balances', headers: {} };
    const { opts } = { opts: { url: 'https://api.gemini.com/v1/mytrades', method: 'POST' } };
    let later;
    later = { uri: 'https://api.gemini.com/v1/orders', headers: {} };
    function build() { return { url: 'https://api.gemini.com/v1/order/status', method: 'POST' }; }
    const URL_KEY = 'url';
    this.helpers.httpRequest(options);
    this.helpers.requestWithAuthentication.call(this, 'geminiApi', { ...options, method: 'GET' });
    send(opts);
    send(later);
    send(build());
    send(Object.assign({}, options, { headers: { a: 1 } }));
    send({ [URL_KEY]: 'https://api.gemini.com/v1/heartbeat', method: 'POST' });
    send(await Promise.resolve(options));
    console.log({ url: 'https://api.gemini.com', method: 'GET' });`,
  'request configs reached through fields, helpers and aliases': `
    const merge = Object.assign;
    const { assign } = Object;
    const defaults = { headers: { 'Content-Type': 'text/plain' } };
    class Api {
      opts = { url: 'https://api.gemini.com/v1/balances', method: 'POST' };
      constructor() { this.base = { uri: 'https://api.gemini.com/v1/orders', headers: {} }; this.make = () => ({ url: '/v1/mytrades', method: 'POST' }); }
      build(path) { return { url: path, method: 'POST', headers: {} }; }
      async load() { return this.build('/v1/heartbeat'); }
      go() {
        sender(this.opts);
        sender(this.base);
        sender(this.build('/v1/balances'));
        sender(this.make());
        sender(await this.load());
        sender(JSON.parse(JSON.stringify(this.opts)));
        sender(structuredClone(this.opts as unknown as object));
        sender(merge({}, defaults, { url: '/v1/order/new' }));
        sender(assign({}, { url: '/v1/order/cancel' }, defaults));
        sender((0, Object.assign)({}, defaults, { uri: '/v1/tradevolume' }));
      }
    }
    const table = { entry: { url: 'https://api.gemini.com/v1/notionalvolume', method: 'POST' } };
    const { entry } = table;
    const { entry: renamed } = table;
    sender(table.entry);
    sender(table['entry']);
    sender(entry);
    sender(renamed);
    const retry = function again(n) { return n ? again(n - 1) : { url: '/v1/balances', method: 'POST' }; };
    sender(retry(2));
    function Legacy() { this.cfg = { url: 'https://api.gemini.com/v1/balances', method: 'POST' }; }
    Legacy.prototype.request = function () { return sender(this.cfg); };
    Legacy.prototype.options = function () { return { url: '/v1/orders', headers: {} }; };
    Legacy.prototype.send = function () { return sender(this.options()); };`,
  'a ccxt-shaped exchange class': `
    import Exchange from './abstract/gemini.js';
    export default class gemini extends Exchange {
      parseTicker(ticker, market = undefined) {
        const symbol = this.safeSymbol(this.safeString(ticker, 'pair'), market);
        return this.safeTicker({ 'symbol': symbol, 'last': this.safeString(ticker, 'last') }, market);
      }
      async fetchBalance(params = {}) {
        await this.loadMarkets();
        const response = await this.privatePostV1Balances(params);
        return this.parseBalance(response);
      }
      sign(path, api = 'public', method = 'GET', params = {}, headers = undefined, body = undefined) {
        const url = this.urls['api'][api] + '/' + this.implodeParams(path, params);
        return { 'url': url, 'method': method, 'body': body, 'headers': headers };
      }
    }`,
};

describe('callee shapes and modules of the client families', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(Object.entries(SOURCES))('finds exactly the requests every recogniser finds on every call: %s', (_name, code) => {
    const sc = parse(code);
    const expected = ungated(sc);
    if (!code.includes('class gemini')) expect(expected.length).toBeGreaterThan(3);
    expect(httpCalls(sc).map((c): [TSESTree.Node, string] => [c.node, c.client])).toEqual(expected);
  });

  it('admits every call a family recognises (its callee shape is never stricter than its recogniser)', () => {
    for (const code of Object.values(SOURCES)) {
      const sc = parse(code);
      for (const node of nodesOfType(sc.ast, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression)) {
        for (const client of CLIENTS) {
          if (client.recognise(node, sc)) expect([client.id, sc.getText(node), calleeAdmits(client, node)]).toEqual([client.id, sc.getText(node), true]);
        }
      }
    }
  });

  it('recognises a request config returned by a helper written behind a TypeScript assertion', () => {
    // a helper held as `(() => …) as Fn` (a field, a property, a prototype member): the recogniser
    // resolves through the assertion as value resolution does
    const code = `type Fn = () => object;
      const api = { make: (() => ({ url: 'https://api.gemini.com/v1/balances', method: 'GET' })) as Fn };
      class Node { make = (() => ({ url: 'https://api.gemini.com/v1/orders', method: 'GET' })) satisfies Fn;
        run() { this.helpers.httpRequest(api.make()); return this.helpers.httpRequest(this.make()); } }`;
    const sc = parse(code);
    expect(httpCalls(sc).map((c) => [c.client, sc.getText(c.node)])).toEqual([
      ['config-object', 'this.helpers.httpRequest(api.make())'],
      ['config-object', 'this.helpers.httpRequest(this.make())'],
    ]);
  });

  it('hands no call of a ccxt-shaped class to a recogniser that follows modules or values, but the request-config one', () => {
    const spies = CLIENTS.map((client) => [client.id, vi.spyOn(client, 'recognise')] as const);
    expect(httpCalls(parse(SOURCES['a ccxt-shaped exchange class']!))).toEqual([]);
    const asked = spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([id]) => id);
    expect(asked).toEqual(['config-object']);
  });

  it('skips a family whose modules the file never names, and keeps it when it does', () => {
    const code = (imports: string) => `${imports}\nclass C { go() { return this.request.post('https://api.gemini.com/v1/balances', { 'request': '/v1/balances' }); } }`;
    const without = parse(code(''));
    const spy = vi.spyOn(CLIENTS.find((c) => c.id === 'request')!, 'recognise');
    httpCalls(without);
    expect(spy).not.toHaveBeenCalled();
    httpCalls(parse(code(`import request from 'request';`)));
    expect(spy).toHaveBeenCalled();
  });

  it('rejects calls by kind and member name without resolving them', () => {
    const sc = parse(`new Foo(); this.safeString(r, 'id'); api.fetch(u); x.default(u); new ws.WebSocket(u); run(u);`);
    const nodes = nodesOfType(sc.ast, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression);
    const admitted = (id: string) => nodes.filter((n) => calleeAdmits(CLIENTS.find((c) => c.id === id)!, n)).map((n) => sc.getText(n.callee));
    expect(admitted('fetch')).toEqual(['Foo', 'api.fetch', 'x.default', 'run']);
    expect(admitted('websocket')).toEqual(['Foo', 'ws.WebSocket']);
    expect(admitted('node-http')).toEqual(['run']);
    expect(admitted('config-object')).toEqual(['this.safeString', 'api.fetch', 'x.default', 'run']);
  });
});
