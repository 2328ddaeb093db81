import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createGeminiSigner,
  createIncrementalNonce,
  createTimeBasedNonce,
  decodePayload,
  signPayload,
  verifyGeminiSignature,
} from '../../src/signer/index.js';

// Gemini's published vector: 4-space indent, LF, an empty line after the nonce, trailing newline.
const VECTOR_TEXT = '{\n    "request": "/v1/order/status",\n    "nonce": 123456,\n\n    "order_id": 18834\n}\n';
const VECTOR_BASE64 =
  'ewogICAgInJlcXVlc3QiOiAiL3YxL29yZGVyL3N0YXR1cyIsCiAgICAibm9uY2UiOiAxMjM0NTYsCgogICAgIm9yZGVyX2lkIjogMTg4MzQKfQo=';
const VECTOR_SECRET = '1234abcd';
const VECTOR_SIGNATURE =
  '337cc8b4ea692cfe65b4a85fcc9f042b2e3f702ac956fd098d600ab15705775017beae402be773ceee10719ff70d710f';

// Realistic shapes (random, not real credentials): 20 alnum chars after the prefix, 28-char secret.
const API_KEY = 'account-AbCd3fGh5jKl7nPq9sTu';
const MASTER_KEY = 'master-Zy8Xw6Vu4Ts2Rq0PoNmL';
const SECRET = 'q7Lm2Xv9Rt4Kp8Wz3Nc6Hb1Yd5Fg';

const fixedClock = (ms: number) => ({ nonce: createIncrementalNonce({ now: () => ms }) });

describe('signPayload', () => {
  it('reproduces the published test vector byte for byte', () => {
    expect(Buffer.byteLength(VECTOR_TEXT, 'utf8')).toBe(83);
    const { payloadBase64, signature } = signPayload(VECTOR_TEXT, VECTOR_SECRET);
    expect(payloadBase64).toBe(VECTOR_BASE64);
    expect(signature).toBe(VECTOR_SIGNATURE);
  });
});

describe('verifyGeminiSignature', () => {
  it('accepts the published vector and rejects a wrong secret', () => {
    expect(verifyGeminiSignature({ payloadBase64: VECTOR_BASE64, signature: VECTOR_SIGNATURE, apiSecret: VECTOR_SECRET })).toBe(true);
    expect(verifyGeminiSignature({ payloadBase64: VECTOR_BASE64, signature: VECTOR_SIGNATURE, apiSecret: '1234abce' })).toBe(false);
  });

  it('rejects signatures of another length, uppercase hex or base64 without throwing', () => {
    const base = { payloadBase64: VECTOR_BASE64, apiSecret: VECTOR_SECRET };
    expect(verifyGeminiSignature({ ...base, signature: VECTOR_SIGNATURE.slice(0, -1) })).toBe(false);
    expect(verifyGeminiSignature({ ...base, signature: VECTOR_SIGNATURE.toUpperCase() })).toBe(false);
    expect(verifyGeminiSignature({ ...base, signature: Buffer.from(VECTOR_SIGNATURE, 'hex').toString('base64') })).toBe(false);
    expect(verifyGeminiSignature({ ...base, signature: '' })).toBe(false);
  });

  it('reads the payload and signature from headers of any case', () => {
    const headers = { 'x-gemini-payload': VECTOR_BASE64, 'x-gemini-signature': VECTOR_SIGNATURE };
    expect(verifyGeminiSignature({ headers, apiSecret: VECTOR_SECRET })).toBe(true);
    expect(verifyGeminiSignature({ headers: new Headers(headers), apiSecret: VECTOR_SECRET })).toBe(true);
    expect(verifyGeminiSignature({ headers: { 'x-gemini-payload': VECTOR_BASE64 }, apiSecret: VECTOR_SECRET })).toBe(false);
  });
});

