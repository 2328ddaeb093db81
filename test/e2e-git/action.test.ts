// The GitHub Action (action.yml) and the example pull-request workflow: their YAML says what it
// should, and the action's scan script, run as the runner would, gates a real pull-request branch.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../../src/utils/create-rule.js';
import { createRepo, expectNoLeak, KEY, KEY2, pkg, root, sh } from './helpers.js';

const action = readFileSync(join(root, 'action.yml'), 'utf8');
const workflow = readFileSync(join(root, 'examples', '.github', 'workflows', 'gemini-guard.yml'), 'utf8');

/** The `run: |` block of the step with `id: <id>` (block scalar, de-indented). */
function stepScript(yaml: string, id: string): string {
  const step = yaml.split(/\n {4}- /).find((s) => new RegExp(`\\n {6}id: ${id}\\n`).test(`\n${s}`));
  if (!step) throw new Error(`no step ${id}`);
  const lines = step.split('\n');
  const start = lines.findIndex((l) => /^ {6}run: \|$/.test(l));
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !line.startsWith('        ')) break;
    body.push(line.slice(8));
  }
  return `${body.join('\n').trimEnd()}\n`;
}

/** A pull-request situation: main with an old leak, branch `feature` adding `change`. */
function pullRequest(change: Record<string, string>) {
  const repo = createRepo().installCli();
  repo.write('legacy/keys.env', `GEMINI_API_KEY=${KEY}\n`).write('src/client.js', "export const symbols = () => fetch('https://api.gemini.com/v1/symbols');\n");
  const base = repo.commit('main', '.gitignore', 'legacy', 'src');
  repo.git('checkout', '-q', '-b', 'feature');
  for (const [file, text] of Object.entries(change)) repo.write(file, text).stage(file);
  repo.commit('feature');
  return { repo, base };
}

/** Runs the action's scan step as the runner does: bash, inputs as INPUT_* variables, a GITHUB_OUTPUT file. */
function runScanStep(dir: string, inputs: Record<string, string>) {
  const script = join(dir, '.scan-step.sh');
  writeFileSync(script, stepScript(action, 'scan'));
  const output = join(dir, '.github-output');
  writeFileSync(output, '');
  const env = {
    INPUT_PATHS: '.',
    INPUT_FAIL_ON: 'error',
    INPUT_SINCE: '',
    INPUT_SARIF_FILE: 'gemini-guard.sarif',
    INPUT_BASELINE: '',
    INPUT_VERSION: pkg.version,
    GITHUB_OUTPUT: output,
    ...inputs,
  };
  const result = sh(`bash '${script}'`, dir, env);
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=') as [string, string]));
  return { ...result, outputs };
}

