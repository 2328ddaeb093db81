import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { credentialKind, credentialNameKind, credentialsIn, geminiHeadersHeld, hidesCredential } from '../../src/analysis/exposure/index.js';
import { findNodes, parse, type SourceCode } from '../helpers/parse.js';

const KEY = 'account-aB3dE5gH7jK9mN1pQ2rS';
const SECRET = 'x7Kp2Qm9Vt4Rw8Zn3Jb6Hc1Ld5';

/** The argument of the first `probe(…)` call. */
function probeArg(sc: SourceCode, index = 0): TSESTree.Node {
  const calls = findNodes(sc, AST_NODE_TYPES.CallExpression).filter(
    (c) => c.callee.type === AST_NODE_TYPES.Identifier && c.callee.name === 'probe',
  );
  const call = calls[index];
  if (!call?.arguments[0]) throw new Error('no probe(…) call');
  return call.arguments[0];
}

function kindOf(code: string, index = 0) {
  const sc = parse(code);
  const fact = credentialKind(probeArg(sc, index), sc);
  return fact ? { kind: fact.kind, reason: fact.reason } : undefined;
}

/** credentialKind of the first string literal whose value is `value`. */
function literalKind(code: string, value = SECRET) {
  const sc = parse(code);
  const literal = findNodes(sc, AST_NODE_TYPES.Literal).find((l) => l.value === value);
  if (!literal) throw new Error(`no literal ${value}`);
  const fact = credentialKind(literal, sc);
  return fact ? { kind: fact.kind, reason: fact.reason, detail: fact.detail } : undefined;
}

const GEMINI = `const BASE = 'https://api.gemini.com';`;

describe('credentialNameKind', () => {
  it('classifies credential names and X-GEMINI header names', () => {
    expect(credentialNameKind('apiSecret')).toBe('apiSecret');
    expect(credentialNameKind('GEMINI_API_KEY')).toBe('apiKey');
    expect(credentialNameKind('X-GEMINI-SIGNATURE')).toBe('signature');
    expect(credentialNameKind('x-gemini-payload')).toBe('payload');
  });

  it('does not classify names of derived, safe values', () => {
    expect(credentialNameKind('maskedSecret')).toBeUndefined();
    expect(credentialNameKind('apiKeySet')).toBeUndefined();
    expect(credentialNameKind('secretIsConfigured')).toBeUndefined();
    expect(credentialNameKind('apiKeyPrefix')).toBeUndefined();
    expect(credentialNameKind('signature')).toBeUndefined();
  });
});

