import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run new-rule <id>` (scripts/new-rule.mjs): run for real into a copy of the repository, whose
// new files must type-check against the real sources and carry the sections the package and
// docs-examples tests look for.
const ROOT = join(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'scripts', 'new-rule.mjs');
const ID = 'no-scaffolded-example';

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('new-rule scaffold', () => {
  it('prints the three files in dry-run mode and writes nothing', () => {
    const { status, stdout } = run([ID, '--dry-run']);
    expect(status).toBe(0);
    expect(stdout).toContain(`--- src/rules/${ID}.ts`);
    expect(stdout).toContain(`--- test/rules/${ID}.test.ts`);
    expect(stdout).toContain(`--- docs/rules/${ID}.md`);
    expect(existsSync(join(ROOT, 'src', 'rules', `${ID}.ts`))).toBe(false);
  });

  it('exits 2 on an id that is not kebab-case, a missing id or a rule that exists', () => {
    for (const args of [['NoFoo'], [], ['valid-nonce'], ['a', 'b']]) {
      const { status, stderr } = run([...args, '--dry-run']);
      expect(status).toBe(2);
      expect(stderr).toMatch(/usage|exists already/);
    }
  });

  describe('into a copy of the repository', () => {
    let copy: string;
    let output: string;

    beforeAll(() => {
      copy = mkdtempSync(join(tmpdir(), 'gemini-guard-scaffold-'));
      for (const path of ['src', 'scripts', 'docs/rules', 'test/rules', 'test/setup.ts', 'tsconfig.json', 'package.json']) {
        cpSync(join(ROOT, path), join(copy, path), { recursive: true });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
      const result = spawnSync(process.execPath, [SCRIPT, ID, '--root', copy], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      output = result.stdout;
    });

    afterAll(() => {
      if (copy) rmSync(copy, { recursive: true, force: true });
    });

    it('writes the rule, its test and its doc, and registers the rule', () => {
      expect(output).toContain(`wrote src/rules/${ID}.ts`);
      const registry = readFileSync(join(copy, 'src', 'rules', 'index.ts'), 'utf8');
      expect(registry).toContain(`import noScaffoldedExample from './${ID}.js';`);
      expect(registry).toContain(`'${ID}': noScaffoldedExample,`);
      const check = spawnSync(process.execPath, [join(copy, 'scripts', 'generate-registry.mjs'), '--check'], { encoding: 'utf8' });
      expect(check.status).toBe(0);
    });

    it('writes a doc with the header marker and the sections the docs tests read', () => {
      const doc = readFileSync(join(copy, 'docs', 'rules', `${ID}.md`), 'utf8');
      expect(doc.startsWith(`# gemini-guard/${ID}\n`)).toBe(true);
      for (const section of ['<!-- end auto-generated rule header -->', '## Examples', '### Incorrect', '### Correct', '## When Not To Use It']) {
        expect(doc).toContain(section);
      }
    });

    it('writes a rule and a test that type-check against the real sources', () => {
      const config = ts.getParsedCommandLineOfConfigFile(join(copy, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      const rootNames = [join(copy, 'src', 'rules', `${ID}.ts`), join(copy, 'test', 'rules', `${ID}.test.ts`), join(copy, 'src', 'rules', 'index.ts')];
      const program = ts.createProgram(rootNames, { ...config!.options, noEmit: true, skipLibCheck: true });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    });

    it('writes a rule and a test that the repository lint accepts', async () => {
      const eslint = new ESLint({ cwd: ROOT });
      for (const path of [`src/rules/${ID}.ts`, `test/rules/${ID}.test.ts`]) {
        const [result] = await eslint.lintText(readFileSync(join(copy, path), 'utf8'), { filePath: join(ROOT, path) });
        expect(result!.messages.map((m) => `${path}:${m.line} ${m.message}`)).toEqual([]);
      }
    });
  });
});
