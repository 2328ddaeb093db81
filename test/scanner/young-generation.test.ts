// The CLI's process keeps V8's young generation at a steady size (src/bin/young-generation.ts):
// the built bin's flags, and lint workers that set the growth factor again after V8 reset it for
// their heap. Each case runs in a fresh Node process, as the CLI does.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/**
 * Sets the bin's flags, starts a lint pool (`steady` or not) and lints a file with it, then keeps
 * ~400k small objects alive: the main thread's new space grows under that unless the growth factor
 * is 1. Prints whether the flags were set and the new space's size in MB.
 */
const SCRIPT = `
const young = require(${JSON.stringify(`${dist}bin/young-generation.js`)});
const v8 = require('node:v8');
(async () => {
  const set = young.keepYoungGenerationSteady();
  const { createLintPool } = await import(${JSON.stringify(`${dist}scanner/detectors/lint-pool.js`)});
  const { effectiveRules, pluginRuleSettings } = await import(${JSON.stringify(`${dist}scanner/rules.js`)});
  const rules = pluginRuleSettings(effectiveRules());
  const pool = createLintPool(2, rules, { steadyYoungGeneration: process.argv[1] === 'steady' });
  const reply = await pool.lint({ name: 'client.js', text: "fetch('http://api.gemini.com/v1/symbols');\\n", rules, options: {} });
  const keep = [];
  for (let i = 0; i < 400000; i++) keep.push({ i, name: 'x' + i });
  const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20;
  pool.close();
  console.log(JSON.stringify({ set, findings: reply.outcome.findings.length, kept: keep.length, newSpace }));
})();
`;

function run(mode: 'steady' | 'default', nodeOptions?: string): { set: boolean; findings: number; kept: number; newSpace: number } {
  const env = { ...process.env, NODE_OPTIONS: nodeOptions ?? '' };
  return JSON.parse(execFileSync(process.execPath, ['-e', SCRIPT, mode], { encoding: 'utf8', env })) as ReturnType<typeof run>;
}

describe('steady young generation (the CLI process)', () => {
  it.runIf(/^11\./.test(process.versions.v8))('stays at its size in the main thread after a lint worker started, when the pool is told so', () => {
    const steady = run('steady');
    expect(steady).toMatchObject({ set: true, findings: 1, kept: 400_000 });
    expect(steady.newSpace).toBeLessThanOrEqual(8);
    // without it the worker's heap set-up raised the factor again, and the same allocations grow it
    const grown = run('default');
    expect(grown).toMatchObject({ set: true, findings: 1, kept: 400_000 });
    expect(grown.newSpace).toBeGreaterThan(8);
  });

  it.runIf(/^11\./.test(process.versions.v8))('leaves a young generation sized in NODE_OPTIONS as it was set', () => {
    const sized = run('default', '--max-semi-space-size=4');
    expect(sized).toMatchObject({ set: false, findings: 1, kept: 400_000 });
    // V8's own growth, up to the 4 MB semi-spaces asked for (two of them)
    expect(sized.newSpace).toBe(8);
  });

  it.runIf(!/^11\./.test(process.versions.v8))('sets nothing on another V8 (its flags may not exist there)', () => {
    expect(run('steady').set).toBe(false);
  });
});
