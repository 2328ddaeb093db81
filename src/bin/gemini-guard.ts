#!/usr/bin/env node
import { createRequire } from 'node:module';

const argv = process.argv.slice(2);

// `--version` alone is answered before the CLI's module graph (the rules, the analysis layer)
// loads: tools and CI steps that probe the version should not pay for a scan's start-up.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else {
  try {
    const { runCli } = await import('../scanner/cli.js');
    const result = await runCli(argv, {
      cwd: process.cwd(),
      env: process.env,
      stdoutIsTTY: Boolean(process.stdout.isTTY),
      stderrIsTTY: Boolean(process.stderr.isTTY),
      writeProgress: (text) => process.stderr.write(text),
    });
    if (result.stdout) process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } catch (error) {
    process.stderr.write(`gemini-guard: fatal: ${error instanceof Error ? error.message.split('\n')[0] : 'unknown error'}\n`);
    process.exitCode = 2;
  }
}
