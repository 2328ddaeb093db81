import type { Linter } from 'eslint';
import plugin from '../../index.js';
import { importUses, type ImportUse } from '../../analysis/cross-file/index.js';
import { factCollector, isTypeScriptName, languageOptionsFor, lintableName, LINTED_FILES, sharedLinter } from './linting.js';
import { SCANNER_RULES } from '../rules.js';
import type { RuleSetting } from '../types.js';
import type { RawFinding } from './text-credentials.js';
import { screen, type ScreenedRule, type ScreenSetup } from './screen.js';
import { guardedFailures } from '../../utils/guard.js';

// config-rules.ts validates options with the same Linter, loading it through this module (lazy.ts)
export { sharedLinter };

/** Settings the scanner passes to the rules (cross-file facts); read by the analysis layer. */
export type ScannerSettings = Record<string, unknown>;

/** The result of linting one file with the plugin's rules. */
export interface LintOutcome {
  findings: RawFinding[];
  /** A parse error, when the file could not be parsed. */
  fatal?: string;
  /** With `fix`, the text after all safe autofixes, if it changed. */
  fixedText?: string;
  /** `eslint-disable` directives naming our rules that suppressed nothing (with reportUnused). */
  unusedDirectives: RawFinding[];
  /** Imported bindings that play a Gemini role in this file (for the cross-file phase). */
  importUses: ImportUse[];
  /**
   * How many throws the rules' guards swallowed on this file (utils/guard.ts): each is a part of
   * the analysis that did not finish, so findings may be missing. Absent when none.
   */
  incomplete?: number;
}

// The scanner's own rule: collects cross-file facts from the same parse the plugin's rules use.
const collector = factCollector(importUses);

/** The config for one file: the plugin's rules plus the collector, parsed as {@link languageOptionsFor} says. */
function configFor(file: string, rules: Record<string, RuleSetting>, settings: ScannerSettings | undefined, reportUnused: boolean, typescript: boolean): Linter.Config[] {
  // ESLint normalises a config array once per array object: files without cross-file settings
  // (nearly all) share one per kind instead of paying that for every file.
  if (settings !== undefined) return buildConfig(file, rules, settings, reportUnused, typescript);
  const key = `${isTypeScriptName(file) || typescript}|${!/\.(ts|mts|cts)$/i.test(file)}|${/\.cjs$/i.test(file)}|${reportUnused}|${JSON.stringify(rules)}`;
  let config = sharedConfigs.get(key);
  if (!config) {
    if (sharedConfigs.size > 64) sharedConfigs.clear();
    config = buildConfig(file, rules, undefined, reportUnused, typescript);
    sharedConfigs.set(key, config);
  }
  return config;
}

const sharedConfigs = new Map<string, Linter.Config[]>();

/**
 * The plugin as the scanner hands it to ESLint: the same rules with `schema: false`. The scanner
 * validated every option against the real schemas before the scan (config-rules.ts, by ESLint
 * itself); checking them again for every file's config cost more than linting small files, and
 * compiling the schemas was a fifth of a small scan's start-up.
 */
const scannerPlugin = {
  ...plugin,
  rules: Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [name, { ...rule, meta: { ...rule.meta, schema: false } }])),
} as unknown as NonNullable<Linter.Config['plugins']>[string];

function buildConfig(file: string, rules: Record<string, RuleSetting>, settings: ScannerSettings | undefined, reportUnused: boolean, typescript: boolean): Linter.Config[] {
  return [
    {
      files: LINTED_FILES,
      plugins: {
        'gemini-guard': scannerPlugin,
        'gemini-guard-scanner': collector.plugin,
      },
      languageOptions: languageOptionsFor(file, typescript),
      linterOptions: { reportUnusedDisableDirectives: reportUnused ? 'warn' : 'off' },
      rules: { ...(rules as Linter.RulesRecord), 'gemini-guard-scanner/collect': 'error' },
      settings: settings ? { 'gemini-guard': settings } : {},
    },
  ];
}

/**
 * Runs the plugin's rules on one JS/TS file: the scanner is not a second implementation of the
 * rules, it is the rules. A JavaScript file on which no rule reports is settled by a screening run
 * (screen.ts, about twice as fast); every other file goes through ESLint's `Linter`, so messages,
 * fixes and `eslint-disable` comments work as in ESLint.
 */
