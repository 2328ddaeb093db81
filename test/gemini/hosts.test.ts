import { describe, expect, it } from 'vitest';
import {
  GEMINI_REST_HOSTS,
  GEMINI_WS_HOSTS,
  NOT_GEMINI_HOSTS,
  isGeminiHost,
  isGeminiRestHost,
  isGeminiSandboxHost,
  isGeminiWebSocketHost,
  isKnownNonGeminiHost,
  knownNonGeminiVendor,
  normaliseHost,
  parseGeminiUrl,
} from '../../src/gemini/hosts.js';
import { HOLE } from '../../src/gemini/paths.js';

describe('host lists', () => {
  it('lists production and sandbox REST hosts', () => {
    expect([...GEMINI_REST_HOSTS]).toEqual(['api.gemini.com', 'api.sandbox.gemini.com']);
  });

  it('lists the legacy and the newer WebSocket hosts', () => {
    expect([...GEMINI_WS_HOSTS]).toEqual([
      'api.gemini.com',
      'api.sandbox.gemini.com',
      'ws.gemini.com',
      'ws.sandbox.gemini.com',
    ]);
  });
});

describe('normaliseHost', () => {
  it('lower-cases and strips port, trailing dot and user info', () => {
    expect(normaliseHost('API.Gemini.COM')).toBe('api.gemini.com');
    expect(normaliseHost('api.gemini.com:443')).toBe('api.gemini.com');
    expect(normaliseHost('api.gemini.com.')).toBe('api.gemini.com');
    expect(normaliseHost('api.gemini.com.:8443')).toBe('api.gemini.com');
    expect(normaliseHost('user:pw@api.gemini.com')).toBe('api.gemini.com');
    expect(normaliseHost(' api.gemini.com ')).toBe('api.gemini.com');
  });

  it('keeps bracketed IPv6 literals whole', () => {
    expect(normaliseHost('[::1]:8080')).toBe('[::1]');
  });
});

describe('isGeminiHost', () => {
  it('accepts every REST and WebSocket host', () => {
    for (const host of [...GEMINI_REST_HOSTS, ...GEMINI_WS_HOSTS]) expect(isGeminiHost(host)).toBe(true);
  });

  it('is case-insensitive and ignores a port and a trailing dot', () => {
    expect(isGeminiHost('API.GEMINI.COM')).toBe(true);
    expect(isGeminiHost('api.gemini.com:443')).toBe(true);
    expect(isGeminiHost('api.sandbox.gemini.com.')).toBe(true);
  });

  it('rejects Gemini websites that are not the API', () => {
    expect(isGeminiHost('exchange.gemini.com')).toBe(false);
    expect(isGeminiHost('www.gemini.com')).toBe(false);
    expect(isGeminiHost('gemini.com')).toBe(false);
    expect(isGeminiHost('docs.gemini.com')).toBe(false);
    expect(isGeminiHost('exchange.sandbox.gemini.com')).toBe(false);
  });

  it('rejects look-alikes and Google Gemini AI', () => {
    expect(isGeminiHost('api.gemini.com.evil.example')).toBe(false);
    expect(isGeminiHost('evilapi.gemini.com')).toBe(false);
    expect(isGeminiHost('api-gemini.com')).toBe(false);
    expect(isGeminiHost('generativelanguage.googleapis.com')).toBe(false);
    expect(isGeminiHost('')).toBe(false);
  });
});

describe('host kinds', () => {
  it('tells REST, WebSocket and sandbox hosts apart', () => {
    expect(isGeminiRestHost('api.gemini.com')).toBe(true);
    expect(isGeminiRestHost('ws.gemini.com')).toBe(false);
    expect(isGeminiWebSocketHost('ws.gemini.com')).toBe(true);
    expect(isGeminiWebSocketHost('api.gemini.com')).toBe(true);
    expect(isGeminiWebSocketHost('www.gemini.com')).toBe(false);
    expect(isGeminiSandboxHost('api.sandbox.gemini.com')).toBe(true);
    expect(isGeminiSandboxHost('ws.sandbox.gemini.com:443')).toBe(true);
    expect(isGeminiSandboxHost('api.gemini.com')).toBe(false);
  });
});

