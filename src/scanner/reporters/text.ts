import pc from 'picocolors';
import { SKIP_REASONS, type SkippedFile } from '../types.js';
import type { Reporter } from './types.js';

/** How many skipped files the text report names before it refers to `--format json`. */
const SKIPPED_SHOWN = 50;

/** Human-readable report grouped by file, like ESLint's stylish format. */
export const textReporter: Reporter = (result, context) => {
  const c = pc.createColors(context.color);
  const out: string[] = [];
  const byFile = new Map<string, typeof result.findings>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    out.push(c.underline(file));
    for (const f of findings) {
      const level = f.severity === 'error' ? c.red('error') : c.yellow('warning');
      out.push(`  ${c.dim(`${f.line}:${f.column}`.padEnd(8))} ${level.padEnd(context.color ? 17 : 7)}  ${f.message}  ${c.dim(f.ruleId)}${f.fixable ? `  ${c.dim('fixable')}` : ''}`);
    }
    out.push('');
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const unchecked = result.skipped.length > 0 ? `, ${result.skipped.length} not fully checked` : '';
  if (result.findings.length === 0 && result.stats.commitsScanned !== undefined) {
    const n = result.stats.commitsScanned;
    out.push(c.green(`No Gemini exchange keys or secrets found in the git history (${n} commit${n === 1 ? '' : 's'}).`));
  } else if (result.findings.length === 0) {
    const summary = `No Gemini exchange problems found (${result.stats.filesSeen} files, ${result.stats.filesParsed} parsed${unchecked}).`;
    out.push(result.skipped.length > 0 ? c.yellow(summary) : c.green(summary));
  } else {
    const summary = `✖ ${result.findings.length} problem${result.findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
    out.push(errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
    const fixable = result.findings.filter((f) => f.fixable).length;
    if (fixable > 0) out.push(c.dim(`  ${fixable} of them fixable with \`gemini-guard scan --fix\` (marked "fixable").`));
  }
  if (result.baseline && result.baseline.suppressed > 0) {
    const n = result.baseline.suppressed;
    out.push(c.dim(`${n} known finding${n === 1 ? '' : 's'} suppressed by the baseline.`));
  }
  out.push(...skippedLines(result.skipped, c, ' (fail the run on this with --fail-on-skip)'));
  return `${out.join('\n')}\n`;
};

/**
 * Every skipped file by name, with its reason and what still ran on it (docs/scanner.md lists the
 * reasons): a report must show what it did not check. Nothing when nothing was skipped.
 */
export function skippedLines(skipped: readonly SkippedFile[], c: ReturnType<typeof pc.createColors>, hint = ''): string[] {
  if (skipped.length === 0) return [];
  const out = ['', c.yellow(`Not fully checked: ${skipped.length} file${skipped.length === 1 ? '' : 's'}${hint}`)];
  for (const s of skipped.slice(0, SKIPPED_SHOWN)) {
    out.push(`  ${s.file}  ${c.yellow(s.reason)}${s.detail ? ` (${s.detail})` : ''}; still run: ${SKIP_REASONS[s.reason].stillRuns}`);
  }
  if (skipped.length > SKIPPED_SHOWN) out.push(`  … and ${skipped.length - SKIPPED_SHOWN} more (see --format json)`);
  return out;
}
