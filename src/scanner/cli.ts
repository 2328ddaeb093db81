import { createRequire } from 'node:module';
import { existsSync, lstatSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Baseline } from './baseline.js';
import { ConfigError, configFolder, loadConfig } from './config.js';
import { UnmatchedIncludeError } from './files.js';
import { scanRoot } from './paths.js';
import { redactReport } from './redact.js';
import { formatHelp, formatsOf, reporterFor } from './reporters/index.js';
import { HISTORY_RULE_ID } from './rules.js';
import { scanProject, workingTreeSource, type SourceProvider } from './scan.js';
import type { BaselineEntry, ScanResult } from './types.js';

/** What the CLI returns; the bin prints it and sets the exit code. */
export interface CliResult {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

/** The outside world the CLI may see; tests pass their own. */
export interface CliEnvironment {
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Live progress output (stderr), used only for the progress bar. */
  writeProgress?: (text: string) => void;
  now?: () => number;
  /** The bin keeps V8's young generation at a steady size in this process: lint workers must too (see the bin). */
  steadyYoungGeneration?: boolean;
}

// What a plain scan does not use loads only for the options that need it (`import()` below): the
// baseline file, git (--staged, --since, --history), the history scan and the reporters other than
// the chosen one. test/e2e/startup.test.ts checks that an empty scan loads none of them.

/** The package's version (reports, `--version`): read when asked for. */
function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

export const HELP = `Usage: gemini-guard scan [paths...] [options]
       gemini-guard roles [paths...] [--format ${formatsOf('roles').join('|')}] [--output <file>]

scan: finds Gemini exchange API mistakes in a project: hardcoded keys and secrets, unsigned or
mis-signed private calls, nonce bugs, plain http, credentials in logs or browser code.
roles: lists each credential sent as X-GEMINI-APIKEY, the Gemini endpoints called with it and
the least-privilege roles its API key needs; warns when one key both reads and trades.

Options:
${formatHelp()}
  --output <file>              write the report to a file instead of stdout
  --fail-on <error|warning|none>
                               lowest severity that makes the exit code 1 (default: error)
  --fail-on-skip               exit 1 when a file could not be fully checked (skipped)
  --include <glob>             only scan matching files (repeatable)
  --exclude <glob>             skip matching files (repeatable)
  --config <file>              config file (default: gemini-guard.config.json, or the
                               "gemini-guard" key of package.json, in the scanned folder)
  --max-file-size <bytes>      skip larger files (default: 5242880)
  --jobs <n>                   threads that parse and lint (default: one per core, at most 4,
                               one core left to reading while files are read; 1 lints in the
                               main thread)
  --fix                        apply the rules' safe autofixes to files on disk
  --report-unused-ignores      report ignore comments that suppress nothing
  --quiet                      report errors only, not warnings (as in ESLint)
  --max-warnings <n>           exit 1 when there are more than n warnings
  --progress, --no-progress    show or hide the progress bar (default: on a terminal, not in CI)
  --no-color                   no colours (NO_COLOR is honoured too)
  -h, --help                   show this help
  -v, --version                show the version

Git and CI (scan):
  --staged                     scan what the next commit will contain (the git index), not
                               the working tree: for pre-commit hooks
  --since <rev>                only files changed since the merge base of <rev> and HEAD,
                               plus uncommitted and untracked ones: for pull-request gates
  --history                    Gemini keys and secrets in the lines every commit added (with
                               --since <rev>: only the commits after <rev>); rotate what it finds
  --baseline <file>            suppress the known findings listed in this baseline file
  --write-baseline <file>      write (or refresh) a baseline of the current findings; exit 0

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or fatal error.
`;

/** Runs the CLI with the given arguments (without `node` and the script path). */
export async function runCli(argv: string[], environment: CliEnvironment): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'fail-on': { type: 'string', default: 'error' },
        'fail-on-skip': { type: 'boolean', default: false },
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        config: { type: 'string' },
        'max-file-size': { type: 'string' },
        jobs: { type: 'string' },
        fix: { type: 'boolean', default: false },
        'report-unused-ignores': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        staged: { type: 'boolean', default: false },
        since: { type: 'string' },
        history: { type: 'boolean', default: false },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
      },
    });
  } catch (error) {
    return usage(parseErrorText((error as Error).message));
  }
  const { values, positionals } = parsed;
  if (values.help) return { exitCode: 0, stdout: HELP, stderr: '' };
  if (values.version) return { exitCode: 0, stdout: `${version()}\n`, stderr: '' };
  const [command, ...paths] = positionals;
  if (command === 'roles') return await runRoles(values, paths, environment);
  if (command !== 'scan') return usage(command === undefined ? 'missing command' : `unknown command "${command}"`);
  const chosen = reporterFor('scan', values.format);
  if ('error' in chosen) return usage(chosen.error);
  const failOn = values['fail-on'];
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'none') return usage(`--fail-on must be error, warning or none`);
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = Number(values['max-file-size']);
    if (!Number.isInteger(maxFileSize) || maxFileSize <= 0) return usage('--max-file-size takes a positive number of bytes');
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!/^\d+$/.test(values.jobs) || jobs < 1 || jobs > 64) return usage('--jobs takes a number of threads from 1 to 64');
  }
  if (values.staged && values.since !== undefined) return usage('--staged and --since cannot be combined (--staged already scans only what you are committing)');
  if (values.staged && values.history) return usage('--staged and --history cannot be combined');
  if (values.fix && (values.staged || values.history)) return usage('--fix works on the working tree only, not with --staged or --history');
  if (values.since !== undefined && (values.since === '' || values.since.startsWith('-'))) return usage('--since takes a git revision, e.g. origin/main');
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings']) || !Number.isSafeInteger(maxWarnings)) return usage('--max-warnings takes a number of warnings (0 or more)');
  }

  const missing = values.history ? undefined : missingPath(environment.cwd, paths);
  if (missing !== undefined) return usage(missing);
  // The folder the scan is rooted in: config lookup, and no symlink leads out of it.
  const root = scanRoot(environment.cwd, paths);
  let config;
  let configAsWritten;
  try {
    ({ config, written: configAsWritten } = loadConfig(configFolder(root, paths, environment.cwd), values.config, environment.cwd));
  } catch (error) {
    if (error instanceof ConfigError) return usage(redactReport(error.message));
    throw error;
  }
  const include = [...(config.include ?? []), ...(values.include ?? [])];
  const exclude = [...(config.exclude ?? []), ...(values.exclude ?? [])];

  // Read the baselines first: a broken baseline file must stop the run before any work.
  let baseline: Baseline | undefined;
  let previous: Baseline | undefined;
  const baselinePath = values.baseline === undefined ? undefined : resolve(environment.cwd, values.baseline);
  const writePath = values['write-baseline'] === undefined ? undefined : resolve(environment.cwd, values['write-baseline']);
  const baselines = baselinePath || writePath ? await import('./baseline.js') : undefined;
  try {
    if (baselinePath) baseline = baselines!.readBaseline(baselinePath);
    if (writePath && existsSync(writePath)) previous = writePath === baselinePath ? baseline : baselines!.readBaseline(writePath);
  } catch (error) {
    if (baselines && error instanceof baselines.BaselineError) return fail(error.message);
    throw error;
  }
  // git runs only for these options (a plain scan lists files without it, or through files.ts)
  const git = values.staged || values.since !== undefined || values.history ? await import('./git.js') : undefined;

  const ci = Boolean(environment.env.CI);
  // like ESLint's --quiet, quiet means "errors only"; the progress bar has its own switch
  const wantProgress = values['no-progress'] === true || values.progress === false ? false : values.progress === true || (!ci && environment.stderrIsTTY);
  const progress = wantProgress && environment.writeProgress ? makeProgress(environment) : undefined;
  let result: ScanResult;
  let unfixedNote = '';
  // Which baseline entries this run could have matched: only those can be stale or refreshed.
  let covers: (entry: BaselineEntry) => boolean;
  try {
    if (values.history) {
      const { scanHistory } = await import('./history.js');
      const history = scanHistory({ cwd: environment.cwd, paths, include, exclude, since: values.since, onProgress: progress?.update, now: environment.now });
      const seen = new Set(history.files.map((f) => redactReport(f)));
      const whole = values.since === undefined && paths.length === 0;
      covers = (e) => e.ruleId === HISTORY_RULE_ID && values.since === undefined && (whole || seen.has(e.file));
      const { files: _files, ...rest } = history;
      result = rest;
    } else {
      const walk = { cwd: environment.cwd, root, paths, include, exclude };
      let provider: SourceProvider;
      if (values.staged) {
        provider = git!.stagedSource(walk);
      } else if (values.since !== undefined) {
        const changed = git!.changedSincePaths({ ...walk, rev: values.since });
        provider = workingTreeSource(walk, () => ({ paths: changed, skipped: [] }));
      } else {
        // Scanning the whole root, include patterns that keep no file are a mistake, not a clean
        // scan. A part of it may lie outside them: files as lint-staged passes them, or one
        // package of a monorepo whose root config includes others.
        // --include given for folders named on the same command line is meant for them.
        const whole = paths.every((p) => resolve(environment.cwd, p) === root);
        const foldersWithInclude = (values.include?.length ?? 0) > 0 && paths.every((p) => isFolder(resolve(environment.cwd, p)));
        provider = workingTreeSource({ ...walk, maxFileSize: maxFileSize ?? config.maxFileSize, includeMustMatch: whole || foldersWithInclude });
      }
      const whole = !values.staged && values.since === undefined && paths.length === 0;
      // the names listed, redacted as baselines hold them: asked only of a scan of part of the
      // tree with a baseline, so made on the first question (a name at a time cost 20 ms at 21k files)
      let listedPaths: readonly { file: string }[] = [];
      let listed: Set<string> | undefined;
      const recording: SourceProvider = {
        ...provider,
        list: () => {
          const out = provider.list();
          listedPaths = out.paths;
          return out;
        },
      };
      covers = (e) => {
        if (e.ruleId === HISTORY_RULE_ID) return false;
        if (whole) return true;
        listed ??= new Set(listedPaths.map((p) => redactReport(p.file)));
        return listed.has(e.file);
      };
      const scanned = await scanProject({
        jobs,
        steadyYoungGeneration: environment.steadyYoungGeneration,
        cwd: environment.cwd,
        paths,
        include,
        exclude,
        provider: recording,
        maxFileSize: maxFileSize ?? config.maxFileSize,
        rules: config.rules,
        fix: values.fix,
        reportUnusedIgnores: values['report-unused-ignores'],
        onProgress: progress?.update,
        now: environment.now,
      });
      const { unfixed, ...rest } = scanned;
      result = rest;
      if (unfixed.length > 0) unfixedNote = `gemini-guard: --fix did not write ${unfixed.length} file${unfixed.length === 1 ? '' : 's'} (a symbolic link or not a regular file): ${unfixed.slice(0, 5).join(', ')}${unfixed.length > 5 ? ', …' : ''}\n`;
    }
  } catch (error) {
    progress?.clear();
    if (git && error instanceof git.GitError) return fail(redactReport(error.message));
    if (error instanceof UnmatchedIncludeError) {
      const origins = [
        ...(configAsWritten?.include?.length ? [`${configSource(values.config)}: ${quoted(configAsWritten.include)}`] : []),
        ...(values.include?.length ? [`--include: ${quoted(values.include)} (relative to the current folder)`] : []),
      ];
      return usage(redactReport(`the include patterns match none of the ${error.listed} file${error.listed === 1 ? '' : 's'} listed, so nothing would be checked. Check them: ${origins.join('; ')}`));
    }
    // Fatal errors name what failed, never file contents.
    return { exitCode: 2, stdout: '', stderr: redactReport(`gemini-guard: fatal: ${(error as Error).message.split('\n')[0]?.slice(0, 300)}\n`) };
  }
  progress?.clear();
  // From here on, only redacted names and messages: reports, baselines and stderr.
  result = redactReport(result);

  let stderr = redactReport(unfixedNote);
  let wroteBaseline: string | undefined;
  const allFindings = result.findings;
  if (baseline) {
    const applied = baselines!.applyBaseline(result.findings, baseline, covers);
    result = { ...result, findings: applied.findings, stats: { ...result.stats, findings: applied.findings.length }, baseline: { suppressed: applied.suppressed, stale: applied.stale } };
  }
  if (writePath) {
    // Every current finding, suppressed or not, replaces what the old file said about what this run covered.
    const refreshed = baselines!.refreshedBaseline(previous, allFindings, covers);
    try {
      baselines!.writeBaseline(writePath, refreshed);
    } catch (error) {
      if (error instanceof baselines!.BaselineError) return fail(error.message);
      throw error;
    }
    result = { ...result, findings: [], stats: { ...result.stats, findings: 0 }, baseline: { suppressed: allFindings.length, stale: [] } };
    wroteBaseline = baselineWrittenText(values['write-baseline']!, refreshed.findings.length, allFindings);
  } else if (result.baseline && result.baseline.stale.length > 0) {
    const stale = result.baseline.stale;
    stderr += `gemini-guard: ${stale.length} baseline entr${stale.length === 1 ? 'y matches' : 'ies match'} no finding any more (fixed, or the code or secret changed); refresh the baseline with --write-baseline:\n`;
    for (const e of stale.slice(0, 20)) stderr += `  ${e.file}  ${e.ruleId}  ${e.fingerprint}\n`;
    if (stale.length > 20) stderr += `  … and ${stale.length - 20} more (see --format json)\n`;
  }

  if (values.quiet) {
    const errors = result.findings.filter((f) => f.severity === 'error');
    result = { ...result, findings: errors, stats: { ...result.stats, findings: errors.length } };
  }
  if (result.fixedFiles) stderr += fixedText(result.fixedFiles);

  const colorAllowed = values['no-color'] !== true && values.color !== false && !environment.env.NO_COLOR && environment.env.TERM !== 'dumb';
  const color = values.format === 'text' && !values.output && colorAllowed && (values.color === true || environment.stdoutIsTTY);
  // A baseline run reports what it wrote: the text report of an empty, all-suppressed scan would
  // read as "no problems found", which is the opposite of what just happened.
  if (wroteBaseline !== undefined && values.format === 'text' && !values.output) return { exitCode: 0, stdout: wroteBaseline, stderr };
  if (wroteBaseline !== undefined) stderr += `gemini-guard: ${wroteBaseline}`;
  const reporter = await chosen.load();
  // only SARIF names the version: the text report does not read package.json
  const report = reporter(result, {
    color,
    get version() {
      return version();
    },
  });
  let stdout = report;
  if (values.output) {
    try {
      writeFileSync(resolve(environment.cwd, values.output), report);
    } catch (error) {
      return { exitCode: 2, stdout: '', stderr: `gemini-guard: cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n` };
    }
    stdout = '';
  }
  const failing = result.findings.some((f) => failOn === 'warning' || (failOn === 'error' && f.severity === 'error'));
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) stderr += `gemini-guard: too many warnings (${warnings}; --max-warnings allows ${maxWarnings}).\n`;
  if (values['fail-on-skip'] && result.skipped.length > 0) {
    const n = result.skipped.length;
    stderr += `gemini-guard: ${n} file${n === 1 ? ' was' : 's were'} not fully checked (--fail-on-skip): ${result.skipped.slice(0, 5).map((s) => `${s.file} (${s.reason})`).join(', ')}${n > 5 ? ', …' : ''}\n`;
    return { exitCode: 1, stdout, stderr };
  }
  return { exitCode: (failOn !== 'none' && failing) || tooManyWarnings ? 1 : 0, stdout, stderr };
}