describe('credentialKind', () => {
  it('recognises a Gemini key literal, directly and through a const', () => {
    expect(kindOf(`probe('${KEY}');`)).toEqual({ kind: 'apiKey', reason: 'key-literal' });
    expect(kindOf(`const k = 'account-' + 'aB3dE5gH7jK9mN1pQ2rS'; probe(k);`)).toEqual({ kind: 'apiKey', reason: 'key-literal' });
    expect(kindOf(`probe('account-XXXXXXXXXXXXXXXXXXXX');`)).toBeUndefined();
  });

  it('recognises Gemini-named environment variables in any form', () => {
    expect(kindOf(`probe(process.env.GEMINI_API_SECRET);`)).toEqual({ kind: 'apiSecret', reason: 'env' });
    expect(kindOf(`probe(process.env['GEMINI_API_KEY']);`)).toEqual({ kind: 'apiKey', reason: 'env' });
    expect(kindOf(`probe(import.meta.env.VITE_GEMINI_API_KEY);`)).toEqual({ kind: 'apiKey', reason: 'env' });
    expect(kindOf(`const { GEMINI_API_SECRET } = process.env; probe(GEMINI_API_SECRET);`)).toEqual({ kind: 'apiSecret', reason: 'env' });
    expect(kindOf(`const s = process.env.GEMINI_API_SECRET!.trim(); probe(s);`)).toEqual({ kind: 'apiSecret', reason: 'env' });
  });

  it('takes a generic env name only in Gemini code', () => {
    expect(kindOf(`probe(process.env.API_SECRET);`)).toBeUndefined();
    expect(kindOf(`${GEMINI} probe(process.env.API_SECRET);`)).toEqual({ kind: 'apiSecret', reason: 'env' });
    expect(kindOf(`${GEMINI} probe(process.env.PORT);`)).toBeUndefined();
  });

  it("does not take Google Gemini AI's GEMINI_API_KEY for an exchange key", () => {
    expect(
      kindOf(`
        import { GoogleGenerativeAI } from '@google/generative-ai';
        const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);
        probe(process.env.GEMINI_API_KEY);`),
    ).toBeUndefined();
    // a Gemini name alone is not enough in a file that also talks to Google AI
    expect(
      kindOf(`
        import { GoogleGenerativeAI } from '@google/generative-ai';
        function other() { const model = 1; }
        function f() { probe(process.env.GEMINI_API_KEY); }`),
    ).toBeUndefined();
  });

  it('recognises a value sent as X-GEMINI-APIKEY, X-GEMINI-PAYLOAD or X-GEMINI-SIGNATURE', () => {
    const code = `
      function send(k, payload, sig) {
        probe(k); probe(payload); probe(sig);
        return fetch(url, { headers: { 'X-GEMINI-APIKEY': k, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sig } });
      }`;
    expect(kindOf(code, 0)).toEqual({ kind: 'apiKey', reason: 'api-key-header' });
    expect(kindOf(code, 1)).toEqual({ kind: 'payload', reason: 'payload-header' });
    expect(kindOf(code, 2)).toEqual({ kind: 'signature', reason: 'signature-header' });
  });

  it('recognises the key and the output of the signing HMAC', () => {
    const code = `
      import crypto from 'crypto';
      class Client {
        constructor(key, s) { this.key = key; this.s = s; }
        sign(payload) {
          const signature = crypto.createHmac('sha384', this.s).update(payload).digest('hex');
          probe(this.s);
          probe(signature);
          return { 'X-GEMINI-APIKEY': this.key, 'X-GEMINI-SIGNATURE': signature };
        }
      }`;
    expect(kindOf(code, 0)).toEqual({ kind: 'apiSecret', reason: 'hmac-key' });
    expect(kindOf(code, 1)).toEqual({ kind: 'signature', reason: 'signature-header' });
  });

  it('recognises credential names on identifiers and members in Gemini code', () => {
    expect(kindOf(`${GEMINI} function f(apiSecret) { probe(apiSecret); }`)).toEqual({ kind: 'apiSecret', reason: 'name' });
    expect(kindOf(`${GEMINI} class C { m() { probe(this.apiSecret); } }`)).toEqual({ kind: 'apiSecret', reason: 'name' });
    expect(kindOf(`${GEMINI} import config from './config'; probe(config.exchange.api_key);`)).toEqual({ kind: 'apiKey', reason: 'name' });
    expect(kindOf(`${GEMINI} const { secret: s } = opts; probe(s);`)).toEqual({ kind: 'apiSecret', reason: 'name' });
  });

  it('takes a generic name outside Gemini code only when the path is Gemini-named', () => {
    expect(kindOf(`function f(apiSecret) { probe(apiSecret); }`)).toBeUndefined();
    expect(kindOf(`probe(config.gemini.secret);`)).toEqual({ kind: 'apiSecret', reason: 'name' });
    expect(kindOf(`function f(geminiSecret) { probe(geminiSecret); }`)).toEqual({ kind: 'apiSecret', reason: 'name' });
  });

  it('never answers in code the context marks as another API', () => {
    expect(kindOf(`const h = { 'X-MBX-APIKEY': apiKey }; probe(apiSecret);`)).toBeUndefined();
    expect(kindOf(`const alg = 'AWS4-HMAC-SHA256'; probe(process.env.GEMINI_API_SECRET);`)).toBeUndefined();
    expect(
      kindOf(`
        class Binance { sign() { probe(this.apiSecret); return { 'X-MBX-APIKEY': this.apiKey }; } }
        class Gemini { sign() { return { 'X-GEMINI-APIKEY': this.apiKey }; } }`),
    ).toBeUndefined();
  });

  it('follows consts, object literals and class fields to the value', () => {
    expect(kindOf(`const cfg = { k: process.env.GEMINI_API_SECRET }; probe(cfg.k);`)).toEqual({ kind: 'apiSecret', reason: 'env' });
    expect(kindOf(`class C { s = process.env.GEMINI_API_SECRET; m() { const x = this.s; probe(x); } }`)).toEqual({ kind: 'apiSecret', reason: 'env' });
    expect(kindOf(`const x = process.env.GEMINI_API_KEY || ''; probe(x);`)).toEqual({ kind: 'apiKey', reason: 'env' });
  });

  it('says nothing for values derived from a credential and safe to show', () => {
    for (const expr of ['Boolean(apiKey)', '!!apiSecret', 'apiKey.length', 'typeof apiSecret', "apiSecret ? 'set' : 'missing'", 'redact(apiSecret)', 'maskKey(apiKey)', 'apiKey.slice(0, 4)', "apiKey === ''"]) {
      expect(kindOf(`${GEMINI} function f(apiKey, apiSecret) { probe(${expr}); }`), expr).toBeUndefined();
    }
    // a value beats a name
    expect(kindOf(`${GEMINI} function f(k) { const apiKey = k ? 'present' : 'absent'; probe(apiKey); }`)).toBeUndefined();
    expect(kindOf(`${GEMINI} const apiSecret = Boolean(process.env.GEMINI_API_SECRET); probe(apiSecret);`)).toBeUndefined();
  });

  it('keeps a value through conversions that do not change it', () => {
    expect(kindOf(`${GEMINI} function f(apiSecret) { probe(String(apiSecret).trim()); }`)).toEqual({ kind: 'apiSecret', reason: 'name' });
    expect(kindOf(`${GEMINI} function f(apiKey) { probe(apiKey.slice()); }`)).toEqual({ kind: 'apiKey', reason: 'name' });
  });

  it('says what a literal stands for from where it is written', () => {
    expect(literalKind(`${GEMINI} const apiSecret = '${SECRET}';`)).toEqual({ kind: 'apiSecret', reason: 'name', detail: 'apiSecret' });
    expect(literalKind(`${GEMINI} class C { private secret = '${SECRET}'; }`)).toMatchObject({ kind: 'apiSecret', reason: 'name' });
    expect(literalKind(`${GEMINI} this.api_secret = '${SECRET}';`)).toMatchObject({ kind: 'apiSecret', reason: 'name' });
    expect(literalKind(`${GEMINI} function f(secret = '${SECRET}') {}`)).toMatchObject({ kind: 'apiSecret', reason: 'name' });
    expect(literalKind(`const s = process.env.GEMINI_API_SECRET || '${SECRET}';`)).toEqual({ kind: 'apiSecret', reason: 'env-fallback', detail: 'GEMINI_API_SECRET' });
    expect(literalKind(`const c = { key: '${KEY}', other: '${SECRET}' };`)).toMatchObject({ kind: 'apiSecret', reason: 'beside-api-key' });
    expect(literalKind(`${GEMINI} const crypto = require('crypto'); const sig = crypto.createHmac('sha384', '${SECRET}').update(p).digest('hex'); const h = { 'X-GEMINI-SIGNATURE': sig };`)).toMatchObject({ kind: 'apiSecret', reason: 'hmac-key' });
  });

  it('does not call a literal a secret without Gemini evidence or a Gemini name', () => {
    expect(literalKind(`const apiSecret = '${SECRET}';`)).toBeUndefined();
    expect(literalKind(`const GEMINI_API_SECRET = '${SECRET}';`)).toMatchObject({ kind: 'apiSecret' });
    expect(literalKind(`const config = { gemini: { secret: '${SECRET}' } };`)).toMatchObject({ kind: 'apiSecret' });
  });

  it('survives odd code', () => {
    const sc = parse(`
      ${GEMINI}
      const o = { [Symbol.iterator]: 1, ...null, get apiKey() { return 1; } };
      let x; x = x; const y = y2; var y2 = y;
      probe(o?.[k]?.apiKey);
      probe(new Function('return 1')());
      probe(((a) => a)(1));
      probe(y);`);
    for (let i = 0; i < 4; i++) expect(() => credentialKind(probeArg(sc, i), sc)).not.toThrow();
  });
});

