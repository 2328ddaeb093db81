import { type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { geminiHeaderSinks, hmacUses, payloadForm, sameValue, signatureFlows } from '../../src/analysis/signing/index.js';
import { parse } from '../helpers/parse.js';

function flows(code: string) {
  const sc = parse(code);
  return signatureFlows(sc).map(({ hmac }) => ({
    library: hmac.library,
    algorithm: hmac.algorithm,
    encoding: hmac.encoding,
    key: hmac.keyNode ? sc.getText(hmac.keyNode) : undefined,
    input: hmac.inputNodes.map((n) => sc.getText(n)),
  }));
}

describe('hmacUses / signatureFlows', () => {
  it('follows node crypto from createHmac to the signature header', () => {
    expect(
      flows(`
        import crypto from 'crypto';
        const payload = Buffer.from(JSON.stringify(body)).toString('base64');
        const signature = crypto.createHmac('sha384', secret).update(payload).digest('hex');
        fetch(url, { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });`),
    ).toEqual([{ library: 'node', algorithm: 'sha384', encoding: 'hex', key: 'secret', input: ['payload'] }]);
  });

  it('follows an HMAC object held in a variable', () => {
    expect(
      flows(`
        import { createHmac } from 'node:crypto';
        const h = createHmac('SHA512', secret);
        h.update(payload);
        const sig = h.digest('base64');
        const headers = { 'X-GEMINI-SIGNATURE': sig };`),
    ).toEqual([{ library: 'node', algorithm: 'sha512', encoding: 'base64', key: 'secret', input: ['payload'] }]);
  });

  it('follows the return value of a signing helper and a class method', () => {
    expect(
      flows(`
        const crypto = require('crypto');
        function sign(p) { return crypto.createHmac('sha256', SECRET).update(p).digest().toString('base64'); }
        class C {
          mac(p) { return crypto.createHmac('sha384', this.secret).update(p).digest('hex'); }
          headers(p) { return { 'X-GEMINI-SIGNATURE': this.mac(p), other: sign(p) }; }
        }
        const h = { 'X-GEMINI-SIGNATURE': sign(payload) };`),
    ).toEqual([
      { library: 'node', algorithm: 'sha384', encoding: 'hex', key: 'this.secret', input: ['p'] },
      { library: 'node', algorithm: 'sha256', encoding: 'base64', key: 'SECRET', input: ['p'] },
    ]);
  });

  it('recognises crypto-js with its encoders', () => {
    expect(
      flows(`
        import CryptoJS from 'crypto-js';
        const a = CryptoJS.HmacSHA384(payload, secret).toString(CryptoJS.enc.Base64);
        const b = CryptoJS.enc.Hex.stringify(CryptoJS.HmacSHA256(payload, secret));
        const c = CryptoJS.HmacSHA384(payload, secret).toString();
        const h1 = { 'X-GEMINI-SIGNATURE': a };
        const h2 = { 'X-GEMINI-SIGNATURE': b };
        const h3 = { 'X-GEMINI-SIGNATURE': c };`),
    ).toEqual([
      { library: 'crypto-js', algorithm: 'sha384', encoding: 'base64', key: 'secret', input: ['payload'] },
      { library: 'crypto-js', algorithm: 'sha256', encoding: 'hex', key: 'secret', input: ['payload'] },
      { library: 'crypto-js', algorithm: 'sha384', encoding: 'hex', key: 'secret', input: ['payload'] },
    ]);
  });

  it('recognises WebCrypto importKey + sign', () => {
    expect(
      flows(`
        const enc = new TextEncoder();
        const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
        const mac = await crypto.subtle.sign('HMAC', key, enc.encode(payload));
        const sig = Buffer.from(mac).toString('hex');
        const headers = { 'X-GEMINI-SIGNATURE': sig };`),
    ).toEqual([{ library: 'webcrypto', algorithm: 'sha256', encoding: 'hex', key: 'secret', input: ['payload'] }]);
  });

  it('recognises @noble/hashes hmac', () => {
    expect(
      flows(`
        import { hmac } from '@noble/hashes/hmac';
        import { sha384 } from '@noble/hashes/sha2';
        import { bytesToHex } from '@noble/hashes/utils';
        const headers = { 'X-GEMINI-SIGNATURE': bytesToHex(hmac(sha384, secret, payload)) };`),
    ).toEqual([{ library: 'noble', algorithm: 'sha384', encoding: 'hex', key: 'secret', input: ['payload'] }]);
  });

  it('follows a signature passed as an argument to a local header builder', () => {
    expect(
      flows(`
        import crypto from 'crypto';
        function build(sig) { return { 'X-GEMINI-SIGNATURE': sig }; }
        const s = crypto.createHmac('sha1', secret).update(p).digest('hex');
        build(s);`),
    ).toMatchObject([{ algorithm: 'sha1' }]);
  });

  it('does not connect HMACs that never reach a Gemini signature header', () => {
    const code = `
      import crypto from 'crypto';
      // GitHub webhook verification
      const expected = 'sha256=' + crypto.createHmac('sha256', webhookSecret).update(body).digest('hex');
      // Binance
      const q = crypto.createHmac('sha256', binanceSecret).update(query).digest('hex');
      fetch('https://api.binance.com/api/v3/order?' + q, { headers: { 'X-MBX-APIKEY': key } });`;
    expect(flows(code)).toEqual([]);
    expect(hmacUses(parse(code))).toHaveLength(2);
  });
});

describe('geminiHeaderSinks', () => {
  it('collects object keys, computed constants, assignments and setter calls', () => {
    const sc = parse(`
      const SIG = 'X-GEMINI-SIGNATURE';
      const a = { 'X-GEMINI-APIKEY': k, [SIG]: s };
      h['x-gemini-payload'] = p;
      req.setHeader('X-Gemini-Signature', s2);
      headers.set('X-GEMINI-APIKEY', k2);`);
    expect(geminiHeaderSinks(sc).map((s) => [s.kind, sc.getText(s.valueNode)])).toEqual([
      ['apiKey', 'k'],
      ['signature', 's'],
      ['payload', 'p'],
      ['signature', 's2'],
      ['apiKey', 'k2'],
    ]);
  });
});

describe('payloadForm', () => {
  it('classifies base64, JSON and objects through consts and helpers', () => {
    const sc = parse(`
      const obj = { request: '/v1/balances', nonce };
      const json = JSON.stringify(obj);
      const b64 = Buffer.from(json).toString('base64');
      const b64b = btoa(json);
      function encode(o) { return Buffer.from(JSON.stringify(o)).toString('base64'); }
      const b64c = encode(obj);
      declare const other: string;`);
    const init = (name: string) =>
      sc.ast.body.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations : [])).find((d) => d.id.type === 'Identifier' && d.id.name === name)!.id;
    expect(['obj', 'json', 'b64', 'b64b', 'b64c', 'other'].map((n) => payloadForm(init(n), sc))).toEqual(['object', 'json', 'base64', 'base64', 'base64', 'unknown']);
  });
});

