import { jsonReporter } from './json.js';
import { rolesJsonReporter, rolesTextReporter, type RolesReporter } from './roles.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';
import type { Reporter } from './types.js';

/** One output format: what it is for, and its reporter for each command that supports it. */
export interface ReporterEntry {
  /** One line for `--help`. */
  description: string;
  /** The `scan` report in this format. */
  scan: Reporter;
  /** The `roles` report in this format, when there is one. */
  roles?: RolesReporter;
}

/**
 * The output formats, one entry each (the first is the default). `--help` and the "unknown format"
 * errors are derived from this list: adding a format is one entry here and its reporter file.
 */
export const REPORTERS = {
  text: { description: 'human-readable, grouped by file (default)', scan: textReporter, roles: rolesTextReporter },
  json: { description: '{ findings, skipped, stats }', scan: jsonReporter, roles: rolesJsonReporter },
  sarif: { description: 'SARIF 2.1.0 for GitHub code scanning', scan: sarifReporter },
} as const satisfies Record<string, ReporterEntry>;

/** A command that writes a report. */
export type ReportingCommand = 'scan' | 'roles';

/** The format names a command supports, in registry order. */
export function formatsOf(command: ReportingCommand): string[] {
  return Object.entries(REPORTERS as Record<string, ReporterEntry>).filter(([, e]) => e[command] !== undefined).map(([name]) => name);
}

/** `text, json or sarif`. */
export function formatList(command: ReportingCommand): string {
  const names = formatsOf(command);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The reporter of a format for a command, or the usage error that names the formats it has. */
export function reporterFor<C extends ReportingCommand>(command: C, format: string): { reporter: NonNullable<ReporterEntry[C]> } | { error: string } {
  const entry = Object.hasOwn(REPORTERS, format) ? (REPORTERS as Record<string, ReporterEntry>)[format] : undefined;
  const reporter = entry?.[command];
  if (!reporter) return { error: `unknown format "${format.slice(0, 40)}"${command === 'roles' ? ' for roles' : ''} (use ${formatList(command)})` };
  return { reporter: reporter as NonNullable<ReporterEntry[C]> };
}

/** The `--format` lines of `--help`. */
export function formatHelp(): string {
  const lines = Object.entries(REPORTERS as Record<string, ReporterEntry>).map(([name, e]) => `                               ${name.padEnd(6)} ${e.description}${e.roles ? '' : ' (scan only)'}`);
  return `  --format <${formatsOf('scan').join('|')}>\n${lines.join('\n')}`;
}
