// "Never report clean without having looked" (issue 11): each way the CLI used to say clean, or
// exit 0, without having checked the code — run through the BUILT CLI in temporary folders, git
// and non-git.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bin, cleanEnv, createRepo, expectNoLeak, KEY, KEY2, SECRET, type RunResult } from '../e2e-git/helpers.js';

const HARDCODED = 'gemini-guard/no-hardcoded-credentials';
const UNSIGNED = 'gemini-guard/no-unsigned-private-request';

interface Report {
  findings: { ruleId: string; file: string; line: number; column: number; message: string }[];
  skipped: { file: string; reason: string; detail?: string }[];
  stats: Record<string, number>;
}

/** A fresh non-git folder with these files; removed when the test ends. */
function folder(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-silent-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** The built CLI, with a timeout so that a hang (a FIFO read) fails the test instead of blocking it. */
function cli(args: string[], cwd: string): RunResult {
  if (!existsSync(bin)) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  expect(r.error, 'the CLI did not finish').toBeUndefined();
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scanJson(args: string[], cwd: string): { status: number | null; report: Report; stderr: string } {
  const r = cli(['scan', '--format', 'json', ...args], cwd);
  expect(r.status, r.stderr).not.toBe(2);
  return { status: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const rulesOf = (report: Report): string[][] => report.findings.map((f) => [f.ruleId, f.file]);

// An unsigned GET to a private endpoint (two findings at one place) and a hardcoded key.
const BOT = `const GEMINI_API_KEY = '${KEY}';\nconst res = await fetch('https://api.gemini.com/v1/balances');\nconsole.log(res.status, GEMINI_API_KEY.length);\n`;

describe('1. a path outside the working directory is scanned like any other', { timeout: 60_000 }, () => {
  it('finds the key and the unsigned call in a non-git project scanned from another folder, by absolute and relative path', () => {
    const project = folder({ 'src/bot.js': BOT, '.env': `GEMINI_API_KEY=${KEY2}\n` });
    const elsewhere = folder();
    for (const path of [project, join('..', project.split('/').pop()!)]) {
      const { status, report } = scanJson([path], elsewhere);
      expect(status).toBe(1);
      const files = new Set(report.findings.map((f) => f.file.split('/').slice(-2).join('/')));
      expect(files).toEqual(new Set(['src/bot.js', `${project.split('/').pop()}/.env`]));
      expect(report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining([HARDCODED, UNSIGNED]));
    }
  });

  it('lists a git repository with its own .gitignore when scanned from outside it, and reads its config', () => {
    const repo = createRepo();
    repo.write('src/bot.js', BOT).write('build/out.js', BOT).write('.gitignore', 'build/\n');
    repo.write('gemini-guard.config.json', JSON.stringify({ rules: { 'no-unsigned-private-request': 'off' } }));
    const elsewhere = folder();
    const { status, report } = scanJson([repo.dir], elsewhere);
    expect(status).toBe(1);
    // the config of the scanned root turned the unsigned-call rule off; build/ is ignored by git
    expect(report.findings.map((f) => [f.ruleId, f.file.split('/').slice(-2).join('/'), f.line])).toEqual([[HARDCODED, 'src/bot.js', 1]]);
  });

  it('scans a project outside the git repository the command runs in', () => {
    const host = createRepo();
    host.write('README.md', '# host\n');
    const project = folder({ 'src/bot.js': BOT });
    const { status, report } = scanJson([project], host.dir);
    expect(status).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining([HARDCODED, UNSIGNED]));
  });
});

describe('2. a configuration mistake is exit 2, never rules silently off', { timeout: 60_000 }, () => {
  const cases: [string, unknown, RegExp][] = [
    ['a severity ESLint does not know', { 'valid-nonce': 'warning' }, /rules\["valid-nonce"\]: severity "warning" is not one of "off", "warn", "error", 0, 1 or 2/],
    ['an option outside the schema', { 'valid-nonce': ['error', { nonce: 'weekly' }] }, /rules\["valid-nonce"\]: Configuration for rule "gemini-guard\/valid-nonce" is invalid: .*weekly.*nonce: "incremental" \| "time-based"/],
    ['an unknown option key', { 'no-withdrawal-endpoints': ['error', { allowed: [] }] }, /rules\["no-withdrawal-endpoints"\]: Configuration for rule .* is invalid/],
    ['a typo in a rule name', { 'no-hardcoded-credential': 'error' }, /rules\["no-hardcoded-credential"\]: unknown rule \(known rules: .*no-hardcoded-credentials.*tracked-secret-file/],
    ['a prototype name', { toString: 'error' }, /rules\["toString"\]: unknown rule/],
    ['options for a scanner-only rule', { 'tracked-secret-file': ['error', { x: 1 }] }, /rules\["tracked-secret-file"\]: this scanner rule takes no options/],
  ];

  it.each(cases)('%s in gemini-guard.config.json', (_name, rules, message) => {
    const dir = folder({ 'src/bot.js': BOT, 'gemini-guard.config.json': JSON.stringify({ rules }) });
    const r = cli(['scan'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^gemini-guard: gemini-guard\.config\.json: /);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('in the "gemini-guard" key of package.json, and for the roles command too', () => {
    const dir = folder({ 'src/bot.js': BOT, 'package.json': JSON.stringify({ name: 'bot', 'gemini-guard': { rules: { 'valid-nonce': 'warning' } } }) });
    for (const command of ['scan', 'roles']) {
      const r = cli([command], dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/package\.json#gemini-guard: rules\["valid-nonce"\]: severity "warning"/);
    }
  });

  it('a valid configuration keeps working: levels, numbers, options and scanner rules', () => {
    const rules = { 'valid-nonce': ['warn', { nonce: 'time-based' }], 'gemini-guard/no-unsigned-private-request': 2, 'tracked-secret-file': 'off', 'unused-ignore': 1 };
    const dir = folder({ 'src/bot.js': BOT, 'gemini-guard.config.json': JSON.stringify({ rules }) });
    const { status, report } = scanJson([], dir);
    expect(status).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(report.findings.map((f) => f.ruleId)).toEqual([HARDCODED, UNSIGNED, UNSIGNED]);
  });
});

describe('3. a path that does not exist is exit 2', { timeout: 60_000 }, () => {
  it('names the path, in a plain folder, in a git repository and with --since, and for roles', () => {
    const dir = folder({ 'src/bot.js': BOT });
    for (const args of [['scan', 'srcc'], ['scan', 'src', 'lib/missing.js'], ['roles', 'nope']]) {
      const r = cli(args, dir);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/: no such file or folder \(nothing would be scanned\)/);
      expect(r.stderr).toContain(`"${args[args.length - 1]}"`);
    }
    const repo = createRepo();
    repo.write('src/bot.js', BOT).commit('init', '.');
    for (const args of [['scan', 'srcc'], ['scan', '--since', 'HEAD', 'srcc'], ['scan', '--staged', 'srcc']]) {
      const r = repo.run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('"srcc": no such file or folder');
    }
    // --history takes paths that may exist only in the past, but not paths no commit touched
    const history = repo.run(['scan', '--history', 'srcc']);
    expect(history.status).toBe(2);
    expect(history.stderr).toMatch(/no commit touches "srcc"/);
  });
});

describe('4. file names that are not UTF-8 are scanned and printed escaped', { timeout: 60_000 }, () => {
  const envName = Buffer.concat([Buffer.from('conf'), Buffer.from([0xff]), Buffer.from('.env')]);
  const jsName = Buffer.concat([Buffer.from('src/caf'), Buffer.from([0xe9]), Buffer.from('.js')]);

  function plant(dir: string): void {
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), envName]), `GEMINI_API_KEY=${KEY}\n`);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), jsName]), BOT);
  }

  const expected = [
    [HARDCODED, 'conf\\xff.env'],
    [HARDCODED, 'src/caf\\xe9.js'],
    [UNSIGNED, 'src/caf\\xe9.js'],
    [UNSIGNED, 'src/caf\\xe9.js'],
  ];

  it('outside git', () => {
    const dir = folder();
    plant(dir);
    const { status, report } = scanJson([], dir);
    expect(status).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(rulesOf(report)).toEqual(expected);
    const text = cli(['scan'], dir).stdout;
    expect(text).toContain('conf\\xff.env');
    expect(text).not.toMatch(/vanished/);
  });

  it('in a git working tree, with --since and with --staged', () => {
    const repo = createRepo();
    repo.write('README.md', '# bot\n').commit('init', 'README.md');
    plant(repo.dir);
    for (const args of [[], ['--since', 'HEAD']]) {
      const { status, report } = scanJson(args, repo.dir);
      expect(status, args.join(' ')).toBe(1);
      expect(report.skipped, args.join(' ')).toEqual([]);
      // the .env is not ignored by git: tracked-secret-file too
      expect(rulesOf(report).filter(([rule]) => rule !== 'gemini-guard/tracked-secret-file'), args.join(' ')).toEqual(expected);
    }
    repo.git('add', '.');
    const staged = scanJson(['--staged'], repo.dir);
    expect(staged.status).toBe(1);
    expect(rulesOf(staged.report).filter(([rule]) => rule !== 'gemini-guard/tracked-secret-file')).toEqual(expected);
  });
});

