import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import {
  companionSink,
  feedsOnlyGeminiSignatures,
  flowSources,
  localCallSites,
  reachesHeaderUnchanged,
  signatureFlows,
  signatureHmacFlows,
  signatureSources,
  textUnderEncoding,
  upperCasedSignatures,
  valuesInFlow,
} from '../../src/analysis/signing/index.js';
import { findNode, findNodes, parse } from '../helpers/parse.js';

const SHARED_HELPER = `
  import { createHmac } from 'crypto';
  const sign = (alg: string, key: string, msg: string) => createHmac(alg, key).update(msg).digest('hex');
  const binance = sign('sha256', bSecret, query);
  const payload = Buffer.from(JSON.stringify(body)).toString('base64');
  const headers = { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sign('sha512', secret, payload) };`;

describe('flowSources / signatureSources', () => {
  it('collects what the signature header is made of, per sink and for the file', () => {
    const sc = parse(SHARED_HELPER);
    const [flow] = signatureFlows(sc);
    const geminiCall = findNode(sc, AST_NODE_TYPES.CallExpression, "sign('sha512', secret, payload)");
    const binanceCall = findNode(sc, AST_NODE_TYPES.CallExpression, "sign('sha256', bSecret, query)");
    expect(flowSources(flow!, sc).has(geminiCall)).toBe(true);
    expect(flowSources(flow!, sc).has(binanceCall)).toBe(false);
    expect(signatureSources(sc).has(geminiCall)).toBe(true);
    expect(signatureSources(sc).has(binanceCall)).toBe(false);
  });
});

describe('valuesInFlow', () => {
  it("maps a helper's parameter to the Gemini call site's argument only", () => {
    const sc = parse(SHARED_HELPER);
    const [flow] = signatureFlows(sc);
    const values = (node: Parameters<typeof valuesInFlow>[0]) => valuesInFlow(node, flow!, sc)?.map((n) => sc.getText(n));
    expect(values(flow!.hmac.algorithmNode!)).toEqual(["'sha512'"]);
    expect(values(flow!.hmac.keyNode!)).toEqual(['secret']);
    expect(values(flow!.hmac.inputNodes[0]!)).toEqual(['payload']);
  });

  it('follows nested helpers and default parameter values, and gives up on spreads', () => {
    const sc = parse(`
      import crypto from 'crypto';
      function mac(text: string, alg = 'sha1') { return crypto.createHmac(alg, s).update(text).digest('hex'); }
      function wrap(t: string) { return mac(t); }
      function spread(...a: [string]) { return mac(...a); }
      const h = { 'X-GEMINI-SIGNATURE': wrap(JSON.stringify(body)) };
      const g = { 'X-GEMINI-SIGNATURE': spread('x') };`);
    const [flow] = signatureFlows(sc);
    expect(valuesInFlow(flow!.hmac.algorithmNode!, flow!, sc)?.map((n) => sc.getText(n))).toEqual(["'sha1'"]);
    expect(valuesInFlow(flow!.hmac.inputNodes[0]!, flow!, sc)?.map((n) => sc.getText(n))).toEqual(['JSON.stringify(body)']);
  });

  it('uses every call site of a function that sets the header itself, and is undefined without any', () => {
    const sc = parse(`
      import crypto from 'crypto';
      function send(alg: string) { return { 'X-GEMINI-SIGNATURE': crypto.createHmac(alg, s).update(p).digest('hex') }; }
      send('sha256'); send('sha384');
      export function lonely(alg: string) { return { 'X-GEMINI-SIGNATURE': crypto.createHmac(alg, s).update(p).digest('hex') }; }`);
    const [sent, lonely] = signatureFlows(sc);
    expect(valuesInFlow(sent!.hmac.algorithmNode!, sent!, sc)?.map((n) => sc.getText(n))).toEqual(["'sha256'", "'sha384'"]);
    expect(valuesInFlow(lonely!.hmac.algorithmNode!, lonely!, sc)).toBeUndefined();
    // a non-parameter is itself
    expect(valuesInFlow(sent!.hmac.keyNode!, sent!, sc)).toEqual([sent!.hmac.keyNode]);
  });
});