/** What `--write-baseline` did, in one sentence and a hint. */
function baselineWrittenText(file: string, entries: number, findings: readonly { severity: string }[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const kept = entries - findings.length;
  const current = `${findings.length} current finding${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  const previous = kept > 0 ? `, and ${kept} kept from the previous baseline for files this run did not cover` : '';
  return `Wrote ${entries} baseline entr${entries === 1 ? 'y' : 'ies'} to ${file}: ${current}${previous}. Scan with --baseline ${file} to report only new findings.\n`;
}

/** What `--fix` changed. */
function fixedText(files: readonly string[]): string {
  if (files.length === 0) return 'gemini-guard: --fix changed no file.\n';
  const shown = files.slice(0, 10).join(', ');
  return `gemini-guard: --fix changed ${files.length} file${files.length === 1 ? '' : 's'}: ${shown}${files.length > 10 ? ` and ${files.length - 10} more` : ''}.\n`;
}

/** node:util's parse errors, shortened to one line that names the option. */
function parseErrorText(message: string): string {
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  return (message.split(/\.\s/)[0] ?? message).replace(/\.$/, '');
}

const SCAN_ONLY = ['staged', 'since', 'history', 'baseline', 'write-baseline', 'fix', 'report-unused-ignores', 'fail-on', 'fail-on-skip', 'max-warnings'] as const;


/** The first scanned path that does not exist, as a usage error; `undefined` when all do. */
function missingPath(cwd: string, paths: readonly string[]): string | undefined {
  for (const path of paths) {
    try {
      lstatSync(resolve(cwd, path));
    } catch {
      return `${redactReport(JSON.stringify(path))}: no such file or folder (nothing would be scanned)`;
    }
  }
  return undefined;
}

/** `gemini-guard roles [paths…]`: the least-privilege report; exit 0 unless the usage is wrong. */
async function runRoles(values: Record<string, unknown>, paths: string[], environment: CliEnvironment): Promise<CliResult> {
  for (const option of SCAN_ONLY) {
    const value = values[option];
    if (value !== undefined && value !== false && !(option === 'fail-on' && value === 'error')) return usage(`--${option} is a scan option, not a roles option`);
  }
  const format = String(values.format);
  const chosen = reporterFor('roles', format);
  if ('error' in chosen) return usage(chosen.error);
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = Number(values['max-file-size']);
    if (!Number.isInteger(maxFileSize) || maxFileSize <= 0) return usage('--max-file-size takes a positive number of bytes');
  }
  const missing = missingPath(environment.cwd, paths);
  if (missing !== undefined) return usage(missing);
  const root = scanRoot(environment.cwd, paths);
  let config;
  try {
    config = loadConfig(configFolder(root, paths, environment.cwd), values.config as string | undefined, environment.cwd).config;
  } catch (error) {
    if (error instanceof ConfigError) return usage(redactReport(error.message));
    throw error;
  }
  let report;
  try {
    // the role analysis (and with it the rules' analysis layer) loads only for this command
    const { rolesReport } = await import('./roles.js');
    report = rolesReport({
      cwd: environment.cwd,
      root,
      paths,
      include: [...(config.include ?? []), ...((values.include as string[] | undefined) ?? [])],
      exclude: [...(config.exclude ?? []), ...((values.exclude as string[] | undefined) ?? [])],
      maxFileSize: maxFileSize ?? config.maxFileSize,
      now: environment.now,
    });
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: redactReport(`gemini-guard: fatal: ${(error as Error).message.split('\n')[0]?.slice(0, 300)}\n`) };
  }
  report = redactReport(report);
  const colorAllowed = values['no-color'] !== true && values.color !== false && !environment.env.NO_COLOR && environment.env.TERM !== 'dumb';
  const output = values.output as string | undefined;
  const color = format === 'text' && !output && colorAllowed && (values.color === true || environment.stdoutIsTTY);
  const reporter = await chosen.load();
  const text = reporter(report, {
    color,
    get version() {
      return version();
    },
  });
  if (output) {
    try {
      writeFileSync(resolve(environment.cwd, output), text);
    } catch (error) {
      return { exitCode: 2, stdout: '', stderr: `gemini-guard: cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n` };
    }
    return { exitCode: 0, stdout: '', stderr: '' };
  }
  return { exitCode: 0, stdout: text, stderr: '' };
}

/** A fatal error that is not a usage mistake (git, baseline file): the message only, no help. */
function fail(message: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `gemini-guard: ${message}\n` };
}

/** Whether `path` is a folder (following links); false for a file or what cannot be read. */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Where the config's globs come from and what they are relative to, for messages. */
function configSource(explicit: string | undefined): string {
  return explicit ? `--config ${explicit} (relative to the current folder)` : 'the config (relative to its folder)';
}

const quoted = (globs: readonly string[]): string => globs.map((g) => JSON.stringify(g)).join(', ');

/** A usage mistake: one line that says what is wrong, and where the options are listed. */
function usage(message: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `gemini-guard: ${message}\nRun "gemini-guard --help" for the commands and options.\n` };
}

/** A one-line progress bar on stderr, shown only for scans that take longer than a second. */
function makeProgress(environment: CliEnvironment) {
  const now = environment.now ?? Date.now;
  const started = now();
  let shown = false;
  let last = 0;
  return {
    update(done: number, total: number) {
      const t = now();
      if (t - started < 1000 || t - last < 100) return;
      last = t;
      shown = true;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      environment.writeProgress?.(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
    },
    clear() {
      if (shown) environment.writeProgress?.('\r\u001b[2K');
    },
  };
}