describe('5. symbolic links and special files', { timeout: 60_000 }, () => {
  it('never follows a link out of the scanned folder, and never opens a FIFO or a device', () => {
    const outside = folder({ 'secrets/.env': `GEMINI_API_KEY=${KEY}\n`, 'lib/client.js': "fetch('http://api.gemini.com/v1/symbols');\n" });
    const dir = folder({ 'src/ok.js': "fetch('https://api.gemini.com/v1/symbols');\n" });
    symlinkSync(join(outside, 'secrets'), join(dir, 'linked-folder'));
    symlinkSync(join(outside, 'lib/client.js'), join(dir, 'src/linked.js'));
    symlinkSync('/dev/zero', join(dir, 'src/zero.js'));
    symlinkSync('/proc/kmsg', join(dir, 'src/kmsg.js'));
    execFileSync('mkfifo', [join(dir, 'src/pipe.js')]);
    const { status, report } = scanJson([], dir);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
    expect(reasons).toEqual({ 'linked-folder': 'outside-root', 'src/linked.js': 'outside-root', 'src/zero.js': 'outside-root', 'src/kmsg.js': 'outside-root', 'src/pipe.js': 'special-file' });
  });

  it('skips a tracked link out of a git repository as outside-root', () => {
    const outside = folder({ '.env': `GEMINI_API_KEY=${KEY}\n` });
    const repo = createRepo();
    repo.write('README.md', '# bot\n');
    symlinkSync(join(outside, '.env'), join(repo.dir, 'prod.env'));
    repo.commit('init', '.');
    const { status, report } = scanJson([], repo.dir);
    expect(status).toBe(0);
    expect(report.skipped).toEqual([{ file: 'prod.env', reason: 'outside-root', detail: 'a link out of the scanned folder' }]);
  });

  it('--fix never writes through a symbolic link, inside the folder or out of it', () => {
    const insecure = "export const BASE = 'http://api.gemini.com';\nfetch(BASE + '/v1/symbols');\n";
    const outside = folder({ 'client.js': insecure });
    const dir = folder({ 'src/real.js': insecure });
    symlinkSync(join(outside, 'client.js'), join(dir, 'src/out.js'));
    symlinkSync('real.js', join(dir, 'src/alias.js'));
    cli(['scan', '--fix'], dir);
    expect(readFileSync(join(outside, 'client.js'), 'utf8')).toBe(insecure);
    // the real file is fixed where it lives; the link is not written through
    expect(readFileSync(join(dir, 'src/real.js'), 'utf8')).toContain('https://api.gemini.com');
    const after = scanJson([], dir);
    expect(after.report.findings).toEqual([]);
  });
});

