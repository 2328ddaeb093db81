// The scanner's lint workers, as the BUILT scanner runs them (the worker is a compiled module: run
// from the TypeScript sources, the scanner lints in its own thread and has no pool).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type * as WorkerThreads from 'node:worker_threads';
import type * as PoolModule from '../../src/scanner/detectors/lint-pool.js';
import type * as ScanModule from '../../src/scanner/scan.js';
import type * as RulesModule from '../../src/scanner/detectors/eslint-rules.js';
import type * as ScannerRulesModule from '../../src/scanner/rules.js';

const { createLintPool } = (await import('../../dist/scanner/detectors/lint-pool.js' as string)) as typeof PoolModule;
const { lintWithRules } = (await import('../../dist/scanner/detectors/eslint-rules.js' as string)) as typeof RulesModule;
const { effectiveRules, pluginRuleSettings } = (await import('../../dist/scanner/rules.js' as string)) as typeof ScannerRulesModule;

const RULES = pluginRuleSettings(effectiveRules());

const UNSIGNED = `import axios from 'axios';
export async function balances() {
  return axios.post('https://api.gemini.com/v1/balances', {});
}
`;
const INSECURE = "fetch('http://api.gemini.com/v1/symbols');\n";
// ESLint's traversal runs out of stack on this member chain: linting throws a RangeError
const DEEP = `const gemini = 'https://api.gemini.com';\nconst v = a${'.b'.repeat(60_000)};\n`;

function pool(size: number, limits?: { heapMb?: number; whileReading?: number; memoryBudgetMb?: number; backlogBytes?: number }) {
  const created = createLintPool(size, RULES, limits);
  if (!created) throw new Error('the built worker is missing: run npm run build');
  onTestFinished(() => created.close());
  return created;
}