describe('parseGeminiUrl', () => {
  it('parses a production REST URL', () => {
    expect(parseGeminiUrl('https://api.gemini.com/v1/order/status')).toEqual({
      scheme: 'https',
      host: 'api.gemini.com',
      path: '/v1/order/status',
      secure: true,
      kind: 'rest',
      sandbox: false,
    });
  });

  it('parses a sandbox URL and drops the query string and fragment', () => {
    expect(parseGeminiUrl('https://api.sandbox.gemini.com/v1/book/btcusd?limit_bids=1#x')).toMatchObject({
      host: 'api.sandbox.gemini.com',
      path: '/v1/book/btcusd',
      sandbox: true,
    });
  });

  it('gives / for a URL without a path', () => {
    expect(parseGeminiUrl('https://api.gemini.com')?.path).toBe('/');
    expect(parseGeminiUrl('https://api.gemini.com?x=1')?.path).toBe('/');
    expect(parseGeminiUrl('wss://ws.gemini.com')?.path).toBe('/');
  });

  it('marks plain http and ws as insecure', () => {
    expect(parseGeminiUrl('http://api.gemini.com/v1/balances')).toMatchObject({
      scheme: 'http',
      secure: false,
      kind: 'rest',
    });
    expect(parseGeminiUrl('ws://api.gemini.com/v1/order/events')).toMatchObject({
      scheme: 'ws',
      secure: false,
      kind: 'websocket',
    });
  });

  it('classifies wss URLs and the ws. hosts as WebSocket', () => {
    expect(parseGeminiUrl('wss://api.gemini.com/v1/marketdata/btcusd')).toMatchObject({ kind: 'websocket', secure: true });
    expect(parseGeminiUrl('wss://ws.sandbox.gemini.com')).toMatchObject({ kind: 'websocket', sandbox: true });
    expect(parseGeminiUrl('https://ws.gemini.com')).toMatchObject({ kind: 'websocket' });
  });

  it('normalises scheme and host case, port and trailing dot', () => {
    expect(parseGeminiUrl('HTTPS://API.Gemini.com.:443/v1/symbols')).toMatchObject({
      scheme: 'https',
      host: 'api.gemini.com',
      path: '/v1/symbols',
    });
  });

  it('keeps the path exactly as written, double slashes included', () => {
    expect(parseGeminiUrl('https://api.gemini.com//v1/balances')?.path).toBe('//v1/balances');
    expect(parseGeminiUrl('https://api.gemini.com/v1/balances/')?.path).toBe('/v1/balances/');
  });

  it('accepts holes in the path, port and query', () => {
    expect(parseGeminiUrl(`https://api.gemini.com/v1/book/${HOLE}`)?.path).toBe(`/v1/book/${HOLE}`);
    expect(parseGeminiUrl(`https://api.gemini.com/v1/${HOLE}/x?y=${HOLE}`)?.path).toBe(`/v1/${HOLE}/x`);
    expect(parseGeminiUrl(`https://api.gemini.com:${HOLE}/v1/symbols`)?.host).toBe('api.gemini.com');
  });

  it('rejects a host that contains a hole', () => {
    expect(parseGeminiUrl(`https://${HOLE}/v1/balances`)).toBeUndefined();
    expect(parseGeminiUrl(`https://api.${HOLE}.com/v1/balances`)).toBeUndefined();
    expect(parseGeminiUrl(`${HOLE}/v1/balances`)).toBeUndefined();
  });

  it('rejects relative, protocol-relative and non-HTTP URLs', () => {
    expect(parseGeminiUrl('/v1/balances')).toBeUndefined();
    expect(parseGeminiUrl('//api.gemini.com/v1/balances')).toBeUndefined();
    expect(parseGeminiUrl('ftp://api.gemini.com/v1/balances')).toBeUndefined();
    expect(parseGeminiUrl('api.gemini.com/v1/balances')).toBeUndefined();
  });

  it('rejects other hosts, Gemini websites and Google Gemini AI', () => {
    expect(parseGeminiUrl('https://exchange.gemini.com/trade')).toBeUndefined();
    expect(parseGeminiUrl('https://www.gemini.com/')).toBeUndefined();
    expect(parseGeminiUrl('https://generativelanguage.googleapis.com/v1beta/models')).toBeUndefined();
    expect(parseGeminiUrl('https://api.binance.com/api/v3/order')).toBeUndefined();
    expect(parseGeminiUrl('https://api.gemini.com.evil.example/v1/balances')).toBeUndefined();
  });
});

describe('isKnownNonGeminiHost', () => {
  it('recognises Google Gemini AI hosts, regional Vertex hosts included', () => {
    expect(knownNonGeminiVendor('generativelanguage.googleapis.com')).toBe('google-gemini-ai');
    expect(knownNonGeminiVendor('aiplatform.googleapis.com')).toBe('google-gemini-ai');
    expect(knownNonGeminiVendor('us-central1-aiplatform.googleapis.com')).toBe('google-gemini-ai');
    expect(knownNonGeminiVendor('europe-west4-aiplatform.googleapis.com:443')).toBe('google-gemini-ai');
  });

  it('recognises other exchanges and HMAC-signing services', () => {
    expect(knownNonGeminiVendor('api.binance.com')).toBe('binance');
    expect(knownNonGeminiVendor('fapi.binance.com')).toBe('binance');
    expect(knownNonGeminiVendor('api.binance.us')).toBe('binance');
    expect(knownNonGeminiVendor('api.bitfinex.com')).toBe('bitfinex');
    expect(knownNonGeminiVendor('api-pub.bitfinex.com')).toBe('bitfinex');
    expect(knownNonGeminiVendor('s3.us-east-1.amazonaws.com')).toBe('aws');
    expect(knownNonGeminiVendor('API.GITHUB.COM')).toBe('github');
  });

  it('does not claim Gemini hosts or unrelated hosts', () => {
    for (const host of GEMINI_WS_HOSTS) expect(isKnownNonGeminiHost(host)).toBe(false);
    expect(isKnownNonGeminiHost('googleapis.com')).toBe(false);
    expect(isKnownNonGeminiHost('binance.com.evil.example')).toBe(false);
    expect(isKnownNonGeminiHost('notbinance.com')).toBe(false);
    expect(isKnownNonGeminiHost('github.com')).toBe(false);
    expect(isKnownNonGeminiHost('example.com')).toBe(false);
  });

  it('lists every pattern with a vendor', () => {
    expect(NOT_GEMINI_HOSTS.length).toBeGreaterThan(0);
    for (const { pattern, vendor } of NOT_GEMINI_HOSTS) {
      expect(pattern).toMatch(/^[a-z0-9.*-]+$/);
      expect(vendor).toBeTruthy();
    }
  });
});