describe('6. files are not misclassified and dropped', { timeout: 60_000 }, () => {
  it('lints JavaScript with a NUL byte in a comment, and UTF-16 without a byte-order mark', () => {
    const withNul = Buffer.concat([Buffer.from('// build id: '), Buffer.from([0]), Buffer.from(`\n${BOT}`)]);
    const dir = folder({ 'src/nul.js': withNul, 'src/wide.js': Buffer.from(BOT, 'utf16le') });
    const { status, report } = scanJson([], dir);
    expect(status).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(rulesOf(report)).toEqual([
      [HARDCODED, 'src/nul.js'],
      [UNSIGNED, 'src/nul.js'],
      [UNSIGNED, 'src/nul.js'],
      [HARDCODED, 'src/wide.js'],
      [UNSIGNED, 'src/wide.js'],
      [UNSIGNED, 'src/wide.js'],
    ]);
  });

  it('lints a short bot that embeds one 25 KB data: URI, and finds what it finds without it', () => {
    const bot = [
      "import crypto from 'node:crypto';",
      `const GEMINI_API_KEY = '${KEY}';`,
      `const GEMINI_API_SECRET = '${SECRET}';`,
      "const payload = Buffer.from(JSON.stringify({ request: '/v1/order/new', nonce: 12345 })).toString('base64');",
      "const signature = crypto.createHmac('sha256', GEMINI_API_SECRET).update(payload).digest('hex');",
      "await fetch('http://api.gemini.com/v1/order/new', { method: 'POST', headers: { 'X-GEMINI-APIKEY': GEMINI_API_KEY, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });",
      'console.log(GEMINI_API_SECRET);',
    ];
    const icon = `const ICON = 'data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk'.repeat(430)}';`;
    expect(icon.length).toBeGreaterThan(25_000);
    const dir = folder({ 'plain/bot.js': `${bot.join('\n')}\n`, 'icon/bot.js': `${[...bot, icon].join('\n')}\n` });
    const { report } = scanJson([], dir);
    const plain = report.findings.filter((f) => f.file === 'plain/bot.js').map((f) => [f.ruleId, f.line, f.column]);
    const withIcon = report.findings.filter((f) => f.file === 'icon/bot.js').map((f) => [f.ruleId, f.line, f.column]);
    expect(plain.length).toBeGreaterThanOrEqual(5);
    expect(withIcon).toEqual(plain);
    expect(report.skipped).toEqual([]);
  });

  it('still finds a key in a skipped file: binary data and invalid UTF-8 get the text detector', () => {
    const dir = folder({
      'assets/blob.bin': Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64), Buffer.from(` GEMINI_API_KEY=${KEY} `), Buffer.from([0xff, 0xfe, 0])]),
      'src/latin1.js': Buffer.concat([Buffer.from(`const gemini = '${KEY2}'; // caf`), Buffer.from([0xe9, 0x0a])]),
    });
    const { status, report } = scanJson([], dir);
    expect(status).toBe(1);
    expect(rulesOf(report)).toEqual([[HARDCODED, 'assets/blob.bin'], [HARDCODED, 'src/latin1.js']]);
    expect(report.skipped).toEqual([
      { file: 'assets/blob.bin', reason: 'binary', detail: 'scanned for keys only' },
      { file: 'src/latin1.js', reason: 'invalid-utf8', detail: 'scanned for keys only' },
    ]);
  });
});

