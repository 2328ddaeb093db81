import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { carriesSignedRequest, loggerCall } from '../../src/analysis/exposure/index.js';
import { sameCredentialValue, valueKeys } from '../../src/analysis/exposure/credential-values.js';
import { findNodes, parse, type SourceCode } from '../helpers/parse.js';

/** The arguments of every `probe(…)` call, in order. */
function probes(sc: SourceCode): TSESTree.Node[] {
  return findNodes(sc, AST_NODE_TYPES.CallExpression)
    .filter((c) => c.callee.type === AST_NODE_TYPES.Identifier && c.callee.name === 'probe')
    .flatMap((c) => c.arguments);
}

const SIGNED_AXIOS = `
  import axios from 'axios';
  async function send(path, headers) { return axios.post('https://api.gemini.com' + path, null, { headers }); }
  export async function run(payload, sig, key) {
    const headers = { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sig };
    try { await axios.post('https://api.gemini.com/v1/balances', null, { headers }); }
    catch (err) { probe(err, err.config, err.response.config, err.toJSON(), err.message, err.response.status, err.response.data); }
  }`;

describe('carriesSignedRequest', () => {
  it('marks the error of a signed axios request and the parts that hold its config', () => {
    const sc = parse(SIGNED_AXIOS);
    expect(probes(sc).map((p) => carriesSignedRequest(p, sc))).toEqual([true, true, true, true, false, false, false]);
  });

  it('does not mark errors of unsigned or fetch requests', () => {
    const unsigned = parse(SIGNED_AXIOS.replace("{ 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sig }", "{ 'Content-Type': 'text/plain' }"));
    expect(probes(unsigned).map((p) => carriesSignedRequest(p, unsigned))).toEqual([false, false, false, false, false, false, false]);
    const fetched = parse(SIGNED_AXIOS.replace("await axios.post('https://api.gemini.com/v1/balances', null, { headers })", "await fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers })").replace('return axios.post', 'return fetch'));
    expect(probes(fetched).map((p) => carriesSignedRequest(p, fetched))).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('loggerCall redaction', () => {
  const redacts = (setup: string, call = 'log.info({ headers })'): string[] => {
    const sc = parse(`${setup}\n${call};`);
    const node = findNodes(sc, AST_NODE_TYPES.CallExpression).at(-1)!;
    return [...(loggerCall(node, sc)?.redacts ?? [])].sort();
  };

  it('reads pino redact paths that name the headers, or the whole headers object', () => {
    expect(redacts("import pino from 'pino'; const log = pino({ redact: ['req.headers[\"x-gemini-signature\"]', 'req.headers[\"X-GEMINI-APIKEY\"]'] });")).toEqual(['apiKey', 'signature']);
    expect(redacts("import pino from 'pino'; const log = pino({ redact: { paths: ['config.headers.*'] } }).child({ svc: 'bot' });")).toEqual(['apiKey', 'payload', 'signature']);
    expect(redacts("import pino from 'pino'; const PATHS = ['password']; const log = pino({ redact: PATHS });")).toEqual([]);
  });

  it('reads winston formats that delete the headers, also through a const', () => {
    expect(redacts("import winston from 'winston'; const strip = winston.format((info) => { delete info.headers; return info; }); const log = winston.createLogger({ format: winston.format.combine(strip(), winston.format.json()) });")).toEqual(['apiKey', 'payload', 'signature']);
    expect(redacts("import { createLogger, format } from 'winston'; const log = createLogger({ format: format((i) => { i['x-gemini-signature'] = '[redacted]'; return i; })() });")).toEqual(['signature']);
    expect(redacts("import winston from 'winston'; const log = winston.createLogger({ format: winston.format.json() });")).toEqual([]);
  });

  it('says pino, winston and bunyan write JSON and console does not', () => {
    const sc = parse("import pino from 'pino'; const log = pino(); log.info({ a: 1 }); console.log({ a: 1 });");
    const [pinoCall, consoleCall] = findNodes(sc, AST_NODE_TYPES.CallExpression).slice(-2);
    expect(loggerCall(pinoCall!, sc)?.json).toBe(true);
    expect(loggerCall(consoleCall!, sc)?.json).toBeUndefined();
  });
});

describe('valueKeys', () => {
  it('shares a key exactly when sameCredentialValue says two expressions are the same value', () => {
    const sc = parse(`
      const k = process.env.GEMINI_API_KEY;
      const alias = k;
      class C { constructor(private secret: string) {} m(opts: { auth: { key: string } }, other: { auth: { key: string } }) { probe(this.secret, this.secret, opts.auth.key, opts.auth.key, opts, other.auth.key, k, alias, process.env.GEMINI_API_KEY, process.env.OTHER, String(k), k.trim()); } }`);
    const nodes = probes(sc);
    for (const a of nodes) {
      for (const b of nodes) {
        const ka = new Set(valueKeys(a, sc));
        const shared = valueKeys(b, sc).some((k) => ka.has(k));
        expect([sc.getText(a), sc.getText(b), shared]).toEqual([sc.getText(a), sc.getText(b), sameCredentialValue(a, b, sc)]);
      }
    }
  });
});
