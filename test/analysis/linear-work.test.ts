// Every rule and analysis pass must be linear in the file (issue 14). Time is a poor guard on a
// shared machine, so this counts work instead, while all rules (configs.all) lint one file with k
// and with 4k Gemini signing sites:
// - elements read from the scope manager's arrays (each variable's references, each scope's
//   children, variables and references) and from the program body;
// - nodes the analysis walks visit (`walk`), and elements read from the per-file node index
//   (`nodesOfType`) and from the per-file lists of facts (`memoForFile`: HTTP calls, header
//   sinks, payloads, …).
// Linear work grows 4x from k to 4k. The scans this guards against grow 16x: filtering a module
// binding's references at each of its uses, searching the module scope's children (one per
// top-level function) at each look-up, walking the file or all its calls once per call site.
// `npm run bench -- --growth` measures the time of the same kind of file.
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import plugin from '../../src/index.js';
import { ESM_CLIENT_PREAMBLE, GEMINI_PRIVATE_ENDPOINTS } from '../../scripts/growth-corpus.mjs';
import type * as AstUtils from '../../src/analysis/ast-utils.js';
import type * as Memo from '../../src/analysis/memo.js';

const work = { scope: 0, body: 0, walked: 0, indexed: 0, facts: 0 };

vi.mock('../../src/analysis/memo.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Memo>();
  return {
    ...actual,
    // a per-file list (every HTTP call, header sink, payload, …) is cached as a counting proxy
    memoForFile: ((sourceCode, key, compute) =>
      actual.memoForFile(sourceCode, key, () => {
        const value = compute();
        return Array.isArray(value) ? counting(value, 'facts') : value;
      })) as typeof actual.memoForFile,
  };
});

vi.mock('../../src/analysis/ast-utils.js', async (importOriginal) => {
  const actual = await importOriginal<typeof AstUtils>();
  return {
    ...actual,
    walk: (root: Parameters<typeof actual.walk>[0], visit: Parameters<typeof actual.walk>[1]) =>
      actual.walk(root, (node) => {
        work.walked++;
        return visit(node);
      }),
    nodesOfType: ((...args: Parameters<typeof actual.nodesOfType>) => counting(actual.nodesOfType(...args), 'indexed')) as typeof actual.nodesOfType,
  };
});

const INDEX = /^\d+$/;

