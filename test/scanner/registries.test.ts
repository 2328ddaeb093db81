// The scanner's extension points are registries, and everything else is derived from them: the
// output formats (help text, "unknown format" errors), the scanner-only rules (ids, levels, docs,
// SARIF descriptors) and the skip reasons (text report, SARIF notifications, docs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP, runCli } from '../../src/scanner/cli.js';
import { REPORTERS, formatsOf } from '../../src/scanner/reporters/index.js';
import { sarifReporter } from '../../src/scanner/reporters/sarif.js';
import { effectiveRules, SCANNER_RULES } from '../../src/scanner/rules.js';
import { SKIP_REASONS, type ScanResult } from '../../src/scanner/types.js';

const root = join(import.meta.dirname, '..', '..');
const env = { cwd: root, env: {}, stdoutIsTTY: false, stderrIsTTY: false };
const empty: ScanResult = { findings: [], skipped: [], stats: { filesSeen: 0, filesScanned: 0, filesParsed: 0, filesSkipped: 0, findings: 0, durationMs: 0 } };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the reporter registry', () => {
  it('gives --help one line per format and the commands each supports', async () => {
    for (const name of Object.keys(REPORTERS)) expect(HELP).toMatch(new RegExp(`^ +${name} +\\S`, 'm'));
    expect(HELP).toContain(`--format <${formatsOf('scan').join('|')}>`);
    expect(HELP).toContain(`[--format ${formatsOf('roles').join('|')}]`);
  });

  it('derives the unknown-format errors from the list', async () => {
    expect((await runCli(['scan', '--format', 'xml'], env)).stderr).toMatch(/^gemini-guard: unknown format "xml" \(use text, json or sarif\)/);
    expect((await runCli(['roles', '--format', 'sarif'], env)).stderr).toMatch(/^gemini-guard: unknown format "sarif" for roles \(use text or json\)/);
    expect((await runCli(['scan', '--format', 'toString'], env)).exitCode).toBe(2);
  });
});

describe('the scanner-only rule registry', () => {
  it('gives every scanner rule a SARIF descriptor (history only in runs that report it), with its docs', async () => {
    const sarif = JSON.parse(sarifReporter(empty, { color: false, version: '0.0.0' })) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] };
    const ids = sarif.runs[0]!.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([SCANNER_RULES.trackedSecretFile.id, SCANNER_RULES.unusedIgnore.id]));
    expect(ids).not.toContain(SCANNER_RULES.secretInHistory.id);
    for (const rule of Object.values(SCANNER_RULES)) {
      const [file, anchor] = rule.docs.split('#') as [string, string];
      const text = readFileSync(join(root, file), 'utf8');
      const anchors = [...(text.match(/^#+ .*$/gm) ?? []).map((h) => h.replace(/^#+ /, '').toLowerCase().replace(/[^\w -]/g, '').replace(/ /g, '-')), ...[...text.matchAll(/id="([^"]+)"/g)].map((m) => m[1])];
      expect(anchors, rule.docs).toContain(anchor);
      expect(effectiveRules()[rule.id]).toBe(rule.defaultLevel);
    }
  });

  it('is the only place that spells a scanner rule id', async () => {
    const ids = Object.values(SCANNER_RULES).map((r) => r.id);
    for (const file of sources(join(root, 'src'))) {
      if (file.endsWith(join('scanner', 'rules.ts'))) continue;
      const text = readFileSync(file, 'utf8');
      for (const id of ids) expect(text.includes(`'${id}'`), `${file} spells ${id}`).toBe(false);
    }
  });
});

describe('the skip reasons', () => {
  it('are each listed in docs/scanner.md with what still runs on such a file', async () => {
    const docs = readFileSync(join(root, 'docs', 'scanner.md'), 'utf8');
    for (const [reason, about] of Object.entries(SKIP_REASONS)) {
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${reason}\` |`));
      expect(row, reason).toBeDefined();
      expect(row).toContain(about.stillRuns);
    }
  });
});
