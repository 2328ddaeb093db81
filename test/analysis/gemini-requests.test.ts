import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import {
  callUrlWith,
  certainMethod,
  compareRequestWithTarget,
  geminiTarget,
  headersCertain,
  payloadMayGainKeys,
  payloadRequests,
  siteTargets,
} from '../../src/analysis/requests/gemini-requests.js';
import { httpCalls } from '../../src/analysis/requests/http-calls.js';
import { geminiPayloads } from '../../src/analysis/requests/payloads.js';
import { HOLE } from '../../src/gemini/paths.js';
import { findNodes, parse } from '../helpers/parse.js';

function targets(code: string) {
  const sc = parse(code);
  return httpCalls(sc).map((call) => {
    const t = geminiTarget(call, sc);
    return t && { path: t.path, kind: t.kind, sandbox: t.sandbox, unknownBase: t.viaUnknownBase, endpoint: t.endpoint?.template, feed: t.webSocketEndpoint?.template };
  });
}

describe('geminiTarget', () => {
  it('resolves Gemini hosts, the sandbox and axios base URLs to catalogued endpoints', () => {
    expect(
      targets(`
        import axios from 'axios';
        const api = axios.create({ baseURL: 'https://api.sandbox.gemini.com/v1' });
        fetch('https://api.gemini.com/v1/withdraw/btc?x=1', { method: 'POST' });
        api.post('/balances');`),
    ).toEqual([
      { path: '/v1/withdraw/btc', kind: 'rest', sandbox: false, unknownBase: false, endpoint: '/v1/withdraw/{currency}', feed: undefined },
      { path: '/v1/balances', kind: 'rest', sandbox: true, unknownBase: false, endpoint: '/v1/balances', feed: undefined },
    ]);
  });

  it('uses the path after an unknown base only in Gemini code', () => {
    expect(targets('declare const BASE: string; fetch(`${BASE}/v1/balances`);')).toEqual([undefined]);
    expect(targets("declare const BASE: string; const h = { 'X-GEMINI-APIKEY': k }; fetch(`${BASE}/v1/balances`, { headers: h });")[0]).toMatchObject({
      path: '/v1/balances',
      unknownBase: true,
      endpoint: '/v1/balances',
    });
  });

  it('matches WebSocket feeds on the REST host only', () => {
    expect(targets("new WebSocket('wss://api.gemini.com/v1/order/events'); new WebSocket('wss://ws.gemini.com/v1/order/events');")).toEqual([
      { path: '/v1/order/events', kind: 'websocket', sandbox: false, unknownBase: false, endpoint: undefined, feed: '/v1/order/events' },
      { path: '/v1/order/events', kind: 'websocket', sandbox: false, unknownBase: false, endpoint: undefined, feed: undefined },
    ]);
  });

  it('ignores other hosts and relative URLs', () => {
    expect(targets("fetch('https://api.binance.com/api/v3/order'); fetch('/v1/balances'); fetch('https://example.com/v1/withdraw/btc');")).toEqual([undefined, undefined, undefined]);
  });
});

describe('compareRequestWithTarget', () => {
  const known = { path: '/v1/balances', viaUnknownBase: false, sandbox: false, kind: 'rest' as const };
  const tail = { ...known, viaUnknownBase: true };
  it('compares structurally with a known host', () => {
    expect(compareRequestWithTarget({ text: '/v1/balances', complete: true }, known)).toBe('equal');
    expect(compareRequestWithTarget({ text: '/balances', complete: true }, known)).toBe('different');
    expect(compareRequestWithTarget({ text: `/v1/${HOLE}`, complete: false }, known)).toBe('unknown');
  });
  it('behind an unknown base, only a request that cannot end with the tail is different', () => {
    expect(compareRequestWithTarget({ text: '/v1/balances', complete: true }, tail)).toBe('unknown');
    expect(compareRequestWithTarget({ text: '/v1/orders', complete: true }, tail)).toBe('different');
    expect(compareRequestWithTarget({ text: `/v1/${HOLE}`, complete: false }, tail)).toBe('unknown');
  });
});

describe('callUrlWith and siteTargets', () => {
  it('recomputes an axios instance URL for each caller of a helper', () => {
    const sc = parse(`
      import axios from 'axios';
      const api = axios.create({ baseURL: 'https://api.gemini.com/v1/' });
      function post(path: string) { return api.post(path); }
      post('/balances');
      post('withdraw/btc');`);
    const [call] = httpCalls(sc);
    expect(callUrlWith(call!, sc).params.size).toBe(1);
    expect(siteTargets(call!, sc).map((s) => [sc.getText(s.reportNode), s.target?.path, s.target?.endpoint?.template])).toEqual([
      ["'/balances'", '/v1/balances', '/v1/balances'],
      ["'withdraw/btc'", '/v1/withdraw/btc', '/v1/withdraw/{currency}'],
    ]);
  });

  it('rebuilds https.request option objects', () => {
    const sc = parse(`
      import https from 'https';
      function req(path: string) { return https.request({ hostname: 'api.gemini.com', path, method: 'POST' }); }
      req('/v1/heartbeat');`);
    const [call] = httpCalls(sc);
    expect(siteTargets(call!, sc).map((s) => s.url?.text)).toEqual(['https://api.gemini.com/v1/heartbeat']);
  });

  it('has no site targets without parameters or callers', () => {
    const sc = parse("fetch('https://api.gemini.com/v1/balances'); export function f(p: string) { return fetch(p); }");
    expect(httpCalls(sc).map((c) => siteTargets(c, sc).length)).toEqual([0, 0]);
  });
});