describe('7. --history on a shallow clone', { timeout: 60_000 }, () => {
  it('exits 2 with the fix instead of scanning the few commits it has', () => {
    const origin = createRepo();
    origin.write('config.js', `export const GEMINI_API_KEY = '${KEY}';\n`).commit('leak', '.');
    origin.write('config.js', 'export const GEMINI_API_KEY = process.env.GEMINI_API_KEY;\n').commit('fix', '.');
    origin.write('README.md', '# bot\n').commit('docs', '.');
    const clone = mkdtempSync(join(tmpdir(), 'gg-shallow-'));
    onTestFinished(() => rmSync(clone, { recursive: true, force: true }));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin.dir}`, clone], { env: cleanEnv() });
    for (const format of ['text', 'json', 'sarif']) {
      const r = cli(['scan', '--history', '--format', format], clone);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/this clone is shallow/);
      expect(r.stderr).toMatch(/git fetch --unshallow/);
      expect(r.stderr).toMatch(/fetch-depth: 0/);
    }
    // a range the clone holds entirely is complete: --since inside the fetched depth works
    execFileSync('git', ['fetch', '-q', '--deepen', '1'], { cwd: clone, env: cleanEnv() });
    const recent = cli(['scan', '--history', '--since', 'HEAD~1', '--format', 'json'], clone);
    expect(recent.status, recent.stderr).toBe(0);
    // and the whole history once fetched finds the leak
    execFileSync('git', ['fetch', '-q', '--unshallow'], { cwd: clone, env: cleanEnv() });
    expect(cli(['scan', '--history'], clone).status).toBe(1);
  });
});

describe('8. skips are visible, and can fail the run', { timeout: 60_000 }, () => {
  it('names each skipped file with its reason in text, lists it in JSON and SARIF, and --fail-on-skip exits 1', () => {
    const dir = folder({ 'src/ok.js': "fetch('https://api.gemini.com/v1/symbols');\n", 'src/broken.js': "const gemini = 'https://api.gemini.com';\nconst x = {;\n" });
    const text = cli(['scan'], dir);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Not fully checked: 1 file/);
    expect(text.stdout).toMatch(/ {2}src\/broken\.js {2}syntax-error \(line 2: .*\); still run: the key and secret text detector/);

    const json = scanJson([], dir).report;
    expect(json.skipped).toEqual([{ file: 'src/broken.js', reason: 'syntax-error', detail: expect.stringMatching(/^line 2: /) }]);

    const sarif = JSON.parse(cli(['scan', '--format', 'sarif'], dir).stdout) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; descriptor: { id: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }[] };
    const invocation = sarif.runs[0]!.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'error', descriptor: { id: 'skipped/syntax-error' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.js', uriBaseId: '%SRCROOT%' } } }] }),
    ]);

    const gate = cli(['scan', '--fail-on-skip'], dir);
    expect(gate.status).toBe(1);
    expect(gate.stderr).toMatch(/1 file was not fully checked \(--fail-on-skip\): src\/broken\.js \(syntax-error\)/);
    expect(cli(['scan', '--fail-on-skip', 'src/ok.js'], dir).status).toBe(0);
  });
});

describe('9. the CLI keeps every finding ESLint shows', { timeout: 60_000 }, () => {
  it('reports both the missing signing headers and the GET on one call, at the same place', () => {
    const dir = folder({ 'src/bot.js': "const res = await fetch('https://api.gemini.com/v1/balances');\n" });
    const { report } = scanJson([], dir);
    expect(report.findings.map((f) => [f.ruleId, f.line, f.column, f.message.slice(0, 40)])).toEqual([
      [UNSIGNED, 1, 25, 'This request to the private Gemini excha'],
      [UNSIGNED, 1, 25, 'This GET request goes to the private Gem'],
    ]);
  });
});

describe('10. credentials in file and folder names are reported and redacted everywhere', { timeout: 60_000 }, () => {
  it('a key in a file name, a folder name and a secret in an .env name: findings, redacted in every format, baseline and roles', () => {
    const repo = createRepo();
    const body = KEY.slice('account-'.length);
    repo.write(`src/${KEY}.js`, "export const BASE = 'https://api.gemini.com';\n");
    repo.write(`keys/${KEY2}/readme.txt`, 'rotate me\n');
    repo.write(`.env.${SECRET}`, 'LOG_LEVEL=info\n');
    repo.write('src/client.js', `const suffix = process.env.KEY_SUFFIX;\nconst key = 'account-' + '${body.slice(0, 10)}' + suffix;\nawait fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': p, 'X-GEMINI-SIGNATURE': s } });\n`);
    repo.commit('init', '.');
    const { status, report } = scanJson([], repo.dir);
    expect(status).toBe(1);
    const named = report.findings.filter((f) => f.ruleId === HARDCODED).map((f) => [f.file, f.line, f.message.split(' Names ')[0]]);
    expect(named).toEqual([
      ['.env.N3…', 1, 'Gemini exchange API secret N3… is written in the file name .env.N3….'],
      ['keys/account-Hy7R…/readme.txt', 1, 'Gemini exchange API key account-Hy7R… is written in the folder name keys/account-Hy7R…/.'],
      ['src/account-Tq4W….js', 1, 'Gemini exchange API key account-Tq4W… is written in the file name src/account-Tq4W….js.'],
    ]);
    const outputs = [JSON.stringify(report)];
    for (const args of [['scan'], ['scan', '--format', 'sarif'], ['roles'], ['roles', '--format', 'json'], ['scan', '--write-baseline', 'baseline.json'], ['scan', '--fix']]) {
      const r = repo.run(args);
      outputs.push(r.stdout, r.stderr);
    }
    outputs.push(repo.read('baseline.json'));
    expect(outputs.join('\n')).toMatch(/account-Tq4W…/);
    expectNoLeak(...outputs);
    // the baseline written from redacted names still suppresses them
    expect(repo.run(['scan', '--baseline', 'baseline.json']).status).toBe(0);
  });
});