describe('hidesCredential', () => {
  it('tells safe derived values from the value itself', () => {
    const sc = parse(`probe(key.substring(2)); probe(key.slice(0)); probe(sha256(key)); probe(key);`);
    expect(hidesCredential(probeArg(sc, 0), sc)).toBe(true);
    expect(hidesCredential(probeArg(sc, 1), sc)).toBe(false);
    expect(hidesCredential(probeArg(sc, 2), sc)).toBe(true);
    expect(hidesCredential(probeArg(sc, 3), sc)).toBe(false);
  });
});

describe('geminiHeadersHeld', () => {
  function held(code: string) {
    const sc = parse(code);
    return [...geminiHeadersHeld(probeArg(sc), sc)].sort();
  }

  it('finds the headers in an object literal, a config and a Headers instance', () => {
    expect(held(`const h = { 'X-GEMINI-APIKEY': k, 'X-GEMINI-SIGNATURE': s }; probe(h);`)).toEqual(['apiKey', 'signature']);
    expect(held(`const h = { 'X-GEMINI-PAYLOAD': p }; const config = { method: 'POST', headers: h }; probe(config);`)).toEqual(['payload']);
    expect(held(`probe(new Headers({ 'x-gemini-apikey': k }));`)).toEqual(['apiKey']);
  });

  it('finds headers written into an object later', () => {
    expect(held(`const h = {}; h['X-GEMINI-APIKEY'] = k; probe(h);`)).toEqual(['apiKey']);
    expect(held(`const h = new Headers(); h.set('X-GEMINI-SIGNATURE', s); probe(h);`)).toEqual(['signature']);
    expect(held(`const config = { headers: {} }; config.headers['X-GEMINI-APIKEY'] = k; probe(config);`)).toEqual(['apiKey']);
  });

  it('looks again at what it first reached too deep, when it reaches it again higher up', () => {
    // h0(x) is first reached through h3 → h2 → h1, one level too deep to follow; the second
    // branch reaches the same h0(x) two levels up, from where its headers are in reach (each
    // helper has two returns, so no single structure stands for its call)
    const helpers = `function h0(x) { if (x) return null; return { 'X-GEMINI-APIKEY': k }; }
      function h1(x) { if (x) return null; return h0(x); } function h2(x) { if (x) return null; return h1(x); }
      function h3(x) { if (x) return null; return h2(x); }`;
    expect(held(`${helpers} function f(x) { if (x) return h3(x); return h1(x); } probe(f(1));`)).toEqual(['apiKey']);
    // that branch alone is too deep
    expect(held(`${helpers} function f(x) { if (x) return h3(x); return null; } probe(f(1));`)).toEqual([]);
  });

  it('does not count masked header values', () => {
    expect(held(`const h = { 'X-GEMINI-APIKEY': k }; probe({ ...h, 'X-GEMINI-APIKEY': '***' });`)).toEqual([]);
    expect(held(`probe({ other: 1 });`)).toEqual([]);
  });
});

