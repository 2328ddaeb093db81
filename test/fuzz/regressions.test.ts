// Inputs that once broke, or could break, the rules: shrunk fuzz counterexamples go here (see
// harness.ts for how to replay one), next to the deep shapes the analysis layer must walk without
// recursion. Every rule runs on each, through espree and @typescript-eslint/parser.
import { describe, expect, it } from 'vitest';
import { guardedFailures } from '../../src/utils/create-rule.js';
import { assertSaneMessages, lint, parseError } from './harness.js';

const KEY = 'account-vvDeKD5SyFOvL1NHGYbw';

/** `c1 ? (c2 ? name : name) : (…)`, `depth` conditionals deep: a value that is only ever itself. */
function ternaryOfItself(name: string, depth: number): string {
  return depth === 0 ? name : `(c${depth} ? ${ternaryOfItself(name, depth - 1)} : ${ternaryOfItself(name, depth - 1)})`;
}

/** `if (c0) return call; if (c1) return call; …`: `count` returns of the same call. */
function returnsOfItself(call: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `if (c${i}) return ${call};`).join(' ');
}

/** Code nested or chained deeper than any recursive analysis could follow, that the parsers still read. */
const DEEP: Record<string, string> = {
  'a 5,000-term string concatenation': `const GEMINI = 'https://api.gemini.com';\nconst k = ${Array.from({ length: 5000 }, (_, i) => `'p${i}'`).join(' + ')};\nfetch(GEMINI + k);`,
  'a 5,000-deep conditional chain': `const gemini = 1;\nconst v = ${Array.from({ length: 5000 }, (_, i) => `a${i} ? ${i} : `).join('')}0;`,
  'a 2,000-link member chain': `const gemini = '${KEY}';\nconst v = a${'.b'.repeat(2000)};`,
  '3,000 constants each defined by the previous one': `const c0 = 'http://api.gemini.com';\n${Array.from({ length: 3000 }, (_, i) => `const c${i + 1} = c${i} + '';`).join('\n')}\nfetch(c3000 + '/v1/balances', { method: 'GET' });`,
  '3,000 helpers each returning the next one': `${Array.from({ length: 3000 }, (_, i) => `function h${i}(x) { return h${i + 1}(x); }`).join('\n')}\nfunction h3000(x) { return x; }\nconst s = require('crypto').createHmac('sha256', process.env.GEMINI_API_SECRET).update(h0(p)).digest('hex');\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-SIGNATURE': s } });`,
  '500 nested functions': `${'function f() { '.repeat(500)}fetch('https://api.gemini.com/v1/balances', { method: 'GET' })${' }'.repeat(500)}`,
  'a 500-deep object literal payload': `const payload = ${'{ request: "/v1/balances", nonce: Date.now(), x: '.repeat(500)}1${' }'.repeat(500)};\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': Buffer.from(JSON.stringify(payload)).toString('base64') } });`,
  // mutated-fuzz counterexample (seed 20250607): the callee's value is the call itself, which
  // calledFunction followed back into the same call until the stack overflowed (into a guard)
  'a constant that calls itself in a Gemini sender': `function send(payload) {\n  const encoded = encoded(JSON.stringify(payload));\n  return fetch('https://api.gemini.com' + payload.request, { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': encoded } });\n}`,
  'a constant that calls its own method, and two that call each other': `const GEMINI = 'https://api.gemini.com';\nconst h = h.sign(payload);\nconst a = b.make(); const b = a.make();\nconst sig = require('crypto').createHmac('sha384', secret).update(a(h)).digest('hex');\nfetch(GEMINI + '/v1/balances', { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': h, 'X-GEMINI-SIGNATURE': sig } });`,
  // mutated-fuzz counterexample (seed 175505): a payload passed to a helper that passes it to
  // itself; whether the helper could add keys to it was asked again and again, without end
  'a payload passed to a helper that passes it to itself': `function encode(body: object) {\n  return { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': encode(body) };\n  return Buffer.from(JSON.stringify(body)).toString('base64');\n}\nfunction headersFor(body: object) {\n  return { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': encode(body) };\n}\naxios.post('https://api.gemini.com/v1/balances', null, { headers: headersFor({ account: 'primary', nonce: Date.now() }) });`,
  'mutually recursive helpers and self-referencing values': `const gemini = 'https://api.gemini.com';\nfunction ping(n) { return pong(n); }\nfunction pong(n) { return ping(n); }\nlet p = { request: p.request, nonce: p };\nlet c1 = c2; let c2 = c1;\nconst h = {}; h[h] = h;\nfetch(gemini + ping(c1), { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': Buffer.from(JSON.stringify(p)).toString('base64'), 'X-GEMINI-SIGNATURE': ping(h) } });`,
  // self-referential values (a TDZ error at run time, but valid syntax): every use of the value
  // inside its own definition was unrolled down to the depth limit, so each `+`, template hole,
  // spread or alternative multiplied the work of evaluating it (a minute or more per request).
  // A guard cannot catch that; the test's timeout does
  'a URL constant made of itself, sent three times': `const url = url + url;\n${['/v1/balances', '/v1/orders', '/v1/mytrades'].map((p) => `fetch(url + '${p}', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key } });`).join('\n')}`,
  'a helper-local path made of itself, the helper called four times': `function post(path) {\n  const p = \`\${p}\${p}\${p}\${p}\${path}\`;\n  return fetch('https://api.gemini.com' + p, { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': Buffer.from(JSON.stringify({ request: p, nonce: Date.now() })).toString('base64') } });\n}\n${['/v1/withdraw/btc', '/v1/balances', '/v1/orders', '/v1/mytrades'].map((p) => `post('${p}');`).join('\n')}`,
  'headers spread into themselves twice, and an object keyed by its own entries': `const headers = { ...headers, ...headers, 'X-GEMINI-APIKEY': key };\nconst o = { [o.a]: 'https://api.gemini.com', [o.b]: 2, [o.c]: 3, [o.d]: 4 };\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers });\nfetch(o.a + '/v1/orders', { method: 'POST', headers: { ...headers } });\nfetch(o.a + '/v1/mytrades', { method: 'POST', headers: { ...headers } });`,
  'a host chosen between itself and itself, in plain-http URLs': `const host = sandbox ? host : host;\nconst GEMINI = 'api.gemini.com';\n${['/v1/balances', '/v1/orders', '/v1/mytrades', '/v1/notionalvolume', '/v1/tradevolume', '/v1/heartbeat', '/v1/order/status'].map((p) => `fetch(\`http://\${host}${p}\`, { method: 'POST', headers: { 'X-GEMINI-APIKEY': key } });`).join('\n')}`,
  'a client-side signing secret that is only ever itself, used by fifty HMACs': `'use client';\nconst crypto = require('crypto');\nconst secret = ${ternaryOfItself('secret', 6)};\n${Array.from({ length: 50 }, (_, i) => `const sig${i} = crypto.createHmac('sha384', secret).update(payload${i}).digest('hex');`).join('\n')}\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload0, 'X-GEMINI-SIGNATURE': sig0 } });`,
  // helpers that return calls of themselves: each such return was followed down to the depth limit
  'a payload encoder that returns calls of itself': `const crypto = require('crypto');\nfunction encode(p) {\n  ${returnsOfItself('encode(p)', 4)}\n}\nconst payload = encode({ request: '/v1/balances', nonce: Date.now() });\nconst sig = crypto.createHmac('sha384', process.env.GEMINI_API_SECRET).update(payload).digest('hex');\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': sig } });`,
  'a signer that returns calls of itself': `const crypto = require('crypto');\nfunction sign(p) {\n  ${returnsOfItself('sign(p)', 13)}\n  return { signature: crypto.createHmac('sha384', process.env.GEMINI_API_SECRET).update(p).digest('hex') };\n}\nconst { signature } = sign(payload);\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });`,
  'a headers helper that returns calls of itself': `function headers() {\n  ${returnsOfItself('headers()', 8)}\n  return { 'X-GEMINI-APIKEY': key };\n}\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: headers() });`,
  // self-reference fuzz: a name that is a member of Object.prototype was looked up in a plain object
  'an HMAC keyed with a member named constructor': `const crypto = require('crypto');\nconst payload = Buffer.from(JSON.stringify({ request: '/v1/balances', nonce: Date.now() })).toString('base64');\nconst signature = crypto.createHmac('sha384', settings.constructor).update(payload).digest('hex');\nfetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });`,
};

describe('regressions and deep shapes', () => {
  for (const [name, code] of Object.entries(DEEP)) {
    for (const file of ['deep.js', 'deep.ts']) {
      it(`every rule survives ${name} (${file})`, () => {
        const swallowed = guardedFailures.count;
        const messages = lint(code, file);
        // the parser may give up (then there is nothing for a rule to do), but no rule may throw,
        // not even into its own guard (that keeps the run alive but costs findings silently)
        if (!parseError(messages)) assertSaneMessages(messages, code);
        expect(messages.filter((m) => m.fatal && !/^Parsing error/.test(m.message))).toEqual([]);
        expect(guardedFailures.count - swallowed, "throws swallowed by the rules' guards").toBe(0);
      }, 60_000);
    }
  }
});