describe('createGeminiSigner().sign', () => {
  it('produces a payload and headers that verify with the secret', () => {
    const signer = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET });
    const signed = signer.sign('/v1/order/status', { order_id: 18834 });
    expect(verifyGeminiSignature({ headers: signed.headers, apiSecret: SECRET })).toBe(true);
    expect(verifyGeminiSignature({ payloadBase64: signed.payload.base64, signature: signed.headers['X-GEMINI-SIGNATURE'], apiSecret: SECRET })).toBe(true);
    expect(verifyGeminiSignature({ headers: signed.headers, apiSecret: 'x'.repeat(28) })).toBe(false);
    expect(Buffer.from(signed.payload.base64, 'base64').toString('utf8')).toBe(signed.payload.text);
    expect(decodePayload(signed.payload.base64)).toEqual({ request: '/v1/order/status', nonce: signed.nonce, order_id: 18834 });
  });

  it('sets exactly the three Gemini headers and the three extras', () => {
    const signed = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET, ...fixedClock(1_700_000_000_000) }).sign('/v1/balances');
    expect(signed.payload.text).toBe('{"request":"/v1/balances","nonce":1700000000000}');
    expect(signed.nonce).toBe(1_700_000_000_000);
    expect(signed.headers).toStrictEqual({
      'X-GEMINI-APIKEY': API_KEY,
      'X-GEMINI-PAYLOAD': Buffer.from(signed.payload.text).toString('base64'),
      'X-GEMINI-SIGNATURE': signPayload(signed.payload.text, SECRET).signature,
      'Content-Type': 'text/plain',
      'Content-Length': '0',
      'Cache-Control': 'no-cache',
    });
    expect(signed.headers['X-GEMINI-SIGNATURE']).toMatch(/^[0-9a-f]{96}$/);
  });

  it('orders the payload as request, nonce, account, then params', () => {
    const signer = createGeminiSigner({ apiKey: MASTER_KEY, apiSecret: SECRET, account: 'primary', ...fixedClock(42) });
    expect(signer.sign('/v1/order/status', { order_id: 7 }).payload.text).toBe(
      '{"request":"/v1/order/status","nonce":42,"account":"primary","order_id":7}',
    );
  });

  it('lets params.account override the default account for one call', () => {
    const signer = createGeminiSigner({ apiKey: MASTER_KEY, apiSecret: SECRET, account: 'primary' });
    expect(decodePayload(signer.sign('/v1/balances', { account: 'desk-2' }).payload.base64).account).toBe('desk-2');
    expect(decodePayload(signer.sign('/v1/balances', { account: undefined }).payload.base64).account).toBe('primary');
  });

  it('throws MissingAccounts advice for a master key without an account', () => {
    const signer = createGeminiSigner({ apiKey: MASTER_KEY, apiSecret: SECRET });
    expect(() => signer.sign('/v1/balances')).toThrow(/MissingAccounts/);
    expect(() => signer.sign('/v1/balances')).toThrow(/master-Zy8X…/);
    expect(signer.sign('/v1/balances', { account: 'primary' }).payload.text).toContain('"account":"primary"');
  });

  it('does not require an account for an account- key', () => {
    const signed = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET }).sign('/v1/balances');
    expect(decodePayload(signed.payload.base64)).not.toHaveProperty('account');
  });

  it.each([
    ['a full URL', 'https://api.gemini.com/v1/balances'],
    ['a path without a leading slash', 'v1/balances'],
    ['a protocol-relative URL', '//api.gemini.com/v1/balances'],
    ['a query string', '/v1/balances?account=primary'],
    ['a fragment', '/v1/balances#x'],
    ['a double slash', '/v1//balances'],
  ])('rejects %s as a path with EndpointMismatch advice', (_label, path) => {
    const signer = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET });
    expect(() => signer.sign(path)).toThrow(TypeError);
    expect(() => signer.sign(path)).toThrow(/EndpointMismatch/);
  });

  it('refuses params that would override request or nonce', () => {
    const signer = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET });
    expect(() => signer.sign('/v1/balances', { request: '/v1/withdraw/btc' })).toThrow(/"request"/);
    expect(() => signer.sign('/v1/balances', { nonce: 1 })).toThrow(/"nonce"/);
  });

  it('does not advance the nonce source when a call is rejected', () => {
    const signer = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET, ...fixedClock(100) });
    expect(() => signer.sign('no-slash')).toThrow();
    expect(signer.sign('/v1/balances').nonce).toBe(100);
  });

  it('gives strictly increasing nonces across a burst with the default source', () => {
    const signer = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET });
    const nonces = Array.from({ length: 500 }, () => signer.sign('/v1/balances').nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect([...nonces].sort((a, b) => a - b)).toEqual(nonces);
  });

  it('uses a time-based source when given one', () => {
    const signer = createGeminiSigner({
      apiKey: API_KEY,
      apiSecret: SECRET,
      nonce: createTimeBasedNonce({ now: () => 1_700_000_000_500 }),
    });
    expect(signer.sign('/v1/balances').nonce).toBe(1_700_000_000);
    expect(signer.nonceKind).toBe('time-based');
  });

  it('keeps a "__proto__" parameter as a plain payload key', () => {
    const params = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const signed = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET }).sign('/v1/balances', params);
    expect(signed.payload.text).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('can be called detached from the signer', () => {
    const { sign } = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET });
    expect(verifyGeminiSignature({ headers: sign('/v1/balances').headers, apiSecret: SECRET })).toBe(true);
  });
});

