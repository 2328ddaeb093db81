import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { classifyNonceExpression, geminiNonceUses, isRepeatedFunction, nonceOrigin } from '../../src/analysis/nonces/index.js';
import { findNode, findNodes, parse } from '../helpers/parse.js';

/** Classifies the value of the (last) `nonce:` property in `code`. */
function kind(code: string): string {
  const sc = parse(code);
  const props = findNodes(sc, AST_NODE_TYPES.Property).filter((p) => p.key.type === AST_NODE_TYPES.Identifier && p.key.name === 'nonce');
  const prop = props[props.length - 1];
  if (!prop) throw new Error('no nonce property');
  return classifyNonceExpression(prop.value, sc);
}

const GEMINI = `const BASE = 'https://api.gemini.com';\n`;

/** What geminiNonceUses says about each payload, in source order. */
function uses(code: string) {
  const sc = parse(GEMINI + code);
  return geminiNonceUses(sc).map((u) => ({ kind: u.origin.kind, reuse: u.reuse?.kind, scope: u.reuse?.scope }));
}

describe('classifyNonceExpression', () => {
  it('recognises literals, directly and through constants', () => {
    expect(kind(`const p = { nonce: 123456 };`)).toBe('literal');
    expect(kind(`const p = { nonce: '1' };`)).toBe('literal');
    expect(kind('const p = { nonce: `42` };')).toBe('literal');
    expect(kind(`const N = 7; const p = { nonce: N };`)).toBe('literal');
  });

  it('recognises millisecond clocks and conversions of them', () => {
    for (const expr of ['Date.now()', 'new Date().getTime()', '+new Date()', 'new Date().valueOf()', 'Number(new Date())', 'String(Date.now())', '`${Date.now()}`', 'Date.now().toString()', "Date.now() + ''", 'Date.now() * 1000', 'performance.timeOrigin + performance.now()', 'Date.now() + offset', "dayjs().valueOf()"]) {
      expect(kind(`import dayjs from 'dayjs'; declare const offset: number; const p = { nonce: ${expr} };`), expr).toBe('milliseconds');
    }
  });

  it('recognises second-resolution values', () => {
    for (const expr of [
      'Math.floor(Date.now() / 1000)',
      'Date.now() / 1000 | 0',
      '~~(Date.now() / 1000)',
      'parseInt(Date.now() / 1000)',
      'Math.trunc(Date.now() / 1e3)',
      'Math.round(+new Date() / 1000)',
      'dayjs().unix()',
      'moment().unix()',
      'new Date().getTime() / 1000',
      '(Date.now() / 1000).toFixed(0)',
      'String(Math.floor(Date.now() / 1000))',
    ]) {
      expect(kind(`import dayjs from 'dayjs'; import moment from 'moment'; const p = { nonce: ${expr} };`), expr).toBe('seconds');
    }
  });

  it('recognises seconds scaled up to look like milliseconds', () => {
    for (const expr of ['Math.floor(Date.now() / 1000) * 1000', 'Math.round(Date.now()/1000)*1000', '1000 * dayjs().unix()', 'moment().unix() * 1000', "Math.floor(Date.now() / 1000) + '000'", '`${moment().unix()}000`']) {
      expect(kind(`import dayjs from 'dayjs'; import moment from 'moment'; const p = { nonce: ${expr} };`), expr).toBe('scaled-seconds');
    }
  });

  it('recognises random and non-monotonic sources', () => {
    const imports = `import crypto, { randomInt } from 'crypto'; import { v4 as uuid } from 'uuid'; import { nanoid } from 'nanoid'; import { performance as perf } from 'perf_hooks';`;
    for (const expr of ['Math.random()', 'Math.floor(Math.random() * 1e9)', 'randomInt(1e9)', 'crypto.randomUUID()', 'uuid()', 'nanoid()', "crypto.randomBytes(8).toString('hex')", 'Math.random().toString(36).slice(2)']) {
      expect(kind(`${imports} const p = { nonce: ${expr} };`), expr).toBe('random');
    }
    for (const expr of ['performance.now()', 'perf.now()', 'process.hrtime()[0]', 'process.hrtime.bigint().toString()', 'process.uptime()', 'new Date().getSeconds()', 'Date.now() % 100000', 'Date.now() | 0']) {
      expect(kind(`${imports} const p = { nonce: ${expr} };`), expr).toBe('non-monotonic');
    }
  });

  it('recognises the reference signer and monotonic patterns', () => {
    const signer = `import { createIncrementalNonce, createTimeBasedNonce, defaultNonce } from 'eslint-plugin-gemini-guard/signer';`;
    expect(kind(`${signer} const p = { nonce: createIncrementalNonce().next() };`)).toBe('monotonic-source');
    expect(kind(`${signer} const p = { nonce: defaultNonce.next() };`)).toBe('monotonic-source');
    expect(kind(`${signer} const src = createTimeBasedNonce(); const p = { nonce: src.next() };`)).toBe('monotonic-source');
    expect(kind(`${signer} class C { src = createIncrementalNonce(); m() { return { nonce: this.src.next() }; } }`)).toBe('monotonic-source');
    expect(nonceOrigin(findNode(parse(`${signer} const s = createTimeBasedNonce(); s.next();`), AST_NODE_TYPES.CallExpression, 's.next()'), parse('')).kind).toBe('unknown');
    expect(kind(`let last = 0; function next() { const n = Math.max(Date.now(), last + 1); last = n; return n; } const p = { nonce: next() };`)).toBe('monotonic-source');
    expect(kind(`class C { last = 0; nonce() { return (this.last = Math.max(Date.now(), this.last + 1)); } m() { return { nonce: this.nonce() }; } }`)).toBe('monotonic-source');
    // without the write-back it is just the clock
    expect(kind(`let last = 0; const p = { nonce: Math.max(Date.now(), last + 1) };`)).toBe('milliseconds');
  });

  it('recognises counters', () => {
    expect(kind(`class C { n = 0; m() { return { nonce: ++this.n }; } }`)).toBe('counter');
    expect(kind(`class C { nonce = 0; m() { return { nonce: this.nonce++ }; } }`)).toBe('counter');
    expect(kind(`let n = Date.now(); function f() { return { nonce: (n += 1) }; }`)).toBe('counter');
  });

  it('follows helpers, methods, getters and class fields', () => {
    expect(kind(`function getNonce() { return Math.floor(Date.now() / 1000); } const p = { nonce: getNonce() };`)).toBe('seconds');
    expect(kind(`class C { nonce() { return Date.now(); } m() { return { nonce: this.nonce() }; } }`)).toBe('milliseconds');
    expect(kind(`class C { get nonce() { return Math.random(); } m() { return { nonce: this.nonce }; } }`)).toBe('random');
    expect(kind(`class C { nonce = Date.now(); m() { return { nonce: this.nonce }; } }`)).toBe('milliseconds');
    expect(kind(`const getNonce = async () => Date.now(); async function f() { return { nonce: await getNonce() }; }`)).toBe('milliseconds');
  });

  it('stays unknown when it cannot be sure', () => {
    expect(kind(`import { getNonce } from './nonce'; const p = { nonce: getNonce() };`)).toBe('unknown');
    expect(kind(`function f(nonce) { return { nonce }; }`)).toBe('unknown');
    expect(kind(`let n = Date.now(); n = Date.now() + 1; const p = { nonce: n };`)).toBe('unknown');
    expect(kind(`class C { nonce = Date.now(); bump() { this.nonce = Date.now(); } m() { return { nonce: this.nonce }; } }`)).toBe('unknown');
    expect(kind(`declare const x: boolean; const p = { nonce: x ? Date.now() : Math.random() };`)).toBe('unknown');
    expect(kind(`const p = { nonce: new Date() };`)).toBe('unknown');
    expect(kind(`const p = { nonce: new Date(2020, 1, 1).getTime() };`)).toBe('unknown');
    expect(kind(`const start = Date.now(); const p = { nonce: Date.now() - start };`)).toBe('unknown');
    expect(kind(`function f() { return f(); } const p = { nonce: f() };`)).toBe('unknown');
  });

  it('records where a value is computed', () => {
    const sc = parse(`const n = Date.now(); const p = { nonce: n };`);
    const value = findNode(sc, AST_NODE_TYPES.Identifier, 'n');
    const prop = findNodes(sc, AST_NODE_TYPES.Property)[0]!;
    const origin = nonceOrigin(prop.value, sc);
    expect(sc.getText(origin.computedAt)).toBe('Date.now()');
    expect(value.name).toBe('n');
    // a helper's local computes afresh on every call: computed at the call
    const sc2 = parse(`function g() { const t = Date.now(); return t; } const p = { nonce: g() };`);
    const prop2 = findNodes(sc2, AST_NODE_TYPES.Property)[0]!;
    expect(sc2.getText(nonceOrigin(prop2.value, sc2).computedAt)).toBe('g()');
  });
});