export function lintWithRules(
  file: string,
  text: string,
  rules: Record<string, RuleSetting>,
  options: LintOptions = {},
): LintOutcome {
  return screenFirst(lintableName(file), text, rules, options) ?? lintWithLinter(file, text, rules, options);
}

/** What {@link lintWithRules} is asked for besides the file. */
export interface LintOptions {
  settings?: ScannerSettings;
  fix?: boolean;
  reportUnused?: boolean;
}

/** {@link lintWithRules} through ESLint's `Linter` always (no screening run). */
export function lintWithLinter(file: string, text: string, rules: Record<string, RuleSetting>, options: LintOptions = {}): LintOutcome {
  const linter = sharedLinter();
  const name = lintableName(file);
  let messages: Linter.LintMessage[] = [];
  let fixedText: string | undefined;
  const failuresBefore = guardedFailures.count;
  let config: Linter.Config[] = [];
  for (const typescript of [false, true]) {
    config = configFor(name, rules, options.settings, options.reportUnused ?? false, typescript);
    collector.reset();
    fixedText = undefined;
    if (options.fix) {
      const report = linter.verifyAndFix(text, config, { filename: name });
      messages = report.messages;
      if (report.fixed) fixedText = report.output;
    } else {
      messages = linter.verify(text, config, { filename: name });
    }
    // the first run of a kind of file teaches later screening runs (not the retry of JavaScript as TypeScript)
    if (!typescript && !messages.some((m) => m.fatal)) learnScreenSetup(name, linter);
    // JavaScript that espree cannot read (Flow-free TS-isms, odd syntax) gets one more try.
    if (!messages.some((m) => m.fatal) || isTypeScriptName(name)) break;
  }
  const outcome: LintOutcome = { findings: [], unusedDirectives: [], importUses: collector.result() ?? [] };
  if (fixedText !== undefined) outcome.fixedText = fixedText;
  if (guardedFailures.count > failuresBefore) {
    // With fixes, the rules ran on the text of each fixing pass; only the last text's analysis is
    // what the findings come from: a throw on an earlier text says nothing about it.
    if (fixedText !== undefined) {
      const before = guardedFailures.count;
      linter.verify(fixedText, config, { filename: name });
      if (guardedFailures.count > before) outcome.incomplete = guardedFailures.count - before;
    } else {
      outcome.incomplete = guardedFailures.count - failuresBefore;
    }
  }
  const source = fixedText ?? text;
  const lines = source.split('\n');
  for (const m of messages) {
    if (m.fatal) {
      // a parser that ran out of stack (deep nesting) reports no position
      outcome.fatal = m.line ? `line ${m.line}: ${m.message}` : m.message;
      continue;
    }
    const endLine = m.endLine ?? m.line;
    const endColumn = m.endColumn ?? m.column;
    if (!m.ruleId) {
      // unused eslint-disable directives come without a rule id
      if (/gemini-guard\//.test(m.message)) {
        outcome.unusedDirectives.push({ ruleId: SCANNER_RULES.unusedIgnore.id, message: m.message, line: m.line, column: m.column, endLine, endColumn, severity: 'warning', shape: `unused:${m.message}` });
      }
      continue;
    }
    // ESLint's "Definition for rule … was not found" for an `eslint-disable` comment naming an id
    // the plugin lacks (a typo, or a scanner-only rule): not a finding of a rule that ran
    if (!m.ruleId.startsWith('gemini-guard/') || !(m.ruleId in rules)) continue;
    outcome.findings.push({
      ruleId: m.ruleId,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine,
      endColumn,
      severity: m.severity === 2 ? 'error' : 'warning',
      ...(m.messageId ? { messageId: m.messageId } : {}),
      shape: `${m.messageId ?? ''}:${sliceText(lines, m.line, m.column, endLine, endColumn)}`,
      ...(m.fix ? { fixable: true as const } : {}),
    });
  }
  return outcome;
}

// ---- the screening run (screen.ts): files on which no rule reports skip the Linter ----

const screenSetups = new Map<string, ScreenSetup>();

/** How many files screening runs settled in this thread (the rest went to the `Linter`): for tests and profiling. */
export const screenStats = { settled: 0 };

/** Files of one kind share language options (see `languageOptionsFor`): JavaScript modules, CommonJS, TypeScript, TSX. */
function screenKind(name: string): string {
  if (isTypeScriptName(name)) return /\.(ts|mts|cts)$/i.test(name) ? 'ts' : 'tsx';
  return /\.cjs$/i.test(name) ? 'commonjs' : 'module';
}

