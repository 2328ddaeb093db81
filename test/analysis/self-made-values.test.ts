// Values made of the value before them, twice over (`const a2 = a1 + a1; const a3 = a2 + a2; …`),
// and helpers that return themselves from many branches: unrolled, each line doubles the work (or
// multiplies it by the number of branches), so twenty lines took minutes. Each value and node is
// now evaluated once per depth (values/reentry.ts `onceUnlessCut`, exposure/carried.ts). Time is a
// poor guard on a shared machine, so this counts work: the nodes the analysis unwraps (`unwrap`,
// called by every step that follows a value), while all rules (configs.all) lint a file of n and
// of 2n such lines. Linear work doubles; the doubling this guards against grows 2^n-fold.
import { Linter } from 'eslint';
import { describe, expect, it, vi } from 'vitest';
import plugin from '../../src/index.js';
import type * as AstUtils from '../../src/analysis/ast-utils.js';
import { concatStatic, MAX_STATIC_LENGTH } from '../../src/analysis/values/values.js';
import { HOLE } from '../../src/gemini/paths.js';

const work = { unwrapped: 0 };

vi.mock('../../src/analysis/ast-utils.js', async (importOriginal) => {
  const actual = await importOriginal<typeof AstUtils>();
  return {
    ...actual,
    unwrap: ((node: Parameters<typeof actual.unwrap>[0]) => {
      work.unwrapped++;
      return actual.unwrap(node);
    }) as typeof actual.unwrap,
  };
});

const PREAMBLE = [
  "import crypto from 'node:crypto';",
  'const key = process.env.GEMINI_API_KEY;',
  'const secret = process.env.GEMINI_API_SECRET;',
  'const flag = Math.random() > 0.5;',
];

/** Each line's value, from the previous line's name. */
const DOUBLING: Record<string, (previous: string) => string> = {
  'a + a': (p) => `${p} + ${p}`,
  'a template of a twice': (p) => '`${' + p + '}/${' + p + '}`',
  'a.concat(a)': (p) => `${p}.concat(${p})`,
  '[a, a].join()': (p) => `[${p}, ${p}].join('/')`,
  'a ternary on both sides of a +': (p) => `(flag ? ${p} : 'x') + (flag ? 'y' : ${p})`,
};

/** n constants, each made of the one before twice; the last is sent to Gemini, also through a helper. */
function doublingFile(shape: (previous: string) => string, n: number): string {
  const lines = [...PREAMBLE, "const a0 = 'https://api.gemini.com/v1/';"];
  for (let i = 1; i <= n; i++) lines.push(`const a${i} = ${shape(`a${i - 1}`)};`);
  lines.push(
    "function url(path) { return 'https://api.gemini.com' + path; }",
    `fetch(a${n}, { method: 'POST', headers: { 'X-GEMINI-APIKEY': key } });`,
    `fetch(url(a${n}), { method: 'POST' });`,
  );
  return lines.join('\n');
}

/** n objects, each spreading the one before twice; the last is the payload of a signed request. */
function spreadingFile(n: number): string {
  const lines = [...PREAMBLE, "const o0 = { request: '/v1/balances', nonce: Date.now() };"];
  for (let i = 1; i <= n; i++) lines.push(`const o${i} = { ...o${i - 1}, ...o${i - 1} };`);
  lines.push(
    `const encoded = Buffer.from(JSON.stringify(o${n})).toString('base64');`,
    "const signature = crypto.createHmac('sha384', secret).update(encoded).digest('hex');",
    "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': signature } });",
  );
  return lines.join('\n');
}

/** A helper returning itself from n branches, and its Gemini headers at the end; logged and sent. */
function selfReturningFile(n: number): string {
  const lines = [...PREAMBLE, 'function headers(x) {'];
  for (let i = 0; i < n; i++) lines.push(`  if (x === ${i}) return headers(x + 1);`);
  lines.push(
    "  return { 'X-GEMINI-APIKEY': key };",
    '}',
    'console.log(headers(0));',
    "fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: headers(1) });",
  );
  return lines.join('\n');
}

function lint(code: string): { work: number; findings: string[] } {
  work.unwrapped = 0;
  const config = [{ files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest' as const, sourceType: 'module' as const } }, plugin.configs.all] as Linter.Config[];
  const messages = new Linter().verify(code, config, { filename: 'self-made.js' });
  return { work: work.unwrapped, findings: messages.map((m) => `${m.ruleId}:${m.line}`) };
}

const N = 8;

describe('values made of themselves twice over', () => {
  it.each(Object.entries(DOUBLING))('evaluates each of n constants built as `%s` once: twice the lines, about twice the work', (_name, shape) => {
    const small = lint(doublingFile(shape, N));
    const large = lint(doublingFile(shape, 2 * N));
    expect(small.work).toBeGreaterThan(0);
    // linear is 2x; unrolled, 2N lines are 2^N times the work of N
    expect(large.work / small.work, `${small.work} unwrapped at n = ${N}, ${large.work} at 2n`).toBeLessThanOrEqual(3);
  });

  it('lists each of n objects spreading the one before twice once', () => {
    const small = lint(spreadingFile(N));
    const large = lint(spreadingFile(2 * N));
    expect(large.work / small.work, `${small.work} unwrapped at n = ${N}, ${large.work} at 2n`).toBeLessThanOrEqual(3);
    // the payload is still followed through all the spreads: its request matches the URL, so nothing is reported
    expect(large.findings).toEqual([]);
  });

  it('looks at a helper returning itself from n branches once per depth, and still finds its headers', () => {
    const small = lint(selfReturningFile(N));
    const large = lint(selfReturningFile(2 * N));
    // 2n branches at each of four levels were (2n)^4 look-ups: 16 times those of n
    expect(large.work / small.work, `${small.work} unwrapped at n = ${N}, ${large.work} at 2n`).toBeLessThanOrEqual(3);
    expect(large.findings).toContain(`gemini-guard/no-credential-logging:${2 * N + 8}`);
  });

  it('follows a concatenation up to 64 KiB: what comes after is unknown', () => {
    const half = 'x'.repeat(MAX_STATIC_LENGTH / 2 + 1);
    const joined = concatStatic([{ text: half, complete: true }, { text: half, complete: true }]);
    expect(joined).toEqual({ text: 'x'.repeat(MAX_STATIC_LENGTH) + HOLE, complete: false });
    expect(concatStatic([{ text: 'x'.repeat(MAX_STATIC_LENGTH / 2), complete: true }, { text: 'y'.repeat(MAX_STATIC_LENGTH / 2), complete: true }]).complete).toBe(true);
    // 20 doublings of 26 characters are 27 MB: linted in well under the 5 s a test may take
    expect(lint(doublingFile(DOUBLING['a + a']!, 20)).findings).toEqual([]);
  });
});
