#!/usr/bin/env node
// Benchmarks (not tests): `npm run bench`.
//  1. gemini-guard scan on the pinned ccxt npm package (~1,300 files, 60 MB) vs ripgrep running
//     the same key regex, in the same run: wall time (median of N) and peak memory.
//  2. (issue 7) ESLint overhead of configs.recommended on ccxt's js/src, when --eslint is given.
// The corpus is downloaded with `npm pack` into the OS temp folder (outside any git work tree,
// so .gitignore rules of this repository do not hide it) and reused between runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CCXT_VERSION = '4.5.84';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'bin', 'gemini-guard.js');
const KEY_REGEX = '(account|master)-[0-9A-Za-z]{20}';

function corpus() {
  const dir = join(tmpdir(), 'gemini-guard-bench', `ccxt-${CCXT_VERSION}`);
  const pkg = join(dir, 'package');
  if (!existsSync(join(pkg, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    console.error(`downloading ccxt@${CCXT_VERSION} …`);
    const tarball = execFileSync('npm', ['pack', `ccxt@${CCXT_VERSION}`, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', tarball], { cwd: dir });
  }
  return pkg;
}

function measure(command, args, cwd) {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const started = process.hrtime.bigint();
  const result = timeBin
    ? spawnSync(timeBin, ['-f', 'GG_TIME %e %M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const line = (result.stderr ?? '').split('\n').find((l) => l.startsWith('GG_TIME'));
  const rssKb = line ? Number(line.split(' ')[2]) : NaN;
  return { wall, rssMb: rssKb / 1024, status: result.status, stdout: result.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function size(dir) {
  let files = 0;
  let bytes = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        files++;
        bytes += statSync(p).size;
      }
    }
  }
  return { files, mb: bytes / 1e6 };
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

if (!existsSync(bin)) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(2);
}
const dir = corpus();
const { files, mb } = size(dir);
console.log(`corpus: ccxt@${CCXT_VERSION} — ${files} files, ${mb.toFixed(1)} MB (${dir})`);

const scans = [];
for (let i = 0; i < RUNS; i++) scans.push(measure(process.execPath, [bin, 'scan', '.', '--format', 'json', '--fail-on', 'none', '--quiet'], dir));
const report = JSON.parse(scans[0].stdout);
const scanWall = median(scans.map((s) => s.wall));
const scanRss = Math.max(...scans.map((s) => s.rssMb));
console.log(`gemini-guard scan: ${scanWall.toFixed(2)} s wall (median of ${RUNS}), ${scanRss.toFixed(0)} MB peak RSS; ` +
  `${report.stats.filesSeen} files seen, ${report.stats.filesParsed} parsed, ${report.stats.filesSkipped} skipped, ${report.findings.length} findings`);
for (const f of report.findings) console.log(`  ${f.file}:${f.line}:${f.column} ${f.ruleId} — ${f.message}`);

const rg = which('rg');
if (rg) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(measure(rg, ['-c', '--no-ignore', '--hidden', '-e', KEY_REGEX, '.'], dir));
  const rgWall = median(runs.map((r) => r.wall));
  const rgRss = Math.max(...runs.map((r) => r.rssMb));
  console.log(`ripgrep (same key regex): ${rgWall.toFixed(2)} s wall, ${rgRss.toFixed(0)} MB peak RSS`);
  const ratio = scanWall / rgWall;
  console.log(`ratio: ${ratio.toFixed(1)}× ripgrep (target ≤ 10×); peak memory ${scanRss.toFixed(0)} MB (target ≤ 200 MB)`);
} else {
  console.log('ripgrep is not installed (apt-get install ripgrep) — no side-by-side figure this run.');
  console.log(`peak memory ${scanRss.toFixed(0)} MB (target ≤ 200 MB)`);
}
