/**
 * What every fuzz property runs: the plugin's rules through ESLint's `Linter` (espree for
 * JavaScript, @typescript-eslint/parser for TypeScript) and the scanner's pure core, plus the
 * checks shared by the properties.
 *
 * Reproducing a failure: fast-check prints `{ seed: S, path: "P", endOnFailure: true }` and the
 * shrunk counterexample. Replay exactly that case with
 *
 *   FUZZ_SEED=S FUZZ_PATH=P npx vitest run test/fuzz/<file> -t '<test name>'
 *
 * then copy the counterexample into test/fuzz/regressions.test.ts. `FUZZ_RUNS=N` runs every
 * property N times instead of its CI size (a long run: `FUZZ_RUNS=100000`); `FUZZ_SEED` alone
 * explores a different part of the space.
 */
import type fc from 'fast-check';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../../src/index.js';
import { scanSources, type CoreResult } from '../../src/scanner/core.js';
import { findLeak } from '../helpers/secrets.js';

/** The default seed: CI explores the same inputs on every run, so a red build is reproducible. */
const DEFAULT_SEED = 20_250_607;

/** The seed of this run (`FUZZ_SEED` overrides the fixed default). */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;

/** Runs of one property: its CI size, or `FUZZ_RUNS` when set. */
export function fuzzRuns(ciRuns: number): number {
  const wanted = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : ciRuns;
}

/** Test timeout for a property of `runs` runs (generous: shrinking a failure takes extra runs). */
export function fuzzTimeout(runs: number, msPerRun = 40): number {
  return Math.max(60_000, runs * msPerRun * 3);
}

/**
 * fast-check parameters: seeded; a failure is shrunk to a small counterexample, and fast-check
 * puts the seed and the path in the error it throws, so a failing CI run names both. With
 * `FUZZ_PATH` set, only that case is replayed (`endOnFailure`: no shrinking, it is already shrunk).
 */
export function fuzzParameters<T>(numRuns: number): fc.Parameters<T> {
  const path = process.env.FUZZ_PATH;
  return path ? { seed: FUZZ_SEED, numRuns, path, endOnFailure: true } : { seed: FUZZ_SEED, numRuns };
}

/** Every rule of the plugin, on. */
export const ALL_RULES: Linter.RulesRecord = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`gemini-guard/${id}`, 'error']));

/** Rule options other than the defaults, so option-dependent paths are fuzzed too. */
export const NON_DEFAULT_OPTIONS: Linter.RulesRecord = {
  'gemini-guard/valid-nonce': ['error', { nonce: 'time-based' }],
  'gemini-guard/no-client-side-credentials': ['error', { clientFiles: ['src/**'] }],
  'gemini-guard/no-withdrawal-endpoints': ['error', { allow: ['/v1/withdraw/{currency}', '/v1/payments/addbank'] }],
  'gemini-guard/no-hardcoded-credentials': ['error', { ignoreFiles: ['fixtures/**'], apiKeyEnvVar: 'MY_GEMINI_KEY', apiSecretEnvVar: 'MY_GEMINI_SECRET' }],
};

const linter = new Linter({ configType: 'flat' });

/** True for names @typescript-eslint/parser should read. */
export function isTypeScriptFile(file: string): boolean {
  return /\.[cm]?tsx?$/i.test(file);
}

const configs = new Map<string, Linter.Config[]>();

/**
 * The flat config a file is linted with: espree for JavaScript, @typescript-eslint/parser for
 * TypeScript. One array per kind, reused: ESLint normalises a config array once per object.
 */
export function configFor(file: string, otherOptions = false, only?: readonly string[]): Linter.Config[] {
  const typescript = isTypeScriptFile(file);
  const jsx = /x$/i.test(file);
  const key = `${typescript}|${jsx}|${otherOptions}|${only?.join(',') ?? '*'}`;
  let config = configs.get(key);
  if (!config) {
    config = buildConfig(typescript, jsx, otherOptions, only);
    configs.set(key, config);
  }
  return config;
}