describe('credentialsIn', () => {
  function uses(code: string) {
    const sc = parse(code);
    return credentialsIn(probeArg(sc), sc).map((u) => `${u.kind}:${sc.getText(u.node)}`);
  }

  it('finds credentials inside objects, arrays, templates and concatenations', () => {
    expect(uses(`${GEMINI} function f(apiKey, apiSecret) { probe({ auth: [apiKey, \`s=\${apiSecret}\`], n: 1 + apiSecret }); }`)).toEqual([
      'apiKey:apiKey',
      'apiSecret:apiSecret',
      'apiSecret:apiSecret',
    ]);
  });

  it('follows a variable to the container it holds', () => {
    expect(uses(`${GEMINI} function f(apiSecret) { const line = 'secret=' + apiSecret; probe(line); }`)).toEqual(['apiSecret:apiSecret']);
    expect(uses(`const config = { gemini: { apiKey: process.env.GEMINI_API_KEY, port: 1 } }; probe(config);`)).toEqual(['apiKey:process.env.GEMINI_API_KEY']);
  });

  it('reports an object holding the authentication headers as a whole', () => {
    expect(uses(`const headers = { 'X-GEMINI-APIKEY': key, 'X-GEMINI-SIGNATURE': sig }; probe({ url, headers });`)).toEqual(['headers:headers']);
    expect(uses(`const headers = { 'X-GEMINI-APIKEY': key }; const config = { url, headers }; probe(config);`)).toEqual(['headers:config']);
    expect(uses(`probe({ 'X-GEMINI-PAYLOAD': p, 'X-GEMINI-SIGNATURE': s });`)).toEqual([`headers:{ 'X-GEMINI-PAYLOAD': p, 'X-GEMINI-SIGNATURE': s }`]);
  });

  it('looks through JSON.stringify, String and util.format but not into masking calls', () => {
    expect(uses(`${GEMINI} function f(apiSecret) { probe(JSON.stringify({ apiSecret })); }`)).toEqual(['apiSecret:apiSecret']);
    expect(uses(`${GEMINI} function f(apiSecret) { probe(JSON.stringify({ apiSecret: mask(apiSecret), set: !!apiSecret })); }`)).toEqual([]);
  });

  it('counts string literals only as Gemini keys', () => {
    expect(uses(`${GEMINI} probe({ apiKey: 'set', key: '${KEY}' });`)).toEqual([`apiKey:'${KEY}'`]);
  });
});