describe('decodePayload', () => {
  it('decodes the published vector', () => {
    expect(decodePayload(VECTOR_BASE64)).toEqual({ request: '/v1/order/status', nonce: 123456, order_id: 18834 });
  });

  it('rejects non-canonical base64 and non-object JSON', () => {
    expect(() => decodePayload('e30')).toThrow(TypeError);
    expect(() => decodePayload('e3*=')).toThrow(TypeError);
    expect(() => decodePayload(Buffer.from('[1]').toString('base64'))).toThrow(TypeError);
  });
});

describe('secret handling', () => {
  /** Runs `fn`, which must throw, and returns everything the error exposes as text. */
  function errorText(fn: () => unknown): string {
    try {
      fn();
    } catch (error) {
      const e = error as Error;
      return `${e.message}\n${e.stack ?? ''}\n${inspect(e, { showHidden: true, depth: Infinity })}`;
    }
    throw new Error('expected a throw');
  }

  it('never exposes the secret through JSON, inspect, String or own keys', () => {
    const signer = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET, account: 'primary' });
    const views = [
      JSON.stringify(signer),
      inspect(signer, { showHidden: true, depth: Infinity }),
      inspect(signer, { showHidden: true, depth: Infinity, customInspect: false }),
      String(signer),
      `${signer}`,
      JSON.stringify(Object.keys(signer)),
      JSON.stringify(Object.getOwnPropertyNames(signer)),
      JSON.stringify(Object.values(signer).filter((v) => typeof v !== 'function')),
      JSON.stringify(signer.sign('/v1/balances')),
    ];
    for (const view of views) expect(view).not.toContain(SECRET);
  });

  it('shows only the key prefix and four characters', () => {
    const signer = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET });
    expect(JSON.parse(JSON.stringify(signer))).toEqual({ key: 'account-AbCd…', nonce: 'incremental' });
    expect(String(signer)).toBe('GeminiSigner(account-AbCd…)');
    expect(inspect(signer)).toBe("GeminiSigner { key: 'account-AbCd…', nonce: 'incremental' }");
    expect(inspect(signer)).not.toContain(API_KEY);
  });

  it('hides keys without a known prefix entirely, in case the secret was passed as the key', () => {
    const signer = createGeminiSigner({ apiKey: SECRET, apiSecret: 'other0secret0value0abcdefgh' });
    expect(inspect(signer)).not.toContain(SECRET.slice(0, 4));
  });

  it('never puts the secret in the message or stack of any error it throws', () => {
    const signer = createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET });
    const master = createGeminiSigner({ apiKey: MASTER_KEY, apiSecret: SECRET });
    const throwers: (() => unknown)[] = [
      () => signer.sign(SECRET),
      () => signer.sign(`/v1/${SECRET}?q=${SECRET}`),
      () => signer.sign(`https://api.gemini.com/${SECRET}`),
      () => signer.sign('/v1/balances', { request: SECRET }),
      () => signer.sign('/v1/balances', { nonce: SECRET }),
      () => signer.sign('/v1/balances', { account: 5 }),
      () => signer.sign('/v1/balances', SECRET as unknown as Record<string, unknown>),
      () => master.sign('/v1/balances'),
      () => createGeminiSigner({ apiKey: '', apiSecret: SECRET }),
      () => createGeminiSigner({ apiKey: API_KEY, apiSecret: `${SECRET}\n` }),
      () => createGeminiSigner({ apiKey: `${SECRET} `, apiSecret: SECRET }),
      () => createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET, account: '' }),
      () => createGeminiSigner({ apiKey: API_KEY, apiSecret: SECRET, nonce: {} as never }),
      () =>
        createGeminiSigner({
          apiKey: API_KEY,
          apiSecret: SECRET,
          nonce: { kind: 'incremental', next: () => Number.NaN },
        }).sign('/v1/balances'),
      () => signPayload(SECRET, 42 as unknown as string),
      () => verifyGeminiSignature({ payloadBase64: SECRET, signature: SECRET, apiSecret: '' }),
    ];
    for (const thrower of throwers) {
      const text = errorText(thrower);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(API_KEY);
    }
  });
});