describe('sameValue', () => {
  it('is true for the same variable, field or env var and false otherwise', () => {
    const sc = parse(`
      const key = process.env.GEMINI_API_KEY;
      const alias = key;
      f(key, alias, process.env.GEMINI_API_KEY, process.env.GEMINI_API_SECRET);`);
    const call = sc.ast.body.at(-1) as TSESTree.ExpressionStatement;
    const args = (call.expression as TSESTree.CallExpression).arguments;
    expect(sameValue(args[0]!, args[1]!, sc)).toBe(true);
    expect(sameValue(args[0]!, args[2]!, sc)).toBe(true);
    expect(sameValue(args[0]!, args[3]!, sc)).toBe(false);
  });
});

describe('hmacUses: more digest and encoding shapes', () => {
  const one = (code: string) => {
    const sc = parse(code);
    const [use] = hmacUses(sc);
    return {
      library: use?.library,
      algorithm: use?.algorithm,
      encoding: use?.encoding,
      encodingNode: use?.encodingNode ? sc.getText(use.encodingNode) : undefined,
      flows: signatureFlows(sc).length,
    };
  };

  it('follows WebCrypto bytes through String.fromCharCode(...) into btoa', () => {
    expect(
      one(`
        const key = await crypto.subtle.importKey('raw', k, { name: 'HMAC', hash: 'SHA-384' }, false, ['sign']);
        const mac = await crypto.subtle.sign('HMAC', key, data);
        const sig = btoa(String.fromCharCode(...new Uint8Array(mac)));
        const headers = { 'X-GEMINI-SIGNATURE': sig };`),
    ).toEqual({ library: 'webcrypto', algorithm: 'sha384', encoding: 'base64', encodingNode: 'btoa', flows: 1 });
  });

  it('follows String.fromCharCode.apply(null, bytes) and stops at a binary string', () => {
    expect(
      one(`
        const mac = await crypto.subtle.sign('HMAC', key, data);
        const headers = { 'X-GEMINI-SIGNATURE': String.fromCharCode.apply(null, new Uint8Array(mac) as any) };`),
    ).toEqual({ library: 'webcrypto', algorithm: undefined, encoding: 'binary', encodingNode: 'String.fromCharCode.apply', flows: 1 });
  });

  it('reads a byte-wise map padded to two digits as hex', () => {
    expect(
      one(`
        const mac = await crypto.subtle.sign('HMAC', key, data);
        const headers = { 'X-GEMINI-SIGNATURE': [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('') };`),
    ).toEqual({ library: 'webcrypto', algorithm: undefined, encoding: 'hex', encodingNode: "(b) => b.toString(16).padStart(2, '0')", flows: 1 });
  });

  it.each([
    ['padStart', "(b) => b.toString(16).padStart(2, '0')", 'hex'],
    ["('0' + …).slice(-2)", "(b) => ('0' + b.toString(16)).slice(-2)", 'hex'],
    ['a template and slice(-2)', '(b) => `0${b.toString(16)}`.slice(-2)', 'hex'],
    ['a < 16 guard', "(b) => (b < 16 ? '0' : '') + b.toString(16)", 'hex'],
    ['toString(16) alone', '(b) => b.toString(16)', 'hex-unpadded'],
    ['a lookup table', '(b) => HEX[b]', 'unknown'],
  ])('classifies an Array.from mapper with %s', (_label, mapper, encoding) => {
    expect(
      one(`
        const mac = await crypto.subtle.sign('HMAC', key, data);
        const headers = { 'X-GEMINI-SIGNATURE': Array.from(new Uint8Array(mac), ${mapper}).join('') };`).encoding,
    ).toBe(encoding);
  });

  it('follows the bytes a helper returns to the encoding its only caller applies', () => {
    expect(
      one(`
        async function mac(data) { return crypto.subtle.sign('HMAC', key, data); }
        const headers = { 'X-GEMINI-SIGNATURE': Buffer.from(await mac(data)).toString('base64') };`),
    ).toEqual({ library: 'webcrypto', algorithm: undefined, encoding: 'base64', encodingNode: "'base64'", flows: 1 });
  });

  it("treats Buffer.from(text, 'base64') as decoding back to bytes", () => {
    expect(
      one(`
        import crypto from 'crypto';
        const b64 = crypto.createHmac('sha384', s).update(p).digest('base64');
        const headers = { 'X-GEMINI-SIGNATURE': Buffer.from(b64, 'base64').toString('hex') };`),
    ).toMatchObject({ encoding: 'hex', encodingNode: "'hex'", flows: 1 });
    // a second argument that is not the text's encoding leaves the result unknown
    expect(
      one(`
        import crypto from 'crypto';
        const hex = crypto.createHmac('sha384', s).update(p).digest('hex');
        const headers = { 'X-GEMINI-SIGNATURE': Buffer.from(hex, 'utf8').toString('base64') };`),
    ).toMatchObject({ encoding: 'unknown' });
  });

  it('recognises the noble streaming form hmac.create(hash, key).update(msg).digest()', () => {
    const sc = parse(`
      import { hmac } from '@noble/hashes/hmac.js';
      import { sha512 } from '@noble/hashes/sha2.js';
      import { bytesToHex } from '@noble/hashes/utils.js';
      const mac = hmac.create(sha512, key);
      mac.update(msg);
      const headers = { 'X-GEMINI-SIGNATURE': bytesToHex(mac.digest()) };`);
    const [use] = hmacUses(sc);
    expect(use).toMatchObject({ library: 'noble', algorithm: 'sha512', encoding: 'hex' });
    expect(sc.getText(use!.keyNode!)).toBe('key');
    expect(use!.inputNodes.map((n) => sc.getText(n))).toEqual(['msg']);
    expect(signatureFlows(sc)).toHaveLength(1);
  });
});

describe('signatureFlows through returned objects', () => {
  it('follows a signature returned inside an object, destructured or read as a member', () => {
    const code = `
      import crypto from 'crypto';
      function sign(body) {
        const payload = Buffer.from(JSON.stringify(body)).toString('base64');
        return { payload, signature: crypto.createHmac('sha256', secret).update(payload).digest('hex') };
      }
      const { signature } = sign(a);
      const s = sign(b);
      const h1 = { 'X-GEMINI-SIGNATURE': signature };
      const h2 = { 'X-GEMINI-SIGNATURE': s.signature };`;
    const sc = parse(code);
    expect(signatureFlows(sc).map((f) => f.hmac.algorithm)).toEqual(['sha256']);
  });
});
