// Loads the BUILT package (dist/) the way users do — through a real flat config on ESLint 10 (the
// `eslint` devDependency) and ESLint 9 (`eslint-v9`, an npm alias) — and runs the demo on the
// bundled example. `npm run build` must have run first (CI builds before testing).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, fatalMessages, lintExample, type ESLintClass } from '../../scripts/demo.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  exports: Record<string, string | Record<string, string>>;
};

// Fail loudly, not skip: a missing build would otherwise pass silently.
if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'signer', 'index.js'))) {
  throw new Error('dist/ is missing: run `npm run build` before `npm test` (the integration tests load the built package).');
}

interface LoadedPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, { meta: { docs?: { recommended?: string | false } } }>;
  configs: Record<string, { name?: string; plugins?: Record<string, unknown>; rules?: Record<string, unknown> }>;
}

const FIXTURE = join(root, 'test', 'fixtures', 'built-plugin');

const versions: [string, ESLintClass & { version: string }][] = [
  ['ESLint 10', ESLint10 as unknown as ESLintClass & { version: string }],
  ['ESLint 9', ESLint9 as unknown as ESLintClass & { version: string }],
];

describe('package exports', () => {
  it('resolves the package name to dist/index.js and the signer subpath to dist/signer/index.js', () => {
    expect(require.resolve(pkg.name)).toBe(join(root, 'dist', 'index.js'));
    expect(require.resolve(`${pkg.name}/signer`)).toBe(join(root, 'dist', 'signer', 'index.js'));
  });

  it('points every export condition at a file that exists', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const files = typeof target === 'string' ? [target] : Object.values(target);
      for (const file of files) expect(existsSync(join(root, file)), `${subpath} → ${file}`).toBe(true);
    }
  });

  it('exposes createGeminiSigner from eslint-plugin-gemini-guard/signer, reproducing Gemini\'s published vector', async () => {
    const signer = (await import(pathToFileURL(require.resolve(`${pkg.name}/signer`)).href)) as {
      createGeminiSigner: (o: { apiKey: string; apiSecret: string; nonce?: { kind: string; next(): number } }) => {
        sign(path: string, params?: Record<string, unknown>): { headers: Record<string, string>; payload: Record<string, unknown> };
      };
      signPayload: (payloadText: string, apiSecret: string) => { payloadBase64: string; signature: string };
    };
    expect(typeof signer.createGeminiSigner).toBe('function');
    const vector = '{\n    "request": "/v1/order/status",\n    "nonce": 123456,\n\n    "order_id": 18834\n}\n';
    expect(signer.signPayload(vector, '1234abcd').signature).toBe(
      '337cc8b4ea692cfe65b4a85fcc9f042b2e3f702ac956fd098d600ab15705775017beae402be773ceee10719ff70d710f',
    );
    const { headers } = signer
      .createGeminiSigner({ apiKey: 'mykey', apiSecret: '1234abcd', nonce: { kind: 'incremental', next: () => 123456 } })
      .sign('/v1/order/status', { order_id: 18834 });
    expect(headers['X-GEMINI-APIKEY']).toBe('mykey');
    expect(headers['X-GEMINI-SIGNATURE']).toMatch(/^[0-9a-f]{96}$/);
  });
});