/** `list` behind a proxy that counts every element read (loops, `filter`, `some`, `find`, …). */
function counting<T extends object>(list: T, counter: keyof typeof work): T {
  return new Proxy(list, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && INDEX.test(prop)) work[counter]++;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

interface ScopeLike {
  childScopes: object;
  variables: { references: object }[];
  references: object;
  through: object;
}

// Runs first (its config object comes before the plugin's), before any gemini-guard rule exists:
// it puts the scope manager's arrays and the program body behind counting proxies.
const probe = {
  rules: {
    count: {
      create(context: { sourceCode: { ast: { body: object }; scopeManager: { scopes: ScopeLike[] } } }) {
        const { ast, scopeManager } = context.sourceCode;
        for (const scope of scopeManager.scopes) {
          for (const variable of scope.variables) variable.references = counting(variable.references, 'scope');
          scope.childScopes = counting(scope.childScopes, 'scope');
          scope.references = counting(scope.references, 'scope');
          scope.through = counting(scope.through, 'scope');
          scope.variables = counting(scope.variables, 'scope');
        }
        ast.body = counting(ast.body, 'body');
        return {};
      },
    },
  },
};

const ENDPOINTS = GEMINI_PRIVATE_ENDPOINTS;

/**
 * A client file with `k` sites of each shape published clients use: a function that signs its own
 * request (module-level key, secret and base URL read at every site; every fifth signs with SHA-256,
 * every seventh sends a fixed nonce), a class method calling the class's one signing method, an
 * exported arrow calling one shared helper, one building its payload with a module-level counter
 * for the nonce, and one sending a module-level headers object.
 */
function clientFile(k: number): string {
  const lines = [
    ...ESM_CLIENT_PREAMBLE,
    'function sign(payload) {',
    "  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');",
    "  return { encoded, signature: crypto.createHmac('sha384', apiSecret).update(encoded).digest('hex') };",
    '}',
    'async function send(path, params) {',
    '  const { encoded, signature } = sign({ request: path, nonce: Date.now(), ...params });',
    "  return fetch(BASE_URL + path, { method: 'POST', headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': signature } });",
    '}',
    "const HEADERS = { 'Content-Type': 'text/plain', 'X-GEMINI-APIKEY': apiKey };",
    'let counter = Date.now();',
    'async function post(payload) {',
    '  const { encoded, signature } = sign(payload);',
    "  return fetch(BASE_URL + payload.request, { method: 'POST', headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': signature } });",
    '}',
  ];
  for (let i = 0; i < k; i++) {
    const path = ENDPOINTS[i % ENDPOINTS.length]!;
    lines.push(
      `export async function privateCall${i}(params = {}) {`,
      `  const payload = { request: '${path}', nonce: ${i % 7 === 0 ? "'1'" : 'Date.now().toString()'}, ...params };`,
      "  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');",
      `  const signature = crypto.createHmac('${i % 5 === 0 ? 'sha256' : 'sha384'}', apiSecret).update(encoded).digest('hex');`,
      `  const response = await axios.post(BASE_URL + '${path}', null, { headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': signature } });`,
      '  return response.data;',
      '}',
      `export const op${i} = (params) => send('${path}', params);`,
      `export const counted${i} = () => post({ request: '${path}', nonce: counter++ });`,
      `export const status${i} = () => fetch(BASE_URL + '${path}', { method: 'POST', headers: HEADERS });`,
    );
  }
  lines.push('export class GeminiClient {', '  constructor(key, secret) { this.key = key; this.secret = secret; }', '  async request(path, params = {}) {');
  lines.push(
    '    const payload = { request: path, nonce: Date.now(), ...params };',
    "    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');",
    "    const signature = crypto.createHmac('sha384', this.secret).update(encoded).digest('hex');",
    "    return axios.post(BASE_URL + path, null, { headers: { 'X-GEMINI-APIKEY': this.key, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': signature } });",
    '  }',
  );
  for (let i = 0; i < k; i++) lines.push(`  method${i}(params) { return this.request('${ENDPOINTS[i % ENDPOINTS.length]!}', params); }`);
  lines.push('}');
  return lines.join('\n');
}

const BASE = { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest' as const, sourceType: 'module' as const } };

function lint(k: number, withProbe: boolean): { findings: string[]; work: typeof work } {
  for (const key of Object.keys(work) as (keyof typeof work)[]) work[key] = 0;
  const probeConfig = { files: ['**/*.js'], plugins: { probe }, rules: { 'probe/count': 'error' as const } };
  const config = [BASE, ...(withProbe ? [probeConfig] : []), plugin.configs.all] as Linter.Config[];
  const messages = new Linter().verify(clientFile(k), config, { filename: 'gemini-client.js' });
  return { findings: messages.map((m) => `${m.ruleId}:${m.line}:${m.column}:${m.message}`), work: { ...work } };
}

describe('work of all rules as the file grows', () => {
  const K = 60;
  let small: ReturnType<typeof lint>;
  let large: ReturnType<typeof lint>;
  beforeAll(() => {
    small = lint(K, true);
    large = lint(4 * K, true);
  });

  it('reports the same with the counting probe as without it (the proxies change nothing)', () => {
    expect(small.findings).toEqual(lint(K, false).findings);
    // the file reports: one SHA-256 HMAC per fifth site, one fixed nonce per seventh
    const expected = (k: number): number => Math.ceil(k / 5) + Math.ceil(k / 7);
    expect([small.findings.length, large.findings.length]).toEqual([expected(K), expected(4 * K)]);
  });

  it.each(Object.keys(work) as (keyof typeof work)[])('grows %s work at most linearly from k to 4k signing sites', (counter) => {
    // every counter measures something in this file
    expect(small.work[counter]).toBeGreaterThan(0);
    // 4x is linear; the margin covers fixed per-file work, not a quadratic pass (16x)
    expect(large.work[counter] / small.work[counter], `${counter}: ${small.work[counter]} at k = ${K}, ${large.work[counter]} at 4k`).toBeLessThanOrEqual(4.5);
  });
});