describe('lint worker pool', () => {
  it('answers with what linting in this thread gives, fixes included', async () => {
    const workers = pool(2);
    for (const [name, text] of [['client.js', UNSIGNED], ['insecure.ts', INSECURE]] as const) {
      for (const fix of [false, true]) {
        const reply = await workers.lint({ name, text, rules: RULES, options: { fix } });
        expect(reply.outcome).toEqual(lintWithRules(name, text, RULES, { fix }));
      }
    }
    const fixed = await workers.lint({ name: 'insecure.ts', text: INSECURE, rules: RULES, options: { fix: true } });
    expect(fixed.outcome?.fixedText).toBe("fetch('https://api.gemini.com/v1/symbols');\n");
  });

  it('sends back what linting threw, by name, and goes on with the next file', async () => {
    const workers = pool(2);
    const [deep, next] = await Promise.all([
      workers.lint({ name: 'deep.js', text: DEEP, rules: RULES, options: {} }),
      workers.lint({ name: 'client.js', text: UNSIGNED, rules: RULES, options: {} }),
    ]);
    expect(deep.error?.name).toBe('RangeError');
    expect(next.outcome?.findings.map((f) => f.ruleId)).toEqual(['gemini-guard/no-unsigned-private-request']);
  });

  it('rejects the jobs of a worker that ran out of memory, and answers later jobs from a fresh worker', async () => {
    // room for ESLint and the rules, not for the syntax tree of a 4 MB file
    const workers = pool(2, { heapMb: 64 });
    const big = `${UNSIGNED}\nexport const values = [${Array.from({ length: 400_000 }, (_, i) => `{ a: ${i} }`).join(',')}];\n`;
    await expect(workers.lint({ name: 'big.js', text: big, rules: RULES, options: {} })).rejects.toThrow();
    const reply = await workers.lint({ name: 'client.js', text: UNSIGNED, rules: RULES, options: {} });
    expect(reply.outcome?.findings).toHaveLength(1);
  });

  it('stops replacing workers that cannot even start, and rejects every job (the main thread lints them)', async () => {
    // too small a heap to load ESLint: every worker dies at start
    const workers = pool(2, { heapMb: 2 });
    const jobs = Array.from({ length: 12 }, () => workers.lint({ name: 'client.js', text: UNSIGNED, rules: RULES, options: {} }));
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((s) => s.status)).toEqual(Array.from({ length: 12 }, () => 'rejected'));
    await expect(workers.lint({ name: 'client.js', text: UNSIGNED, rules: RULES, options: {} })).rejects.toThrow(/keep failing/);
  });

  it('leaves a core to the reading main thread, and grows to its full size once reading is done', async () => {
    // any backlog is enough to grow, here
    const workers = pool(2, { whileReading: 1, memoryBudgetMb: Number.POSITIVE_INFINITY, backlogBytes: 1 });
    const first = Array.from({ length: 4 }, () => workers.lint({ name: 'client.js', text: UNSIGNED, rules: RULES, options: {} }));
    expect(workers.threads()).toBe(1);
    workers.doneReading();
    expect(workers.threads()).toBe(2);
    const replies = await Promise.all(first);
    expect(replies.map((r) => r.outcome?.findings.length)).toEqual([1, 1, 1, 1]);
  });

  it('does not grow after reading beyond the memory budget', async () => {
    const workers = pool(2, { whileReading: 1, memoryBudgetMb: 1, backlogBytes: 1 });
    const jobs = Array.from({ length: 4 }, () => workers.lint({ name: 'client.js', text: UNSIGNED, rules: RULES, options: {} }));
    workers.doneReading();
    expect(workers.threads()).toBe(1);
    expect((await Promise.all(jobs)).map((r) => r.outcome?.findings.length)).toEqual([1, 1, 1, 1]);
  });

  it('prestarts one worker before any job, which the first jobs then use', async () => {
    const workers = pool(2, { whileReading: 1 });
    expect(workers.threads()).toBe(0);
    workers.prestart();
    workers.prestart();
    expect(workers.threads()).toBe(1);
    const reply = await workers.lint({ name: 'client.js', text: UNSIGNED, rules: RULES, options: {} });
    expect(workers.threads()).toBe(1);
    expect(reply.outcome?.findings.map((f) => f.ruleId)).toEqual(['gemini-guard/no-unsigned-private-request']);
  });

  it('lets the process exit with a prestarted worker that got no job (a scan with nothing to lint)', () => {
    const script = `const { createLintPool } = await import(${JSON.stringify(new URL('../../dist/scanner/detectors/lint-pool.js', import.meta.url).href)});
const workers = createLintPool(2, {});
workers.prestart();
process.stdout.write(String(workers.threads()));`;
    // from a file, as the CLI runs (run with -e, the process exited even with a referenced worker)
    const dir = mkdtempSync(join(tmpdir(), 'gemini-guard-pool-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'prestart.mjs');
    writeFileSync(file, script);
    const started = Date.now();
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
    expect(out).toBe('1');
    // an idle worker that held the event loop would keep the process alive until the timeout
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('is prestarted by a scan that lists 64 or more code files, and not for fewer; before the listing for a large tree', async () => {
    const { scanProject, workingTreeSource } = (await import('../../dist/scanner/scan.js' as string)) as typeof ScanModule;
    const original = process.getBuiltinModule.bind(process);
    let spawned = 0;
    // count the workers the pool constructs (it takes the Worker class from node:worker_threads on first use)
    process.getBuiltinModule = ((id: string) => {
      const module = original(id) as typeof WorkerThreads;
      if (id !== 'node:worker_threads') return module;
      class CountedWorker extends module.Worker {
        constructor(...args: ConstructorParameters<typeof module.Worker>) {
          super(...args);
          spawned++;
        }
      }
      return { ...module, Worker: CountedWorker };
    }) as typeof process.getBuiltinModule;
    onTestFinished(() => {
      process.getBuiltinModule = original;
    });
    for (const [files, workers] of [[63, 0], [64, 1]] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'gemini-guard-prestart-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      for (let i = 0; i < files; i++) writeFileSync(join(dir, `m${i}.js`), `export const m${i} = ${i};\n`);
      spawned = 0;
      const result = await scanProject({ cwd: dir, paths: [], jobs: 2 });
      expect(result.stats.filesSeen).toBe(files);
      // no file mentions Gemini: any worker here is the prestarted one
      expect(spawned, `${files} files`).toBe(workers);
    }
    // a provider that expects a large tree gets its worker before it lists (one, not two), and
    // one that does not, only after
    for (const listsMany of [true, false]) {
      const dir = mkdtempSync(join(tmpdir(), 'gemini-guard-prestart-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      for (let i = 0; i < 64; i++) writeFileSync(join(dir, `m${i}.js`), `export const m${i} = ${i};\n`);
      spawned = 0;
      let spawnedBeforeListing = -1;
      const source = workingTreeSource({ cwd: dir, paths: [] });
      const provider = {
        ...source,
        listsMany: () => listsMany,
        list: () => {
          spawnedBeforeListing = spawned;
          return source.list();
        },
      };
      await scanProject({ cwd: dir, paths: [], jobs: 2, provider });
      expect({ listsMany, spawnedBeforeListing, spawned }).toEqual({ listsMany, spawnedBeforeListing: listsMany ? 1 : 0, spawned: 1 });
    }
  });

  it('rejects queued jobs on close', async () => {
    const workers = pool(2);
    const jobs = Array.from({ length: 6 }, () => workers.lint({ name: 'client.js', text: UNSIGNED, rules: RULES, options: {} }));
    workers.close();
    const settled = await Promise.allSettled(jobs);
    expect(settled.some((s) => s.status === 'rejected')).toBe(true);
  });
});
