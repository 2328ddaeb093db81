import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { geminiNonceUses, nonceOrigin } from '../../src/analysis/nonces/index.js';
import { findNodes, parse } from '../helpers/parse.js';

/** The lattice value of the (last) `nonce:` property in `code`. */
function value(code: string) {
  const sc = parse(code);
  const props = findNodes(sc, AST_NODE_TYPES.Property).filter((p) => p.key.type === AST_NODE_TYPES.Identifier && p.key.name === 'nonce');
  const prop = props[props.length - 1];
  if (!prop) throw new Error('no nonce property');
  return nonceOrigin(prop.value, sc).value;
}

const GEMINI = `const BASE = 'https://api.gemini.com';\n`;

/** Each Gemini nonce use's settled value, and where the reuse (if any) comes from. */
function uses(code: string) {
  const sc = parse(GEMINI + code);
  return geminiNonceUses(sc).map((u) => ({ lifetime: u.value.lifetime, reuse: u.reuse?.kind, site: u.site ? sc.getText(u.site.call) : undefined }));
}

describe('the nonce lattice: resolution', () => {
  it('tracks resolution apart from the unit', () => {
    expect(value(`const p = { nonce: Date.now() };`)).toMatchObject({ resolution: 'ms', unit: 'ms' });
    expect(value(`const p = { nonce: Math.floor(Date.now() / 1000) };`)).toMatchObject({ resolution: 's', unit: 's' });
    // scaling seconds by 1000 keeps one-second resolution
    expect(value(`const p = { nonce: Math.floor(Date.now() / 1000) * 1000 };`)).toMatchObject({ resolution: 's', unit: 'ms' });
    expect(value(`const p = { nonce: Date.now() * 1000 };`)).toMatchObject({ resolution: 'ms', unit: 'µs' });
  });

  it('reads the digits of a time string', () => {
    for (const expr of ['Date.now().toString().slice(0, 10)', 'Number(String(Date.now()).substring(0, 10))', 'String(Date.now()).substr(0, 10)', 'String(Date.now()).slice(0, -3)', '`${Date.now()}`.slice(0, 10)']) {
      expect(value(`const p = { nonce: ${expr} };`), expr).toMatchObject({ resolution: 's', unit: 's' });
    }
    // a cut that keeps no time is no time
    expect(value(`const p = { nonce: String(Date.now()).slice(3, 10) };`).resolution).toBe('unknown');
    expect(value(`const p = { nonce: String(Date.now()).slice(0, 5) };`).resolution).toBe('unknown');
  });

  it('gives process.hrtime.bigint()-based nonces microsecond resolution', () => {
    const v = value(`const start = BigInt(Date.now()) * 1000n - process.hrtime.bigint() / 1000n; const p = { nonce: start + process.hrtime.bigint() / 1000n };`);
    expect(v).toMatchObject({ resolution: 'µs', unit: 'µs', monotonic: 'guaranteed', lifetime: 'request' });
    expect(value(`const p = { nonce: performance.timeOrigin + performance.now() };`)).toMatchObject({ unit: 'ms', monotonic: 'guaranteed', lifetime: 'request' });
  });
});

describe('the nonce lattice: monotonic', () => {
  it('says why a value does not grow', () => {
    expect(value(`const p = { nonce: 42 };`)).toMatchObject({ monotonic: 'not', breaks: 'fixed', lifetime: 'shared' });
    expect(value(`const p = { nonce: Date.now() + Math.random() * 1000 };`)).toMatchObject({ monotonic: 'not', breaks: 'random' });
    expect(value(`import crypto from 'node:crypto'; const p = { nonce: crypto.randomUUID() };`)).toMatchObject({ monotonic: 'not', breaks: 'random' });
    expect(value(`const p = { nonce: performance.now() };`)).toMatchObject({ monotonic: 'not', breaks: 'restarts' });
    expect(value(`const p = { nonce: process.hrtime.bigint() };`)).toMatchObject({ monotonic: 'not', breaks: 'restarts', unit: 'ns' });
    expect(value(`const p = { nonce: Date.now() % 1e6 };`)).toMatchObject({ monotonic: 'not', breaks: 'wraps' });
    expect(value(`const p = { nonce: Math.round(performance.timeOrigin / 1000) };`)).toMatchObject({ resolution: 's', monotonic: 'not', breaks: 'process-start', lifetime: 'process' });
  });

  it('tells a changing offset from a fixed one', () => {
    expect(value(`let off = 0; export function sync(t) { off = t - Date.now(); } const p = { nonce: Date.now() + off };`)).toMatchObject({ monotonic: 'not', breaks: 'offset' });
    expect(value(`class C { skew = 0; resync(t) { this.skew = Date.now() - t; } m() { return { nonce: Date.now() - this.skew }; } }`)).toMatchObject({ breaks: 'offset' });
    expect(value(`declare const off: number; const p = { nonce: Date.now() - off };`)).toMatchObject({ monotonic: 'guaranteed', resolution: 'ms' });
    expect(value(`class C { constructor(skew) { this.skew = skew; } m() { return { nonce: Date.now() - this.skew }; } }`)).toMatchObject({ monotonic: 'guaranteed' });
  });

  it('follows where a counter starts in each process', () => {
    expect(value(`class C { private n = 0; m() { return { nonce: ++this.n }; } }`)).toMatchObject({ monotonic: 'not', breaks: 'counter' });
    expect(value(`let n = 0; function f() { n += 1; return { nonce: n }; }`)).toMatchObject({ monotonic: 'not', breaks: 'counter' });
    expect(value(`let n = 0; function f() { n = n + 1; return { nonce: n }; }`)).toMatchObject({ breaks: 'counter' });
    expect(value(`class C { n = Date.now(); m() { return { nonce: this.n++ }; } }`)).toMatchObject({ monotonic: 'guaranteed' });
    expect(value(`class C { n = 0; sync() { this.n = Math.max(this.n + 1, Date.now()); } m() { return { nonce: ++this.n }; } }`)).toMatchObject({ monotonic: 'guaranteed' });
    expect(value(`declare function load(): number; let n = load(); function f() { return { nonce: ++n }; }`)).toMatchObject({ monotonic: 'unknown' });
  });

  it('trusts guards and the signer', () => {
    expect(value(`let last = 0; function next() { last = Math.max(Date.now(), last + 1); return last; } const p = { nonce: next() };`).monotonic).toBe('guaranteed');
    expect(value(`const seen = new Map(); function next(k) { const n = Math.max(Date.now(), (seen.get(k) || 0) + 1); seen.set(k, n); return n; } const p = { nonce: next('a') };`).monotonic).toBe('guaranteed');
    expect(value(`import { defaultNonce } from 'eslint-plugin-gemini-guard/signer'; const p = { nonce: defaultNonce.next() };`)).toMatchObject({ monotonic: 'guaranteed', resolution: 'ms' });
  });

  it('joins differing branches to unknown', () => {
    expect(value(`declare const x: boolean; const p = { nonce: x ? Date.now() : Math.floor(Date.now() / 1000) };`)).toEqual({ resolution: 'unknown', unit: 'unknown', monotonic: 'unknown', lifetime: 'unknown' });
  });
});

