import type { RolesReporter } from './roles.js';
import { textReporter } from './text.js';
import type { Reporter } from './types.js';

/**
 * One output format: what it is for, and how to load its reporter for each command that supports
 * it. Reporters load when a run writes its report, and only the chosen one: the SARIF builder (with
 * every rule's description) and the roles tables are not part of a plain scan's start-up. The
 * default (text) scan report is: most runs write it, and loading it separately cost a few ms more.
 */
export interface ReporterEntry {
  /** One line for `--help`. */
  description: string;
  /** Loads the `scan` report in this format. */
  scan: () => Promise<Reporter>;
  /** Loads the `roles` report in this format, when there is one. */
  roles?: () => Promise<RolesReporter>;
}

/**
 * The output formats, one entry each (the first is the default). `--help` and the "unknown format"
 * errors are derived from this list: adding a format is one entry here and its reporter file.
 */
export const REPORTERS = {
  text: {
    description: 'human-readable, grouped by file (default)',
    scan: async () => textReporter,
    roles: async () => (await import('./roles.js')).rolesTextReporter,
  },
  json: {
    description: '{ findings, skipped, stats }',
    scan: async () => (await import('./json.js')).jsonReporter,
    roles: async () => (await import('./roles.js')).rolesJsonReporter,
  },
  sarif: { description: 'SARIF 2.1.0 for GitHub code scanning', scan: async () => (await import('./sarif.js')).sarifReporter },
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

/**
 * The loader of a format's reporter for a command, or the usage error that names the formats it
 * has (checked before any work, the reporter itself loads when the report is written).
 */
export function reporterFor<C extends ReportingCommand>(command: C, format: string): { load: NonNullable<ReporterEntry[C]> } | { error: string } {
  const entry = Object.hasOwn(REPORTERS, format) ? (REPORTERS as Record<string, ReporterEntry>)[format] : undefined;
  const load = entry?.[command];
  if (!load) return { error: `unknown format "${format.slice(0, 40)}"${command === 'roles' ? ' for roles' : ''} (use ${formatList(command)})` };
  return { load: load as NonNullable<ReporterEntry[C]> };
}

/** The `--format` lines of `--help`. */
export function formatHelp(): string {
  const lines = Object.entries(REPORTERS as Record<string, ReporterEntry>).map(([name, e]) => `                               ${name.padEnd(6)} ${e.description}${e.roles ? '' : ' (scan only)'}`);
  return `  --format <${formatsOf('scan').join('|')}>\n${lines.join('\n')}`;
}