describe('payloadRequests', () => {
  it('pairs each payload with the request built from it, not every user of the header helper', () => {
    const sc = parse(`
      function sign(p: object) { return { 'X-GEMINI-PAYLOAD': Buffer.from(JSON.stringify(p)).toString('base64') }; }
      const a = { request: '/v1/balances', nonce: 1 };
      fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: sign(a) });
      fetch('https://api.gemini.com/v1/mytrades', { method: 'POST', headers: sign({ request: '/v1/mytrades', nonce: 2 }) });`);
    const pairs = geminiPayloads(sc).map((p) => [p.request?.value?.text, p.calls.length, payloadRequests(p, sc).map((c) => c.url?.path)]);
    expect(pairs).toEqual([
      ['/v1/balances', 2, ['/v1/balances']],
      ['/v1/mytrades', 2, ['/v1/mytrades']],
    ]);
  });
});

describe('headersCertain and certainMethod', () => {
  const first = (code: string) => {
    const sc = parse(code);
    const call = httpCalls(sc)[0]!;
    return { headers: headersCertain(call, sc), method: certainMethod(call, sc) };
  };
  it('trusts literal headers and methods', () => {
    expect(first("fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { a: '1' } });")).toEqual({ headers: true, method: 'POST' });
    expect(first("fetch('https://api.gemini.com/v1/balances');")).toEqual({ headers: true, method: 'GET' });
  });
  it('distrusts interceptors, defaults and hooks of configured clients', () => {
    expect(first("import axios from 'axios'; axios.post('https://api.gemini.com/v1/x'); axios.interceptors.request.use(f);").headers).toBe(false);
    expect(first("import axios from 'axios'; const api = axios.create({ method: 'post' }); api({ url: 'https://api.gemini.com/v1/x' });")).toEqual({ headers: true, method: undefined });
  });
  it('distrusts options and headers variables that change or escape', () => {
    expect(first("const init = { method: 'GET' }; tweak(init); fetch('https://api.gemini.com/v1/x', init);")).toEqual({ headers: false, method: 'GET' });
    expect(first("const init: any = {}; init.method = 'POST'; fetch('https://api.gemini.com/v1/x', init);")).toEqual({ headers: false, method: undefined });
    expect(first("const h = {}; Object.assign(h, auth()); fetch('https://api.gemini.com/v1/x', { headers: h });").headers).toBe(false);
    expect(first("const h: any = {}; h['X-GEMINI-APIKEY'] = k; fetch('https://api.gemini.com/v1/x', { headers: h });").headers).toBe(true);
  });
  it('distrusts an https.request object that is handed on', () => {
    expect(first("import https from 'https'; const r = https.request({ hostname: 'api.gemini.com', path: '/v1/x', method: 'POST' }); r.end();").headers).toBe(true);
    expect(first("import https from 'https'; const r = https.request({ hostname: 'api.gemini.com', path: '/v1/x', method: 'POST' }); sign(r);").headers).toBe(false);
    expect(first("import https from 'https'; export const make = () => https.request({ hostname: 'api.gemini.com', path: '/v1/x' });").headers).toBe(false);
  });
});

describe('payloadMayGainKeys', () => {
  const gains = (code: string) => {
    const sc = parse(code);
    return findNodes(sc, AST_NODE_TYPES.ObjectExpression)
      .filter((o) => sc.getText(o).includes('request'))
      .map((o) => payloadMayGainKeys(o, sc));
  };
  it('is false when the literal only reaches JSON.stringify or reads', () => {
    expect(gains("const p = { request: '/v1/x' }; const s = JSON.stringify(p); log(p.request);")).toEqual([false]);
    expect(gains("function b64(o: object) { return btoa(JSON.stringify(o)); } b64({ request: '/v1/x' });")).toEqual([false]);
  });
  it('is true for later writes, unknown functions and escapes', () => {
    expect(gains("const p: any = { request: '/v1/x' }; p.nonce = 1;")).toEqual([true]);
    expect(gains("const p = { request: '/v1/x' }; addNonce(p);")).toEqual([true]);
    expect(gains("export const p = { request: '/v1/x' };\nconst q = [{ request: '/v1/y' }];\nconst r = { request: '/v1/z' }; export { r };")).toEqual([true, true, true]);
  });
});

describe('geminiTarget with an unknown subdomain', () => {
  it('accepts *.gemini.com hosts (themselves evidence of Gemini code), but not hosts that only start like one', () => {
    const code = (extra: string) => `${extra}\ndeclare const sub: string;\nfetch(\`https://\${sub}.gemini.com/v1/balances\`);\nfetch(\`https://\${sub}.gemini.com.evil.example/v1/balances\`);`;
    expect(targets(code("const h = { 'X-GEMINI-APIKEY': k };")).map((t) => t?.endpoint)).toEqual(['/v1/balances', undefined]);
    expect(targets(code('')).map((t) => t?.endpoint)).toEqual(['/v1/balances', undefined]);
    // in a Binance region, a computed host is not taken for Gemini's
    expect(targets(code("const h = { 'X-MBX-APIKEY': k };"))).toEqual([undefined, undefined]);
  });
});