describe('companionSink', () => {
  it('prefers a sibling key of the same header object', () => {
    const sc = parse(`
      const a = { 'X-GEMINI-APIKEY': k1, 'X-GEMINI-PAYLOAD': p1, 'X-GEMINI-SIGNATURE': s1 };
      const b = { 'X-GEMINI-APIKEY': k2, 'X-GEMINI-PAYLOAD': p2, 'X-GEMINI-SIGNATURE': require('crypto').createHmac('sha384', x).update(p2).digest('hex') };`);
    const [flow] = signatureFlows(sc);
    expect(sc.getText(companionSink(flow!, 'apiKey', sc)!.valueNode)).toBe('k2');
    expect(sc.getText(companionSink(flow!, 'payload', sc)!.valueNode)).toBe('p2');
  });

  it('falls back to the only header of that kind in the same function, else in the file', () => {
    const sc = parse(`
      import crypto from 'crypto';
      function h(headers: Headers) {
        headers.set('X-GEMINI-PAYLOAD', b64);
        headers.set('X-GEMINI-SIGNATURE', crypto.createHmac('sha384', x).update(b64).digest('hex'));
      }
      const other = { 'X-GEMINI-APIKEY': key };`);
    const [flow] = signatureFlows(sc);
    expect(sc.getText(companionSink(flow!, 'payload', sc)!.valueNode)).toBe('b64');
    expect(sc.getText(companionSink(flow!, 'apiKey', sc)!.valueNode)).toBe('key');
  });
});

describe('feedsOnlyGeminiSignatures', () => {
  const literal = (sc: ReturnType<typeof parse>, text: string) => findNode(sc, AST_NODE_TYPES.Literal, text);

  it('is true for module-level code, a function that sets the header, and helpers only it calls', () => {
    const sc = parse(`
      import crypto from 'crypto';
      const top = crypto.createHmac('sha1', s).update(p).digest('hex');
      function mac(p: string) { return crypto.createHmac('sha256', s).update(p).digest('hex'); }
      function send() { return { 'X-GEMINI-SIGNATURE': mac(b64) }; }
      function send2() { return { 'X-GEMINI-SIGNATURE': crypto.createHmac('md5', s).digest('hex') }; }
      class C { sign(p: string) { return crypto.createHmac('sha512', s).update(p).digest('hex'); } h() { return { 'X-GEMINI-SIGNATURE': this.sign(x) }; } }
      const h = { 'X-GEMINI-SIGNATURE': top };`);
    for (const text of ["'sha1'", "'sha256'", "'md5'", "'sha512'"]) expect(feedsOnlyGeminiSignatures(literal(sc, text), sc)).toBe(true);
  });

  it('is false for exported helpers, helpers also used elsewhere, and functions passed around', () => {
    const sc = parse(`
      import crypto from 'crypto';
      export function a(p: string) { return crypto.createHmac('sha1', s).update(p).digest('hex'); }
      function b(p: string) { return crypto.createHmac('sha256', s).update(p).digest('hex'); }
      const c = (p: string) => crypto.createHmac('sha512', s).update(p).digest('hex');
      const binance = b(query);
      [1].map(c);
      const h = { 'X-GEMINI-SIGNATURE': a(x) + b(x) + c(x) };`);
    for (const text of ["'sha1'", "'sha256'", "'sha512'"]) expect(feedsOnlyGeminiSignatures(literal(sc, text), sc)).toBe(false);
  });
});

