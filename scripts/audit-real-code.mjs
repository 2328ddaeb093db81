#!/usr/bin/env node
// Real-code audit (not run in CI; needs the npm registry): `npm run build && node scripts/audit-real-code.mjs`.
//  1. Precision: lints pinned npm packages — Gemini exchange clients and near-miss code (Binance,
//     Bitfinex, Kraken, AWS SigV4, GitHub webhooks, Google's Gemini AI SDKs, crypto-js, axios, got) —
//     with configs.all of the built plugin, and runs `gemini-guard scan --format json` on each.
//     Every one of these packages is correct or not Gemini exchange code: any finding is a false
//     positive (or a real bug in a published client: check it against docs before accepting it).
//  2. Recall: plants one known fault at a time into two real clients (a CoffeeScript/ES5 one and a
//     Babel-compiled one) and checks that the expected rule reports it.
// Packages are downloaded with `npm pack` into the OS temp folder and reused between runs.
// Exit code 1 when a finding appears in part 1 or a planted fault is missed in part 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { Linter } = require('eslint');
const espree = require('espree');
const tsParser = require('@typescript-eslint/parser');
const bin = join(root, 'dist', 'bin', 'gemini-guard.js');
if (!existsSync(bin)) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const plugin = (await import(join(root, 'dist', 'index.js'))).default;

/** name@version, and which files to keep (default: the whole package). */
const PACKAGES = [
  ['gemini-api@2.0.4'],
  ['gemini-exchange-coffee-api@2.0.6'],
  ['gemini-exchange-api@1.0.4'], // despite its name, a Bitfinex client
  ['ee-gemini-api@1.0.1'],
  ['ccxt@4.5.84', ['js/src/gemini.js', 'js/src/pro/gemini.js', 'js/src/base/Exchange.js']],
  ['binance-api-node@0.13.10'],
  ['node-binance-api@1.0.33'],
  ['bitfinex-api-node@9.1.0'],
  ['kraken-api@1.0.2'],
  ['@octokit/webhooks-methods@6.0.0'],
  ['aws4@1.13.2'],
  ['@smithy/signature-v4@5.7.5'],
  ['@google/generative-ai@0.24.1'],
  ['@google/genai@3.1.0'],
  ['crypto-js@4.2.0'],
  ['axios@1.21.1'],
  ['got@16.1.0'],
];

const cache = join(tmpdir(), 'gemini-guard-audit');

