// The git-hook integrations, each run for real: the pre-commit framework's hook definition, and the
// README's husky, lint-staged and plain-git recipes (read from the README, so the docs cannot rot).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../../src/utils/create-rule.js';
import { createRepo, expectNoLeak, KEY, pkg, root, sh, type Repo } from './helpers.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The fenced code block right after `<!-- recipe: name -->` in the README. */
function recipe(name: string): string {
  const m = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!m?.[1]) throw new Error(`README has no recipe "${name}"`);
  return `${m[1]}\n`;
}

/** The top-level `key: value` scalars of one YAML list item or mapping (enough for our small files). */
function yamlScalars(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(?:- |\s{2})?([a-z_]+):\s*(.+?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) out[m[1]!] = m[2]!.replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/** A repository with one clean commit and the CLI installed as a project devDependency would be. */
function projectRepo(): Repo {
  const repo = createRepo().installCli();
  repo.write('src/app.js', 'export const app = 1;\n').commit('init', '.gitignore', 'src/app.js');
  return repo;
}

/** Commits through the repository's hooks; returns git's result and whether a commit was made. */
function commitThroughHooks(repo: Repo, args: string[] = []) {
  const before = repo.commitCount();
  const result = repo.tryGit(['commit', '-m', 'change', ...args]);
  return { ...result, committed: repo.commitCount() === before + 1 };
}

/** Stages a clean change, then a key; checks the hook lets the first through and stops the second. */
function expectHookGuards(repo: Repo) {
  repo.write('src/app.js', 'export const app = 2;\n').stage('src/app.js');
  const clean = commitThroughHooks(repo);
  expect(clean.status, clean.stderr + clean.stdout).toBe(0);
  expect(clean.committed).toBe(true);

  repo.write('src/keys.env', `GEMINI_API_KEY=${KEY}\n`).stage('src/keys.env');
  repo.remove('src/keys.env'); // deleted from the working copy, still staged
  const blocked = commitThroughHooks(repo);
  expect(blocked.status).not.toBe(0);
  expect(blocked.committed).toBe(false);
  expect(blocked.stdout + blocked.stderr).toContain('src/keys.env');
  expect(blocked.stdout + blocked.stderr).toContain('account-Tq4W…');
  expectNoLeak(blocked.stdout, blocked.stderr);
  repo.git('reset', '-q', '--', 'src/keys.env');

  // `git commit -a` commits through a temporary index (GIT_INDEX_FILE): the hook must scan that one
  repo.write('src/app.js', `export const key = '${KEY}';\n`);
  const viaA = commitThroughHooks(repo, ['-a']);
  expect(viaA.committed).toBe(false);
  expect(viaA.stdout + viaA.stderr).toContain('src/app.js');
}

describe('git hook integrations', { timeout: 90_000 }, () => {
  it('.pre-commit-hooks.yaml defines a gemini-guard hook whose entry scans the index', () => {
    const text = readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8');
    const items = text.split(/^- /m).slice(1);
    expect(items).toHaveLength(1);
    const hook = yamlScalars(`- ${items[0]}`);
    expect(hook).toMatchObject({ id: 'gemini-guard', entry: 'gemini-guard scan --staged', language: 'node', pass_filenames: 'false' });
    // language: node installs this package (npm pack runs prepack, which builds dist/) and puts its bin on PATH
    expect(Object.keys(pkg.bin)).toContain('gemini-guard');
    expect(pkg.scripts.prepack).toBe('npm run build');

    // run the entry as pre-commit would: the bin on PATH, no file names, in the repository root
    const repo = projectRepo();
    const path = `${join(repo.dir, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`;
    repo.write('src/app.js', 'export const app = 2;\n').stage('src/app.js');
    expect(sh(hook.entry!, repo.dir, { PATH: path }).status).toBe(0);
    repo.write('deploy.env', `GEMINI_API_KEY=${KEY}\n`).stage('deploy.env');
    const blocked = sh(hook.entry!, repo.dir, { PATH: path });
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toContain('deploy.env');
    expectNoLeak(blocked.stdout, blocked.stderr);
  });

  it('examples/.pre-commit-config.yaml and the README recipe use this repository, a commit pin (no release is tagged yet) and its hook id', () => {
    for (const text of [readFileSync(join(root, 'examples', '.pre-commit-config.yaml'), 'utf8'), recipe('pre-commit-config')]) {
      const active = text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
      const value = (key: string) => new RegExp(`^\\s*(?:- )?${key}: (\\S+)(?: #.*)?$`, 'm').exec(active)?.[1];
      expect(value('repo')).toBe(REPOSITORY_URL);
      // a tag that does not exist would fail every install: the docs say how to pin a commit instead
      expect(value('rev')).toBe('COMMIT_ID');
      expect(text).toContain('commit');
      expect(value('id')).toBe('gemini-guard');
    }
    expect(readme).toContain(`git ls-remote ${REPOSITORY_URL} HEAD`);
  });

  it('the README plain git hook stops a commit with a staged key and lets a clean one through', () => {
    const repo = projectRepo();
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, recipe('git-hook'));
    chmodSync(hook, 0o755);
    expectHookGuards(repo);
  });

  it('the README husky recipe stops a commit with a staged key and lets a clean one through', () => {
    const repo = projectRepo();
    repo.write('.husky/pre-commit', recipe('husky'));
    // what husky 9 installs: core.hooksPath=.husky/_, whose hooks put node_modules/.bin on PATH and run `sh -e .husky/<hook>`
    mkdirSync(join(repo.dir, '.husky', '_'), { recursive: true });
    const runner = join(repo.dir, '.husky', '_', 'pre-commit');
    writeFileSync(runner, '#!/usr/bin/env sh\nexport PATH="node_modules/.bin:$PATH"\nsh -e "$(dirname "$(dirname "$0")")/pre-commit" "$@"\n');
    chmodSync(runner, 0o755);
    repo.git('config', 'core.hooksPath', '.husky/_');
    expectHookGuards(repo);
  });

  it('the README lint-staged recipe fails on a staged key when given the staged files, as lint-staged runs it', () => {
    const config = JSON.parse(recipe('lint-staged')) as { 'lint-staged': Record<string, string> };
    const commands = Object.entries(config['lint-staged']);
    expect(commands).toEqual([['*', 'gemini-guard scan --staged']]);
    const command = commands[0]![1];
    const repo = projectRepo();
    const path = `${join(repo.dir, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`;
    // lint-staged appends the absolute paths of the staged files matching the pattern
    const run = (files: string[]) => sh(`${command} ${files.map((f) => `'${join(repo.dir, f)}'`).join(' ')}`, repo.dir, { PATH: path });
    repo.write('src/app.js', 'export const app = 3;\n').stage('src/app.js');
    expect(run(['src/app.js']).status).toBe(0);
    repo.write('src/config.js', `export const gemini = { apiKey: '${KEY}' };\n`).stage('src/config.js');
    const blocked = run(['src/app.js', 'src/config.js']);
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toContain('src/config.js');
    expectNoLeak(blocked.stdout, blocked.stderr);
  });
});