describe.each(versions)('the built plugin on %s', (_label, ESLint) => {
  let eslint: InstanceType<ESLintClass> & { calculateConfigForFile(file: string): Promise<{ plugins: Record<string, LoadedPlugin> }> };
  let plugin: LoadedPlugin;

  beforeAll(async () => {
    eslint = new ESLint({ cwd: FIXTURE, overrideConfigFile: join(FIXTURE, 'eslint.config.js') }) as typeof eslint;
    const config = await eslint.calculateConfigForFile('ticker.js');
    plugin = config.plugins['gemini-guard']!;
  });

  it('runs on the expected ESLint major', () => {
    expect(ESLint.version.split('.')[0]).toBe(_label === 'ESLint 9' ? '9' : '10');
  });

  it('loads the plugin with its meta', () => {
    expect(plugin.meta).toEqual({ name: 'eslint-plugin-gemini-guard', version: pkg.version, namespace: 'gemini-guard' });
  });

  it('ships recommended, strict and all configs that register the plugin itself', () => {
    const ruleIds = Object.keys(plugin.rules);
    expect(ruleIds.length).toBeGreaterThan(0);
    for (const name of ['recommended', 'strict', 'all']) {
      const config = plugin.configs[name];
      expect(config, name).toBeDefined();
      expect(config?.plugins?.['gemini-guard']).toBe(plugin);
      for (const ruleName of Object.keys(config?.rules ?? {})) {
        expect(ruleIds).toContain(ruleName.replace(/^gemini-guard\//, ''));
      }
    }
    expect(Object.keys(plugin.configs.all?.rules ?? {}).sort()).toEqual(ruleIds.map((id) => `gemini-guard/${id}`).sort());
    const recommended = ruleIds.filter((id) => plugin.rules[id]?.meta.docs?.recommended);
    expect(Object.keys(plugin.configs.recommended?.rules ?? {}).sort()).toEqual(recommended.map((id) => `gemini-guard/${id}`).sort());
  });

  it('reports a fault in a .js file parsed by espree', async () => {
    const [result] = await eslint.lintFiles(['ticker.js']);
    expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
    expect(result?.messages.filter((m) => m.ruleId === 'gemini-guard/no-insecure-transport').map(({ ruleId, line, column, severity }) => ({ ruleId, line, column, severity }))).toEqual([
      { ruleId: 'gemini-guard/no-insecure-transport', line: 2, column: 35, severity: 2 },
    ]);
  });

  it('reports faults in a .ts file parsed by @typescript-eslint/parser', async () => {
    const [result] = await eslint.lintFiles(['dashboard.ts']);
    expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
    const ours = new Set(['gemini-guard/no-insecure-transport', 'gemini-guard/no-client-side-credentials']);
    expect(result?.messages.filter((m) => ours.has(m.ruleId ?? '')).map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'gemini-guard/no-client-side-credentials', line: 2, column: 24 },
      { ruleId: 'gemini-guard/no-insecure-transport', line: 3, column: 46 },
    ]);
  });
});

describe.each(versions)('npm run demo on %s', (_label, ESLint) => {
  it('lints the example with every rule of the plugin reporting at least once, and prints no secret', async () => {
    const { eslint, results } = await lintExample({ ESLint });
    expect(fatalMessages(results)).toEqual([]);
    expect(results.every((r) => r.filePath.startsWith(EXAMPLE_DIR))).toBe(true);

    const plugin = (await import(pathToFileURL(require.resolve(pkg.name)).href)) as { default: LoadedPlugin };
    const found = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    const silent = Object.keys(plugin.default.rules)
      .map((id) => `gemini-guard/${id}`)
      .filter((id) => !found.has(id));
    expect(silent, 'rules with no finding on examples/vulnerable-bot').toEqual([]);

    const text = await (await eslint.loadFormatter('stylish')).format(results);
    const exampleSources = readFileSync(join(EXAMPLE_DIR, 'src', 'config.js'), 'utf8');
    const planted = [...exampleSources.matchAll(/'((?:account|master)-[0-9A-Za-z]{20}|[0-9A-Za-z]{26,28})'/g)].map((m) => m[1]!);
    expect(planted.length).toBeGreaterThanOrEqual(2);
    for (const secret of planted) expect(text).not.toContain(secret);

    // the example's README names each planted fault as `file:line` → rule; each must be found there
    const readme = readFileSync(join(EXAMPLE_DIR, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([^`]+):(\d+)` \| `([a-z-]+)` \|/gm)].map((m) => ({ file: m[1]!, line: Number(m[2]), ruleId: `gemini-guard/${m[3]!}` }));
    expect(rows.length).toBeGreaterThanOrEqual(Object.keys(plugin.default.rules).length);
    const reported = results.flatMap((r) =>
      r.messages.map((m) => ({ file: r.filePath.slice(EXAMPLE_DIR.length + 1).split('\\').join('/'), line: m.line, ruleId: m.ruleId })),
    );
    const missing = rows.filter((row) => !reported.some((f) => f.file === row.file && f.line === row.line && f.ruleId === row.ruleId));
    expect(missing, 'README rows of examples/vulnerable-bot without a finding at that line').toEqual([]);
  });
});
