#!/usr/bin/env node
import { runCli } from '../scanner/cli.js';

try {
  const result = runCli(process.argv.slice(2), {
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