describe('GitHub Action', { timeout: 90_000 }, () => {
  it('action.yml is a composite action with the documented inputs that scans to SARIF, uploads it, then fails on findings', () => {
    expect(action).toMatch(/^runs:\n {2}using: composite$/m);
    for (const input of ['paths', 'fail-on', 'since', 'sarif-file', 'baseline', 'upload-sarif', 'version']) expect(action).toMatch(new RegExp(`^ {2}${input}:\\n {4}description: `, 'm'));
    expect(action).toMatch(/^ {4}default: '?(\d+\.\d+\.\d+)'?$/m);
    expect(/ {2}version:\n(?: {4}.*\n)*? {4}default: '([^']+)'/.exec(action)?.[1]).toBe(pkg.version);
    const script = stepScript(action, 'scan');
    expect(script).toContain('args=(scan --format sarif --output "$INPUT_SARIF_FILE" --fail-on "$INPUT_FAIL_ON")');
    expect(script).toContain('args+=(--since "$INPUT_SINCE")');
    expect(script).toContain('cli=(npx --yes --package "eslint-plugin-gemini-guard@${INPUT_VERSION}" -- gemini-guard)');
    // inputs never pasted into the script text (no ${{ inputs.* }} inside run:)
    expect(script).not.toContain('${{');
    expect(action).toMatch(/uses: github\/codeql-action\/upload-sarif@v3\n {6}with:\n {8}sarif_file: \$\{\{ inputs\.sarif-file \}\}/);
    expect(action).toContain("if: ${{ always() && inputs.upload-sarif == 'true' && steps.scan.outputs.sarif-written == 'true' }}");
    expect(action).toContain("if: ${{ steps.scan.outputs.exit-code == '1' }}");
    // the upload comes before the failing step
    expect(action.indexOf('upload-sarif@v3')).toBeLessThan(action.indexOf('name: Fail on findings'));
  });

  it('gates a pull request: only the changed files, SARIF written, annotations printed, exit code 1 kept for the last step', () => {
    const { repo } = pullRequest({ 'src/new.js': `export const key = '${KEY2}';\n` });
    const result = runScanStep(repo.dir, { INPUT_SINCE: 'main' });
    expect(result.status, result.stderr).toBe(0); // the job fails later, after the upload
    expect(result.outputs).toEqual({ 'exit-code': '1', 'sarif-written': 'true' });
    const sarif = JSON.parse(repo.read('gemini-guard.sarif')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const results = sarif.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine]);
    expect(results).toEqual([['gemini-guard/no-hardcoded-credentials', 'src/new.js', 1]]);
    expect(result.stdout).toMatch(/^::error file=src\/new.js,line=1,col=20,title=gemini-guard\/no-hardcoded-credentials::.*Gemini exchange API key account-Hy7R…/m);
    expectNoLeak(result.stdout, result.stderr, repo.read('gemini-guard.sarif'));
  });

  it('passes a clean pull request, and stops with exit code 2 on a bad revision', () => {
    const { repo, base } = pullRequest({ 'src/other.js': 'export const x = 1;\n' });
    const clean = runScanStep(repo.dir, { INPUT_SINCE: base });
    expect(clean.status).toBe(0);
    expect(clean.outputs['exit-code']).toBe('0');
    expect(JSON.parse(repo.read('gemini-guard.sarif')).runs[0].results).toEqual([]);
    // without `since` the whole repository is scanned: the old leak shows up
    expect(runScanStep(repo.dir, {}).outputs['exit-code']).toBe('1');
    // fail-on none never fails
    expect(runScanStep(repo.dir, { INPUT_FAIL_ON: 'none' }).outputs['exit-code']).toBe('0');

    const bad = runScanStep(repo.dir, { INPUT_SINCE: 'origin/nope', INPUT_SARIF_FILE: 'other.sarif' });
    expect(bad.status).toBe(2);
    expect(bad.outputs['exit-code']).toBe('2');
    expect(bad.outputs['sarif-written']).toBeUndefined();
    expect(existsSync(join(repo.dir, 'other.sarif'))).toBe(false);
  });

  it('reports a tool that cannot be installed or run as a tool failure (exit 2), never as findings', () => {
    const { repo } = pullRequest({ 'src/new.js': `export const key = '${KEY2}';\n` });
    // what a failed `npx --yes --package …` looks like to the script: exit 1 and npm's error text
    const shim = join(repo.dir, 'node_modules', '.bin', 'gemini-guard');
    writeFileSync(shim, '#!/bin/sh\necho "npm error 404 Not Found - GET https://registry.npmjs.org/eslint-plugin-gemini-guard" >&2\nexit 1\n');
    const broken = runScanStep(repo.dir, {});
    expect(broken.status).toBe(2);
    expect(broken.outputs['exit-code']).toBe('2');
    expect(broken.outputs['sarif-written']).toBeUndefined();
    expect(broken.stdout).toMatch(/^::error title=gemini-guard::could not run gemini-guard .*tool failure, not a finding: npm error 404/m);
    expect(broken.stdout + broken.stderr).not.toContain('found Gemini exchange problems');
    // a tool that starts but exits 1 without writing its report (a crash) is a failure too
    writeFileSync(shim, '#!/bin/sh\nif [ "$1" = --version ]; then echo 0.1.0; exit 0; fi\necho "Segmentation fault" >&2\nexit 1\n');
    const crashed = runScanStep(repo.dir, {});
    expect(crashed.status).toBe(2);
    expect(crashed.outputs['exit-code']).toBe('2');
    expect(crashed.stdout).toMatch(/^::error title=gemini-guard::gemini-guard failed \(exit 2\).*not a finding/m);
  });

  it('stops with exit code 2 when a paths input names nothing that exists, instead of passing an empty scan', () => {
    const { repo } = pullRequest({ 'src/other.js': 'export const x = 1;\n' });
    const typo = runScanStep(repo.dir, { INPUT_PATHS: 'src lib' });
    expect(typo.status).toBe(2);
    expect(typo.outputs['exit-code']).toBe('2');
    expect(typo.stderr).toContain('"lib": no such file or folder');
    expect(runScanStep(repo.dir, { INPUT_PATHS: 'src legacy' }).outputs['exit-code']).toBe('1');
  });

  it('honours a baseline input', () => {
    const { repo } = pullRequest({ 'src/new.js': `export const key = '${KEY2}';\n` });
    repo.run(['scan', '--write-baseline', '.gemini-guard-baseline.json']);
    expect(runScanStep(repo.dir, { INPUT_BASELINE: '.gemini-guard-baseline.json' }).outputs['exit-code']).toBe('0');
  });

  it('the example workflow gates pull requests with the action and the base commit, with the history it needs', () => {
    expect(workflow).toMatch(/^on:\n {2}pull_request:\n/m);
    expect(workflow).toMatch(/^ {2}security-events: write/m);
    expect(workflow).toMatch(/uses: actions\/checkout@v4\n {8}with:\n {10}fetch-depth: 0/);
    // this repository's action, pinned to a commit (no release is tagged yet), and the comment says so
    const repository = REPOSITORY_URL.replace('https://github.com/', '');
    const uses = new RegExp(`uses: ${repository}@(\\S+)\\n {8}with:\\n((?: {10}.*\\n)+)`).exec(workflow);
    expect(uses?.[1]).toBe('COMMIT_ID');
    expect(workflow).toContain(`git ls-remote ${REPOSITORY_URL} HEAD`);
    expect(uses?.[2]).toContain("since: ${{ github.event_name == 'pull_request' && github.event.pull_request.base.sha || '' }}");
    expect(uses?.[2]).toContain('fail-on: error');
    // the history job's command line works as written (minus the download)
    const history = /run: npx --yes --package eslint-plugin-gemini-guard@(\S+) -- (gemini-guard .+)$/m.exec(workflow);
    expect(history?.[1]).toBe(pkg.version);
    expect(history?.[2]).toBe('gemini-guard scan --history');
    const { repo } = pullRequest({});
    const r = sh(history![2]!, repo.dir, { PATH: `${join(repo.dir, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('legacy/keys.env');
  });
});