describe('localCallSites', () => {
  it('lists direct calls, this.method() calls and object-literal method calls', () => {
    const sc = parse(`
      function f() {}
      f(); f();
      const o = { m() {} }; o.m();
      class K { g() {} run() { this.g(); } }`);
    const fns = findNodes(sc, AST_NODE_TYPES.FunctionDeclaration);
    expect(localCallSites(fns[0]!, sc)).toHaveLength(2);
    const methods = findNodes(sc, AST_NODE_TYPES.FunctionExpression);
    expect(methods.map((m) => localCallSites(m, sc).length)).toEqual([1, 1, 0]);
  });
});

describe('textUnderEncoding', () => {
  it('peels byte encoders, also through consts', () => {
    const sc = parse(`
      import CryptoJS from 'crypto-js';
      import { utf8ToBytes } from '@noble/hashes/utils';
      const enc = new TextEncoder();
      const bytes = Buffer.from(json, 'utf8');
      f(enc.encode(a), new TextEncoder().encode(b), bytes, utf8ToBytes(c), CryptoJS.enc.Utf8.parse(d), Buffer.from(e, 'base64'), other.encode(g));`);
    const f = findNodes(sc, AST_NODE_TYPES.CallExpression).find((c) => c.callee.type === AST_NODE_TYPES.Identifier && c.callee.name === 'f')!;
    expect(f.arguments.map((a) => sc.getText(textUnderEncoding(a, sc)))).toEqual(['a', 'b', 'json', 'c', 'd', "Buffer.from(e, 'base64')", 'other.encode(g)']);
  });
});

describe('upperCasedSignatures', () => {
  it('finds toUpperCase between the HMAC and the header, not elsewhere', () => {
    const sc = parse(`
      import crypto from 'crypto';
      const hex = crypto.createHmac('sha384', s).update(p).digest('hex');
      const up = hex.toUpperCase();
      console.log(hex.toLocaleUpperCase());
      const headers = { 'X-GEMINI-SIGNATURE': up, 'X-Other': hex.toUpperCase() };
      const clean = crypto.createHmac('sha384', s).update(p).digest('hex');
      const h2 = { 'X-GEMINI-SIGNATURE': clean, note: other.toUpperCase() };`);
    const [first, second] = signatureFlows(sc);
    expect(upperCasedSignatures(first!, sc).map((c) => sc.getText(c))).toEqual(['hex.toUpperCase()']);
    expect(upperCasedSignatures(first!, sc)[0]!.range[0]).toBe(findNode(sc, AST_NODE_TYPES.VariableDeclarator, 'up = hex.toUpperCase()').init!.range[0]);
    expect(upperCasedSignatures(second!, sc)).toEqual([]);
  });
});

describe('signatureHmacFlows', () => {
  it('drops HMACs that only derive the key or the input of another HMAC', () => {
    const sc = parse(`
      import crypto from 'crypto';
      const derived = crypto.createHmac('sha256', master).update('gemini').digest();
      const inner = crypto.createHmac('md5', x).update(p).digest('hex');
      const sig = crypto.createHmac('sha384', derived).update(inner).digest('hex');
      const headers = { 'X-GEMINI-SIGNATURE': sig };`);
    expect(signatureFlows(sc).map((f) => f.hmac.algorithm)).toEqual(['sha256', 'md5', 'sha384']);
    expect(signatureHmacFlows(sc).map((f) => f.hmac.algorithm)).toEqual(['sha384']);
  });
});

describe('reachesHeaderUnchanged', () => {
  it('accepts consts, helpers, String(), templates and case changes, not unknown calls', () => {
    const sc = parse(`
      import crypto from 'crypto';
      import { hexOf } from './hex.js';
      const mk = () => crypto.createHmac('sha384', s).update(p).digest('base64');
      const a = { 'X-GEMINI-SIGNATURE': \`\${String(mk())}\`.toLowerCase() };
      const b = { 'X-GEMINI-SIGNATURE': hexOf(crypto.createHmac('sha384', s).update(p).digest('base64')) };`);
    expect(signatureFlows(sc).map((f) => reachesHeaderUnchanged(f, sc))).toEqual([true, false]);
  });
});
