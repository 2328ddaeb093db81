// Shared helpers for the end-to-end git tests: real repositories in temp folders, the BUILT CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, onTestFinished } from 'vitest';

export const root = join(import.meta.dirname, '..', '..');
export const bin = join(root, 'dist', 'bin', 'gemini-guard.js');
export const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; scripts: Record<string, string> };

// Fake credentials in Gemini's format that are not placeholders (see isPlaceholder).
export const KEY = 'account-Tq4Wn8Zr2Lp6Xv0Bk3Jd';
export const KEY2 = 'account-Hy7Rm2Qc9Wx4Tn6Bz1Lk';
export const SECRET = 'N3vX8qLz5Rt1Wp7Ky2Hc9Bm4Df';
export const SECRET2 = 'P8kW2nRz6Qx1Lm5Tv9Hb3Yc7Jd';
export const ALL_SECRETS = [KEY, KEY2, SECRET, SECRET2];

/** The environment for git and the CLI: no GIT_* from a hook we may run in, no user or system git config. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', CI: 'true', ...extra };
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A throwaway git repository. */
export class Repo {
  private clock = Date.UTC(2024, 0, 15, 12, 0, 0) / 1000;

  constructor(readonly dir: string) {}

  /** Runs git; throws on failure. */
  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Runs git and returns its status and output instead of throwing. */
  tryGit(args: string[], env: Record<string, string> = {}): RunResult {
    const r = spawnSync('git', args, { cwd: this.dir, env: cleanEnv(env), encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  write(path: string, text: string): this {
    const abs = join(this.dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    return this;
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  remove(path: string): this {
    rmSync(join(this.dir, path), { force: true });
    return this;
  }

  stage(...paths: string[]): this {
    this.git('add', '--', ...paths);
    return this;
  }

  /** Commits everything staged (and `paths` first), with a deterministic date a day after the last. */
  commit(message: string, ...paths: string[]): string {
    if (paths.length > 0) this.stage(...paths);
    this.clock += 86_400;
    const date = `${this.clock} +0000`;
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: this.dir, env: cleanEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }), stdio: 'ignore' });
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** Runs the built CLI in this repository (or a subfolder). */
  run(args: string[], cwd = this.dir): RunResult {
    return runCli(args, cwd);
  }

  /** Installs a `node_modules/.bin/gemini-guard` that runs the built CLI, as `npm install` would (ignored by git). */
  installCli(): this {
    const shim = join(this.dir, 'node_modules', '.bin', 'gemini-guard');
    mkdirSync(dirname(shim), { recursive: true });
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
    chmodSync(shim, 0o755);
    const ignore = existsSync(join(this.dir, '.gitignore')) ? this.read('.gitignore') : '';
    if (!ignore.split('\n').includes('node_modules/')) this.write('.gitignore', `${ignore}node_modules/\n`);
    return this;
  }

  /** How many commits HEAD has (0 before the first). */
  commitCount(): number {
    const r = this.tryGit(['rev-list', '--count', 'HEAD']);
    return r.status === 0 ? Number(r.stdout.trim()) : 0;
  }
}

/** A fresh repository on branch `main` with a local identity and no signing; removed when the test ends. */
export function createRepo(): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'gg-git-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const repo = new Repo(dir);
  repo.git('init', '-q', '-b', 'main');
  repo.git('config', 'user.email', 'dev@example.test');
  repo.git('config', 'user.name', 'Dev');
  repo.git('config', 'commit.gpgsign', 'false');
  return repo;
}

/** Runs the built CLI. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): RunResult {
  if (!existsSync(bin)) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: cleanEnv(env) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a shell command line (a hook, a recipe) with the given extra environment. */
export function sh(command: string, cwd: string, env: Record<string, string> = {}): RunResult {
  const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: cleanEnv(env) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Asserts that no text holds a planted key or secret, nor any 9-character piece of one. */
export function expectNoLeak(...texts: string[]): void {
  const all = texts.join('\n');
  for (const secret of ALL_SECRETS) {
    const body = secret.replace(/^(account|master)-/, '');
    for (let i = 0; i + 9 <= body.length; i++) {
      const piece = body.slice(i, i + 9);
      expect(all.includes(piece), `a 9-character piece of a planted credential (${piece.slice(0, 2)}…) leaked`).toBe(false);
    }
  }
}

/** A `--format json` scan report, as far as the tests read it. */
export interface Report {
  findings: { ruleId: string; file: string; line: number; column: number; message: string; severity: string; fingerprint: string; fixable?: true; commit?: string; authorDate?: string }[];
  staleBaseline?: { file: string; ruleId: string; fingerprint: string }[];
  suppressedByBaseline?: number;
  stats: Record<string, number>;
}

/** Parses a JSON report. */
export function json(r: RunResult): Report {
  return JSON.parse(r.stdout) as Report;
}
