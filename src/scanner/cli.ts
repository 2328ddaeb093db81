import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { jsonReporter } from './reporters/json.js';
import { sarifReporter } from './reporters/sarif.js';
import { textReporter } from './reporters/text.js';
import type { Reporter } from './reporters/types.js';
import { scanProject } from './scan.js';
import type { ScanResult } from './types.js';

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
}

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

const REPORTERS: Record<string, Reporter> = { text: textReporter, json: jsonReporter, sarif: sarifReporter };

export const HELP = `Usage: gemini-guard scan [paths...] [options]

Scans a project for Gemini exchange API mistakes: hardcoded keys and secrets, unsigned or
mis-signed private calls, nonce bugs, plain http, credentials in logs or browser code.

Options:
  --format <text|json|sarif>   output format (default: text)
  --output <file>              write the report to a file instead of stdout
  --fail-on <error|warning|none>
                               lowest severity that makes the exit code 1 (default: error)
  --include <glob>             only scan matching files (repeatable)
  --exclude <glob>             skip matching files (repeatable)
  --config <file>              config file (default: gemini-guard.config.json, or
                               the "gemini-guard" key of package.json)
  --max-file-size <bytes>      skip larger files (default: 5242880)
  --fix                        apply the rules' safe autofixes to files on disk
  --report-unused-ignores      report ignore comments that suppress nothing
  --quiet                      no progress output
  --no-color                   no colours (NO_COLOR is honoured too)
  -h, --help                   show this help
  -v, --version                show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or fatal error.
`;

/** Runs the CLI with the given arguments (without `node` and the script path). */
export function runCli(argv: string[], environment: CliEnvironment): CliResult {
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
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        config: { type: 'string' },
        'max-file-size': { type: 'string' },
        fix: { type: 'boolean', default: false },
        'report-unused-ignores': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { exitCode: 0, stdout: HELP, stderr: '' };
  if (values.version) return { exitCode: 0, stdout: `${pkg.version}\n`, stderr: '' };
  const [command, ...paths] = positionals;
  if (command !== 'scan') return usage(command === undefined ? 'missing command' : `unknown command "${command}"`);
  const reporter = REPORTERS[values.format];
  if (!reporter) return usage(`unknown format "${values.format}" (use text, json or sarif)`);
  const failOn = values['fail-on'];
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'none') return usage(`--fail-on must be error, warning or none`);
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = Number(values['max-file-size']);
    if (!Number.isInteger(maxFileSize) || maxFileSize <= 0) return usage('--max-file-size takes a positive number of bytes');
  }

  let config;
  try {
    config = loadConfig(environment.cwd, values.config).config;
  } catch (error) {
    if (error instanceof ConfigError) return usage(error.message);
    throw error;
  }

  const ci = Boolean(environment.env.CI);
  const progress = !values.quiet && !ci && environment.stderrIsTTY && environment.writeProgress ? makeProgress(environment) : undefined;
  let result: ScanResult;
  try {
    result = scanProject({
      cwd: environment.cwd,
      paths,
      include: [...(config.include ?? []), ...(values.include ?? [])],
      exclude: [...(config.exclude ?? []), ...(values.exclude ?? [])],
      maxFileSize: maxFileSize ?? config.maxFileSize,
      rules: config.rules,
      fix: values.fix,
      reportUnusedIgnores: values['report-unused-ignores'],
      onProgress: progress?.update,
      now: environment.now,
    });
  } catch (error) {
    progress?.clear();
    // Fatal errors name what failed, never file contents.
    return { exitCode: 2, stdout: '', stderr: `gemini-guard: fatal: ${(error as Error).message.split('\n')[0]?.slice(0, 300)}\n` };
  }
  progress?.clear();

  const colorAllowed = values['no-color'] !== true && values.color !== false && !environment.env.NO_COLOR && environment.env.TERM !== 'dumb';
  const color = values.format === 'text' && !values.output && colorAllowed && (values.color === true || environment.stdoutIsTTY);
  const report = reporter(result, { color, version: pkg.version });
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
  return { exitCode: failOn !== 'none' && failing ? 1 : 0, stdout, stderr: '' };
}

function usage(message: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `gemini-guard: ${message}\n\n${HELP}` };
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