/** What screening runs of files named like `name` use, once a `Linter` run has taught it (for tests). */
export function learntScreenSetup(name: string): ScreenSetup | undefined {
  return screenSetups.get(screenKind(lintableName(name)));
}

/** After a `Linter` run that parsed: ESLint's `SourceCode` class and the language options it used, for later screening runs of that kind. */
function learnScreenSetup(name: string, linter: Linter): void {
  const kind = screenKind(name);
  if (screenSetups.has(kind)) return;
  const languageOptions = collector.languageOptions() as ScreenSetup['languageOptions'] | undefined;
  const sourceCode = linter.getSourceCode() as { applyLanguageOptions?: unknown; finalize?: unknown } | null;
  // ESLint 9 and 10 add globals through these two; without them the scopes would differ
  if (!languageOptions || !sourceCode || typeof languageOptions.ecmaVersion !== 'number') return;
  if (typeof sourceCode.applyLanguageOptions !== 'function' || typeof sourceCode.finalize !== 'function') return;
  screenSetups.set(kind, { SourceCode: sourceCode.constructor as ScreenSetup['SourceCode'], languageOptions });
}

const screenRules = new Map<string, Map<string, { rule: ScreenedRule; options: unknown[] }> | undefined>();

/**
 * The rules a screening run calls for these settings: the plugin's rules that are on, and the
 * scanner's collector; `undefined` (no screening) when a setting names a rule the plugin lacks.
 */
function rulesToScreen(rules: Record<string, RuleSetting>): Map<string, { rule: ScreenedRule; options: unknown[] }> | undefined {
  const key = JSON.stringify(rules);
  if (screenRules.has(key)) return screenRules.get(key);
  let found: Map<string, { rule: ScreenedRule; options: unknown[] }> | undefined = new Map();
  for (const [id, setting] of Object.entries(rules)) {
    const level = Array.isArray(setting) ? setting[0] : setting;
    if (level === 'off' || (level as unknown) === 0) continue;
    const rule = (plugin.rules as unknown as Record<string, ScreenedRule | undefined>)[id.replace(/^gemini-guard\//, '')];
    if (!rule) {
      found = undefined;
      break;
    }
    found.set(id, { rule, options: Array.isArray(setting) ? setting.slice(1) : [] });
  }
  if (found) found.set('gemini-guard-scanner/collect', { rule: collector.plugin.rules!.collect as unknown as ScreenedRule, options: [] });
  if (screenRules.size > 16) screenRules.clear();
  screenRules.set(key, found);
  return found;
}

/**
 * The outcome of a screening run when it settles the file: JavaScript or TypeScript, no fixes or
 * unused-directive reports asked for, and no rule reported. `undefined` sends the file to the `Linter`.
 */
function screenFirst(name: string, text: string, rules: Record<string, RuleSetting>, options: LintOptions): LintOutcome | undefined {
  if (options.fix || options.reportUnused) return undefined;
  const setup = screenSetups.get(screenKind(name));
  const screened = rulesToScreen(rules);
  if (!setup || !screened) return undefined;
  try {
    collector.reset();
    const result = screen(name, text, screened, options.settings ? { 'gemini-guard': options.settings } : {}, setup);
    if (!result) return undefined;
    screenStats.settled++;
    return { findings: [], unusedDirectives: [], importUses: collector.result() ?? [] };
  } catch {
    // too deep for the screening run, or anything unexpected: the Linter decides, as before
    return undefined;
  }
}

/** The source between two 1-based positions, whitespace folded (the code shape of a finding). */
function sliceText(lines: string[], line: number, column: number, endLine: number, endColumn: number): string {
  if (line === endLine) return (lines[line - 1] ?? '').slice(column - 1, endColumn - 1).replace(/\s+/g, ' ').trim();
  const parts = [(lines[line - 1] ?? '').slice(column - 1), ...lines.slice(line, endLine - 1), (lines[endLine - 1] ?? '').slice(0, endColumn - 1)];
  return parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, 2000);
}

/**
 * Loads ESLint and runs the rules once on a small Gemini call, so that a lint worker pays its
 * start-up (module loading, first compilation) while the main thread is still reading files.
 */
export function warmUp(rules: Record<string, RuleSetting>): void {
  try {
    lintWithRules('warm-up.js', "fetch('https://api.gemini.com/v1/balances', { method: 'POST' });\n", rules);
  } catch {
    // a failed warm-up only costs the time it saves
  }
}