function buildConfig(typescript: boolean, jsx: boolean, otherOptions: boolean, only: readonly string[] | undefined): Linter.Config[] {
  return [
    {
      files: ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
      plugins: { 'gemini-guard': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      languageOptions: typescript
        ? { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx } } }
        : { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: only ? Object.fromEntries(only.map((id) => [id, 'error'])) : otherOptions ? { ...ALL_RULES, ...NON_DEFAULT_OPTIONS } : ALL_RULES,
    },
  ];
}

/** A rule threw: ESLint turns that into an exception from `verify`; the fuzz reports it with the input. */
export class RuleCrash extends Error {
  constructor(file: string, cause: unknown) {
    super(`a rule crashed on ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Lints one file with every rule (or only the rules named in `only`; none: just the parse);
 * throws {@link RuleCrash} if a rule throws.
 */
export function lint(code: string, file: string, otherOptions = false, only?: readonly string[]): Linter.LintMessage[] {
  try {
    return linter.verify(code, configFor(file, otherOptions, only), { filename: file });
  } catch (error) {
    throw new RuleCrash(file, error);
  }
}

/** `verifyAndFix` with every rule; throws {@link RuleCrash} if a rule throws. */
export function lintAndFix(code: string, file: string): Linter.FixReport {
  try {
    return linter.verifyAndFix(code, configFor(file), { filename: file });
  } catch (error) {
    throw new RuleCrash(file, error);
  }
}

/** The parse error of a lint result, if the file did not parse. */
export function parseError(messages: Linter.LintMessage[]): Linter.LintMessage | undefined {
  return messages.find((m) => m.fatal);
}

/**
 * Checks one lint result: no rule crashed (a `fatal` message that is not a parse error), every
 * report comes from a gemini-guard rule, has a position and a message, and no message or
 * suggestion description shows a secret.
 */
export function assertSaneMessages(messages: Linter.LintMessage[], code: string): void {
  for (const m of messages) {
    if (m.fatal) {
      if (!/^Parsing error/.test(m.message)) throw new Error(`fatal message that is not a parse error: ${m.message}`);
      continue;
    }
    if (!m.ruleId?.startsWith('gemini-guard/')) throw new Error(`unexpected report ${m.ruleId}: ${m.message}`);
    if (!(m.line >= 1 && m.column >= 1)) throw new Error(`report without a position: ${JSON.stringify(m)}`);
    if (!m.message || /\{\{|\}\}/.test(m.message)) throw new Error(`malformed message: ${m.message}`);
    for (const text of [m.message, ...(m.suggestions ?? []).map((s) => s.desc)]) {
      const leak = findLeak(text);
      if (leak) throw new Error(`${m.ruleId} shows the secret piece ${leak} in "${text}"\n--- input ---\n${code}`);
    }
  }
}

/** Runs the scanner core on some files, with or without fixing; throws if it throws. */
export function scanCore(files: { file: string; text: string }[], options: { fix?: boolean; reportUnusedIgnores?: boolean } = {}): CoreResult {
  return scanSources(files, options);
}

/**
 * Checks a scanner result: no file was skipped because a rule crashed, findings are well-formed,
 * and nothing in the findings, skipped entries or fixed texts' reports shows a secret.
 */
export function assertSaneScan(result: CoreResult): void {
  for (const s of result.skipped) {
    if (s.detail?.startsWith('internal error')) throw new Error(`the scanner caught a rule crash on ${s.file}: ${s.detail}`);
  }
  for (const f of result.findings) {
    if (!f.ruleId.startsWith('gemini-guard/') || !(f.line >= 1 && f.column >= 1) || !/^[0-9a-f]{32}$/.test(f.fingerprint)) {
      throw new Error(`malformed finding ${JSON.stringify(f)}`);
    }
  }
  const leak = findLeak(JSON.stringify({ findings: result.findings, skipped: result.skipped }));
  if (leak) throw new Error(`the scanner's result shows the secret piece ${leak}`);
}
