import pc from 'picocolors';
import { formatRoles, GEMINI_ROLES } from '../../gemini/endpoints.js';
import type { CredentialRoles, EndpointUse, RolesReport, RoleSite } from '../roles.js';
import { skippedLines } from './text.js';
import type { ReporterContext } from './types.js';

/** Turns a roles report into the text of one output format. */
export type RolesReporter = (report: RolesReport, context: ReporterContext) => string;

const where = (s: RoleSite): string => `${s.file}:${s.line}`;

function sitesText(sites: readonly RoleSite[]): string {
  const shown = sites.slice(0, 3).map(where).join(', ');
  return sites.length > 3 ? `${shown} and ${sites.length - 3} more` : shown;
}

function rolesCell(e: EndpointUse): string {
  if (e.access === 'public') return 'public (no key needed)';
  const base = GEMINI_ROLES.every((r) => e.roles.includes(r)) ? 'any role' : formatRoles(e.roles, 'or');
  return e.fundMoving ? `${base}, moves funds` : base;
}

/**
 * The roles line. When no request's endpoint was resolved, nothing is known: say so, rather than
 * "none", which would read as "this key needs no role".
 */
function minimumRolesText(c: CredentialRoles, color: ReturnType<typeof pc.createColors>): string {
  if (c.endpoints.length === 0 && c.unresolved.length > 0) return color.yellow('could not resolve (no endpoint of its requests could be determined)');
  const known = c.endpoints.some((e) => e.access === 'private') ? formatRoles(c.minimumRoles) : 'none (public endpoints only)';
  const needs = c.unresolved.length > 0 ? `${known}, or more (some endpoints could not be resolved)` : known;
  return c.singleKey ? color.green(needs) : color.red(`${needs} (no single key can hold these)`);
}

function credentialText(c: CredentialRoles, color: ReturnType<typeof pc.createColors>): string[] {
  const out: string[] = [color.bold(c.label)];
  out.push(`  sent as X-GEMINI-APIKEY at ${sitesText(c.sentAt)}`);
  out.push(`  minimum roles: ${minimumRolesText(c, color)}`);
  if (c.endpoints.length > 0) {
    const rows = c.endpoints.map((e) => [`${e.kind === 'websocket' ? 'WSS' : e.method} ${e.endpoint}`, e.summary, rolesCell(e), `${sitesText(e.sites)}${e.sandbox ? ' (sandbox)' : ''}`]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    out.push('  endpoints:');
    for (const row of rows) out.push(`    ${row.slice(0, 3).map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}  ${color.dim(row[3] ?? '')}`);
  }
  if (c.unresolved.length > 0) {
    out.push(color.yellow(`  ${c.unresolved.length} request${c.unresolved.length === 1 ? '' : 's'} with an endpoint that could not be determined (${sitesText(c.unresolved)}): the key may need more roles.`));
  }
  for (const w of c.warnings) out.push(`  ${color.yellow('warning')} ${w.message}`);
  return out;
}

/** Human-readable roles report. */
export const rolesTextReporter: RolesReporter = (report, context) => {
  const c = pc.createColors(context.color);
  const out: string[] = [];
  if (report.credentials.length === 0) {
    out.push(`No Gemini exchange API key reaches an X-GEMINI-APIKEY header in the code (${report.stats.filesSeen} files, ${report.stats.filesAnalysed} analysed).`);
  } else {
    out.push(c.bold('Gemini exchange API credentials and the least-privilege roles they need'), '');
    for (const credential of report.credentials) out.push(...credentialText(credential, c), '');
    const warnings = report.credentials.reduce((n, cr) => n + cr.warnings.length, 0);
    const n = report.credentials.length;
    out.push(`${n} credential${n === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (${report.stats.filesSeen} files, ${report.stats.filesAnalysed} analysed).`);
  }
  out.push(...skippedLines(report.skipped, c));
  return `${out.join('\n')}\n`;
};

/** `{ credentials, skipped, stats }`, two-space indent. */
export const rolesJsonReporter: RolesReporter = (report) => `${JSON.stringify(report, null, 2)}\n`;
