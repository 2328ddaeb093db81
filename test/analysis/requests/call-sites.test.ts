import { describe, expect, it } from 'vitest';
import { runtimeMethod } from '../../../src/analysis/requests/call-sites.js';
import { encodedBodies } from '../../../src/analysis/requests/encoded-bodies.js';
import { siteTargets } from '../../../src/analysis/requests/gemini-requests.js';
import { httpCalls } from '../../../src/analysis/requests/http-calls.js';
import { parse } from '../../helpers/parse.js';

describe('runtime methods', () => {
  it('reads the method each call of a helper chooses from whether it passes a body', () => {
    const sc = parse(`
      const BASE = 'https://api.gemini.com';
      function call(path: string, body?: object) {
        return fetch(BASE + path, { method: body === undefined ? 'GET' : 'POST', headers: h });
      }
      call('/v1/balances');
      call('/v1/orders', { account: 'primary' });
      call('/v1/mytrades', undefined);
      call('/v1/notionalvolume', maybe);`);
    const [call] = httpCalls(sc);
    expect(runtimeMethod(call!, sc)).toMatchObject({ whenPassed: 'POST', whenMissing: 'GET' });
    expect(siteTargets(call!, sc).map((s) => [s.target?.path, s.method])).toEqual([
      ['/v1/balances', 'GET'],
      ['/v1/orders', 'POST'],
      ['/v1/mytrades', 'GET'],
      ['/v1/notionalvolume', undefined],
    ]);
  });

  it('does not take a method that tests something other than a parameter for a runtime choice', () => {
    const sc = parse(`const post = true; fetch('https://api.gemini.com/v1/balances', { method: post ? 'POST' : 'GET' });`);
    expect(runtimeMethod(httpCalls(sc)[0]!, sc)).toBeUndefined();
  });
});

describe('encodedBodies', () => {
  it('finds the object whose JSON a payload header encodes, through helpers and their call sites', () => {
    const sc = parse(`
      const encode = (b: object) => Buffer.from(JSON.stringify(b)).toString('base64');
      const headers = (b: object) => ({ 'X-GEMINI-PAYLOAD': encode(b) });
      fetch(u1, { headers: headers({ symbol: 'btcusd' }) });
      fetch(u2, { headers: headers({ request: '/v1/balances', nonce: 1 }) });
      fetch(u3, { headers: { 'X-GEMINI-PAYLOAD': btoa(JSON.stringify({ nonce: 2 })) } });`);
    expect(encodedBodies(sc).map((b) => [b.hasRequest, b.hasNonce, b.complete])).toEqual([
      [false, false, true],
      [true, true, true],
      [false, true, true],
    ]);
  });

  it('ignores the WebSocket payload, base64 of the nonce text', () => {
    const sc = parse(`const n = String(Date.now()); new WebSocket(u, { headers: { 'X-GEMINI-PAYLOAD': Buffer.from(n).toString('base64') } });`);
    expect(encodedBodies(sc)).toEqual([]);
  });
});