function fetchPackage(spec) {
  const dir = join(cache, spec.replace(/[@/]/g, '_'));
  if (!existsSync(join(dir, 'package', 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    console.error(`downloading ${spec} …`);
    const tarball = execFileSync('npm', ['pack', spec, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', tarball], { cwd: dir });
    rmSync(join(dir, tarball));
  }
  return join(dir, 'package');
}

function sourceFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') sourceFiles(path, out);
    } else if (/\.(c|m)?js$|\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.min.js')) {
      out.push(path);
    }
  }
  return out;
}

const linter = new Linter({ configType: 'flat', cwd: '/' });

/** The plugin's findings on one file (third-party eslint comments are ignored: they must not hide ours). */
function lintFile(path) {
  const code = readFileSync(path, 'utf8');
  const ts = path.endsWith('.ts');
  const guess = path.endsWith('.cjs') ? 'commonjs' : path.endsWith('.mjs') || /\b(import|export)\s/.test(code) ? 'module' : 'commonjs';
  const run = (sourceType) =>
    linter.verify(
      code,
      [
        {
          files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.ts'],
          languageOptions: { parser: ts ? tsParser : espree, ecmaVersion: 'latest', sourceType },
          linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
          plugins: plugin.configs.all.plugins,
          rules: plugin.configs.all.rules,
        },
      ],
      { filename: path },
    );
  let messages = run(ts ? 'module' : guess);
  if (!ts && messages.some((m) => m.fatal)) messages = run(guess === 'module' ? 'commonjs' : 'module');
  return messages.filter((m) => m.fatal || m.ruleId?.startsWith('gemini-guard/'));
}

function scan(dir) {
  const result = spawnSync(process.execPath, [bin, 'scan', '--format', 'json', '--no-progress', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  try {
    return JSON.parse(result.stdout).findings ?? [];
  } catch {
    return [{ ruleId: 'scan', message: `scan failed (exit ${result.status}): ${result.stderr.slice(0, 300)}` }];
  }
}

let failures = 0;

// ------------------------------------------------------------------------------ 1. precision
console.log('1. Findings on published packages (expected: none)');
const dirs = {};
for (const [spec, keep] of PACKAGES) {
  const dir = fetchPackage(spec);
  dirs[spec] = dir;
  const files = keep ? keep.map((f) => join(dir, f)) : sourceFiles(dir);
  const findings = [];
  for (const file of files) {
    for (const m of lintFile(file)) findings.push(`${relative(dir, file)}:${m.line}:${m.column} ${m.ruleId ?? 'parse'} ${m.message}`);
  }
  const scanned = keep ? [] : scan(dir);
  for (const f of scanned) findings.push(`scan ${JSON.stringify(f).slice(0, 300)}`);
  failures += findings.length;
  console.log(`  ${findings.length === 0 ? 'ok  ' : 'FAIL'} ${spec}: ${files.length} files linted${keep ? '' : ', scanned'}, ${findings.length} findings`);
  for (const f of findings) console.log(`       ${f}`);
}

// ------------------------------------------------------------------------------ 2. recall
/** [client, file, description, search, replacement, expected rule]. */
const PLANTED = [
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'sha256', '"sha384"', '"sha256"', 'valid-signature'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'base64 digest', ".digest('hex')", ".digest('base64')", 'valid-signature'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'signs the JSON', 'update(payload)', 'update(JSON.stringify(payload))', 'valid-signature'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'GET on private endpoints (ES5 prototype helper)', 'method: "POST"', 'method: "GET"', 'no-unsigned-private-request'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'no signature header', ",\n      'X-GEMINI-SIGNATURE': signature", '', 'no-unsigned-private-request'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'request differs from the URL path', 'request: path,', "request: path + '/',", 'valid-payload'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'withdrawal endpoint', "'order/cancel/all'", "'withdraw/btc'", 'no-withdrawal-endpoints'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'plain http', '"https://api.gemini.com"', '"http://api.gemini.com"', 'no-insecure-transport'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'fixed nonce', 'nonce: nonce', 'nonce: 42', 'valid-nonce'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'hardcoded key', 'this.key = key;', "this.key = 'account-Zq3Yv7Lp2Rb8Nc4Tw1Hk';", 'no-hardcoded-credentials'],
  ['gemini-exchange-coffee-api@2.0.6', 'lib/gemini.js', 'logged secret', '    signature = crypto', '    console.log(this.secret);\n    signature = crypto', 'no-credential-logging'],
  ['gemini-api@2.0.4', 'dist/createRequestConfig.js', 'sha256 (Babel interop)', '`sha384`', '`sha256`', 'valid-signature'],
  ['gemini-api@2.0.4', 'dist/createRequestConfig.js', 'base64 digest (Babel interop)', 'digest(`hex`)', 'digest(`base64`)', 'valid-signature'],
  ['gemini-api@2.0.4', 'dist/createRequestConfig.js', 'signs the JSON (Babel interop)', 'update(encodedPayload)', 'update(JSON.stringify(payload))', 'valid-signature'],
  ['gemini-api@2.0.4', 'dist/index.js', 'plain http, host picked by a ternary', '`https://${subdomain}.gemini.com`', '`http://${subdomain}.gemini.com`', 'no-insecure-transport'],
  ['gemini-api@2.0.4', 'dist/websocketClient.js', 'ws://, host picked by a ternary', '`wss://${subdomain}.gemini.com`', '`ws://${subdomain}.gemini.com`', 'no-insecure-transport'],
  ['gemini-api@2.0.4', 'dist/websocketClient.js', 'fixed nonce on the order-events socket', 'nonce: Date.now(),', 'nonce: 42,', 'valid-nonce'],
  // GeminiAPI's methods are Babel class properties: arrow functions assigned in the constructor
  ['gemini-api@2.0.4', 'dist/index.js', 'GET through a constructor arrow helper', '_axios2.default.post(requestUrl, {}, config)', '_axios2.default.get(requestUrl, config)', 'no-unsigned-private-request'],
  ['gemini-api@2.0.4', 'dist/index.js', 'request without /v1 through a constructor arrow helper', 'request: requestPath', 'request: endpoint', 'valid-payload'],
  ['gemini-api@2.0.4', 'dist/index.js', 'withdrawal through a constructor arrow helper', 'this.requestPrivate(`/tradevolume`)', 'this.requestPrivate(`/withdraw/btc`, { address, amount })', 'no-withdrawal-endpoints'],
];

console.log('\n2. Planted faults in real clients (expected: each reported by its rule)');
const work = join(cache, 'planted');
for (const [spec, file, what, search, replacement, rule] of PLANTED) {
  const dir = join(work, 'case');
  rmSync(dir, { recursive: true, force: true });
  cpSync(dirs[spec], dir, { recursive: true });
  const path = join(dir, file);
  const original = readFileSync(path, 'utf8');
  if (!original.includes(search)) {
    failures++;
    console.log(`  FAIL ${spec} ${what}: the text to replace is not in ${file}`);
    continue;
  }
  writeFileSync(path, original.replace(search, replacement));
  const hits = sourceFiles(dir).flatMap((f) => lintFile(f)).filter((m) => m.ruleId === `gemini-guard/${rule}`);
  if (hits.length === 0) failures++;
  console.log(`  ${hits.length > 0 ? 'ok  ' : 'MISS'} ${spec} ${what}: ${rule} ${hits.length > 0 ? `(${hits.length} reports)` : 'silent'}`);
}
rmSync(work, { recursive: true, force: true });

console.log(failures === 0 ? '\nall clean' : `\n${failures} problem(s)`);
process.exit(failures === 0 ? 0 : 1);
