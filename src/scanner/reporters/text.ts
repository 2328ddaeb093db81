import pc from 'picocolors';
import type { Reporter } from './types.js';

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
  if (result.findings.length === 0 && result.stats.commitsScanned !== undefined) {
    const n = result.stats.commitsScanned;
    out.push(c.green(`No Gemini exchange keys or secrets found in the git history (${n} commit${n === 1 ? '' : 's'}).`));
  } else if (result.findings.length === 0) {
    out.push(c.green(`No Gemini exchange problems found (${result.stats.filesSeen} files, ${result.stats.filesParsed} parsed).`));
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
  if (result.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const s of result.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    out.push(c.dim(`Skipped ${result.skipped.length} file${result.skipped.length === 1 ? '' : 's'}: ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')} (see --format json).`));
  }
  return `${out.join('\n')}\n`;
};
