// CommonJS, as the bin (src/bin/package.json).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module imports this way
import v8 = require('node:v8');

// Node options that size the young generation
const SIZED_BY_USER = /--(?:max|min)[-_]semi[-_]space[-_]size|--semi[-_]space[-_]growth[-_]factor/;

/**
 * This process's memory: V8 doubles a heap's young generation (up to 2 x 16 MB) whenever enough
 * survives its scavenges, and reading a large tree made the main thread's grow to its maximum, 32
 * MB (ccxt copied 16x: peak RSS 165-215 MB, median 181 MB; without that growth 140-195 MB, median
 * 156-163 MB). With a growth factor of 1 it keeps the size it has; lint workers, whose young
 * generation the pool caps anyway, start at the size they used to grow to. V8 raises the factor
 * back to 2 whenever it sets up another isolate's heap, so each lint worker sets it again when it
 * starts (`steadyYoungGeneration` in the CLI's environment tells the pool to ask for that).
 * Only in the CLI's own process (the bin calls this; a program that imports the scanner keeps its
 * V8 settings), only on the V8 of Node 20, where both flags are known (V8 prints an error for a
 * flag it does not know), and not when the young generation was sized on Node's command line or in
 * NODE_OPTIONS. Returns whether it set the flags.
 */
function keepYoungGenerationSteady(): boolean {
  if (!/^11\./.test(process.versions.v8)) return false;
  // whoever sized the young generation themselves (`node --max-semi-space-size`, NODE_OPTIONS) keeps it
  if (SIZED_BY_USER.test([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))) return false;
  v8.setFlagsFromString('--min-semi-space-size=8');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}

export = { keepYoungGenerationSteady };