describe('the nonce lattice: lifetime', () => {
  it('is per request for a fresh reading, shared once reused', () => {
    expect(uses(`export async function f() { await send({ request: '/v1/a', nonce: Date.now() }); }`)).toEqual([{ lifetime: 'request', reuse: undefined, site: undefined }]);
    expect(uses(`const n = Date.now(); for (const id of ids) await send({ request: '/v1/a', nonce: n, id });`)[0]).toMatchObject({ lifetime: 'shared', reuse: 'loop' });
  });

  it('judges a nonce parameter at each call that passes it', () => {
    const found = uses(`function post(path, nonce) { return send({ request: path, nonce }); } async function main() { const ts = Date.now(); await post('/v1/a', ts); await post('/v1/b', ts); }`);
    expect(found).toEqual([
      { lifetime: 'request', reuse: undefined, site: "post('/v1/a', ts)" },
      { lifetime: 'shared', reuse: 'shared', site: "post('/v1/b', ts)" },
    ]);
    const destructured = uses(`function post(path, { nonce }) { return send({ request: path, nonce }); } post('/v1/a', { nonce: 5 });`);
    expect(destructured).toEqual([{ lifetime: 'shared', reuse: undefined, site: "post('/v1/a', { nonce: 5 })" }]);
    const member = uses(`function post(path, o) { return send({ request: path, nonce: o.nonce }); } post('/v1/a', { nonce: Date.now() });`);
    expect(member).toEqual([{ lifetime: 'request', reuse: undefined, site: "post('/v1/a', { nonce: Date.now() })" }]);
  });

  it('finds clock readings in one synchronous burst', () => {
    expect(uses(`function sign(p) { return send({ request: p, nonce: Date.now() }); } export const all = (ps) => Promise.all(ps.map((p) => sign(p)));`)[0]?.reuse).toBe('burst');
    expect(uses(`export async function f() { const a = send({ request: '/v1/a', nonce: Date.now() }); const b = send({ request: '/v1/b', nonce: Date.now() }); await a; await b; }`).map((u) => u.reuse)).toEqual([undefined, 'burst']);
    expect(uses(`function sign(p) { return send({ request: p, nonce: Date.now() }); } export async function f() { sign('/v1/a'); sign('/v1/b'); }`)[0]?.reuse).toBe('burst');
    // awaited in between, exclusive branches, an event handler, a for await loop: no burst
    expect(uses(`function sign(p) { return send({ request: p, nonce: Date.now() }); } export async function f() { await sign('/v1/a'); await sign('/v1/b'); }`)[0]?.reuse).toBeUndefined();
    expect(uses(`export function f(x) { if (x) send({ request: '/v1/a', nonce: Date.now() }); else send({ request: '/v1/b', nonce: Date.now() }); }`).map((u) => u.reuse)).toEqual([undefined, undefined]);
    expect(uses(`emitter.on('tick', () => send({ request: '/v1/a', nonce: Date.now() }));`)[0]?.reuse).toBeUndefined();
    expect(uses(`export async function f(ids) { for await (const id of ids) send({ request: '/v1/a', nonce: Date.now(), id }); }`)[0]?.reuse).toBeUndefined();
    // a helper that awaits before reading the clock reads it whenever the awaited value settles
    expect(uses(`async function sign(p) { await ready(); return send({ request: p, nonce: Date.now() }); } export function f() { sign('/v1/a'); sign('/v1/b'); }`)[0]?.reuse).toBeUndefined();
    // seconds and microseconds are not millisecond bursts
    expect(uses(`export const all = (ps) => Promise.all(ps.map((p) => send({ request: p, nonce: Math.floor(Date.now() / 1000) })));`)[0]?.reuse).toBeUndefined();
  });
});
