import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { signatureHmacFlows, signingKeyProblem, valueOnlyReachesHeader } from '../../src/analysis/signing/index.js';
import { findNode, parse } from '../helpers/parse.js';

const signer = (key: string, after = '') =>
  parse(`
    import { createHash, createHmac } from 'crypto';
    declare const config: { kraken: { apiSecret: string }; gemini: { apiSecret: string } };
    export function headers(apiKey: string, apiSecret: string, payload: string) {
      const sig = createHmac('sha384', ${key}).update(payload).digest('hex');${after}
      return { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sig };
    }`);

const problemOf = (key: string) => {
  const sc = signer(key);
  const [flow] = signatureHmacFlows(sc);
  const problem = flow?.hmac.keyNode ? signingKeyProblem(flow.hmac.keyNode, sc) : undefined;
  return problem ? { ...problem, node: undefined } : undefined;
};

describe('signingKeyProblem', () => {
  it.each([
    ["Buffer.from(apiSecret, 'base64')", { kind: 'transformed', how: 'base64-decoded' }],
    ["Buffer.from(apiSecret, 'hex')", { kind: 'transformed', how: 'hex-decoded' }],
    ['Uint8Array.from(atob(apiSecret), (c) => c.charCodeAt(0))', { kind: 'transformed', how: 'base64-decoded' }],
    ["createHash('sha256').update(apiSecret).digest()", { kind: 'transformed', how: 'hashed' }],
    ['config.kraken.apiSecret', { kind: 'other-exchange', name: 'config.kraken.apiSecret', exchange: 'Kraken' }],
    ['process.env.COINBASE_API_SECRET!', { kind: 'other-exchange', name: 'COINBASE_API_SECRET', exchange: 'Coinbase' }],
    ["Buffer.from(process.env.GEMINI_API_SECRET ?? '', 'base64')", { kind: 'transformed', how: 'base64-decoded' }],
  ])('reports %s', (key, expected) => {
    expect(problemOf(key)).toEqual({ ...expected, node: undefined });
  });

  it.each([
    'apiSecret',
    "Buffer.from(apiSecret, 'utf8')",
    'new TextEncoder().encode(apiSecret.trim())',
    "Buffer.from(process.env.GEMINI_SECRET_B64!, 'base64')",
    "Buffer.from(process.env.GEMINI_API_SECRET_HEX ?? '', 'hex')",
    'config.gemini.apiSecret',
    "Buffer.from(apiKey, 'base64')",
  ])('accepts %s', (key) => {
    expect(problemOf(key)).toBeUndefined();
  });
});

describe('valueOnlyReachesHeader', () => {
  it('is true when the signature goes to the header alone', () => {
    const sc = signer('apiSecret');
    const [flow] = signatureHmacFlows(sc);
    expect(valueOnlyReachesHeader(flow!.hmac.outputNode, flow!, sc)).toBe(true);
  });

  it('is false when the signature is also recorded or returned elsewhere', () => {
    for (const after of ['\n      audit.record(sig);', '\n      cache.set(payload, sig);', '\n      if (sig === last) throw new Error();']) {
      const sc = signer('apiSecret', after);
      const [flow] = signatureHmacFlows(sc);
      expect(valueOnlyReachesHeader(flow!.hmac.outputNode, flow!, sc)).toBe(false);
    }
  });

  it("follows a helper's return value to each caller", () => {
    const sc = parse(`
      import { createHmac } from 'crypto';
      function sign(secret: string, payload: string) { return createHmac('sha384', secret).update(payload).digest('base64'); }
      export const a = (s: string, p: string) => ({ 'X-GEMINI-PAYLOAD': p, 'X-GEMINI-SIGNATURE': sign(s, p) });
      export const b = (s: string, p: string) => { const sig = sign(s, p); log(sig); return { 'X-GEMINI-SIGNATURE': sig }; };`);
    const [flow] = signatureHmacFlows(sc);
    const digest = findNode(sc, AST_NODE_TYPES.CallExpression, "createHmac('sha384', secret).update(payload).digest('base64')");
    expect(valueOnlyReachesHeader(digest, flow!, sc)).toBe(false);
  });
});