describe('nonce reuse in Gemini payloads', () => {
  it('finds a nonce hoisted out of a loop', () => {
    expect(uses(`const nonce = Date.now(); for (const id of ids) { send({ request: '/v1/order/cancel', nonce, order_id: id }); }`)).toEqual([
      { kind: 'milliseconds', reuse: 'loop', scope: 'module' },
    ]);
  });

  it('finds a nonce computed outside a .map callback', () => {
    expect(uses(`async function f(ids) { const nonce = Date.now(); return ids.map((id) => ({ request: '/v1/order/cancel', nonce, order_id: id })); }`)).toEqual([
      { kind: 'milliseconds', reuse: 'callback', scope: 'function' },
    ]);
  });

  it('finds a module-level nonce used in a function that runs repeatedly', () => {
    expect(uses(`const NONCE = Date.now(); export function balances() { return { request: '/v1/balances', nonce: NONCE }; }`)[0]?.reuse).toBe('function');
    expect(uses(`const NONCE = Date.now(); function balances() { return { request: '/v1/balances', nonce: NONCE }; } setInterval(balances, 1000);`)[0]?.reuse).toBe('callback');
    expect(uses(`const NONCE = Date.now(); function balances() { return { request: '/v1/balances', nonce: NONCE }; } balances(); balances();`)[0]?.reuse).toBe('function');
    // called once: one request, no reuse
    expect(uses(`const NONCE = Date.now(); function main() { return { request: '/v1/balances', nonce: NONCE }; } main();`)[0]?.reuse).toBeUndefined();
  });

  it('finds a class field nonce used by a method', () => {
    expect(uses(`class C { nonce = Date.now(); balances() { return { request: '/v1/balances', nonce: this.nonce }; } }`)).toEqual([
      { kind: 'milliseconds', reuse: 'function', scope: 'instance' },
    ]);
  });

  it('finds a nonce captured by a returned closure', () => {
    expect(uses(`function client() { const nonce = Date.now(); return async () => ({ request: '/v1/balances', nonce }); }`)[0]?.reuse).toBe('function');
    expect(uses(`function client() { const nonce = Date.now(); return { balances: () => ({ request: '/v1/balances', nonce }) }; }`)[0]?.reuse).toBe('function');
  });

  it('finds two payloads sharing one nonce, but not in exclusive branches', () => {
    expect(uses(`async function f() { const nonce = Date.now(); await Promise.all([post({ request: '/v1/balances', nonce }), post({ request: '/v1/orders', nonce })]); }`)).toEqual([
      { kind: 'milliseconds', reuse: undefined, scope: undefined },
      { kind: 'milliseconds', reuse: 'shared', scope: 'function' },
    ]);
    expect(uses(`async function f(x) { const nonce = Date.now(); if (x) await post({ request: '/v1/balances', nonce }); else await post({ request: '/v1/orders', nonce }); }`).map((u) => u.reuse)).toEqual([undefined, undefined]);
    expect(uses(`async function f(x) { const nonce = Date.now(); if (x) { return post({ request: '/v1/balances', nonce }); } return post({ request: '/v1/orders', nonce }); }`).map((u) => u.reuse)).toEqual([undefined, undefined]);
  });

  it('does not call fresh or per-iteration nonces reused', () => {
    expect(uses(`for (const id of ids) { const nonce = Date.now(); await send({ request: '/v1/order/cancel', nonce, order_id: id }); }`)[0]?.reuse).toBeUndefined();
    expect(uses(`const base = Date.now(); ids.forEach((id, i) => send({ request: '/v1/order/cancel', nonce: base + i }));`)[0]?.reuse).toBeUndefined();
    expect(uses(`async function post(path) { const nonce = Date.now(); return { request: path, nonce }; }`)[0]?.reuse).toBeUndefined();
    expect(uses(`const nonce = Date.now(); for (const h of hosts) { try { return await send({ request: '/v1/balances', nonce }); } catch {} }`)[0]?.reuse).toBeUndefined();
    expect(uses(`import { getNonce } from './n'; async function f(ids) { for (const id of ids) await send({ request: '/v1/order/cancel', nonce: getNonce(), id }); }`)[0]?.reuse).toBeUndefined();
  });

  it('treats class methods as repeated and one-shot callbacks as not', () => {
    const sc = parse(`class C { m() {} } main().then(() => {}); [1].map(() => 1);`);
    const fns = findNodes(sc, AST_NODE_TYPES.FunctionExpression).concat(findNodes(sc, AST_NODE_TYPES.ArrowFunctionExpression) as never[]);
    expect(fns.map((f) => isRepeatedFunction(f, sc))).toEqual([true, false, true]);
  });
});
