import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, BaselineError, formatBaseline, parseBaseline, readBaseline, refreshedBaseline, writeBaseline } from '../../src/scanner/baseline.js';
import type { Finding } from '../../src/scanner/types.js';

const finding = (fingerprint: string, file: string, ruleId = 'gemini-guard/no-hardcoded-credentials'): Finding => ({
  ruleId, message: 'm', file, line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'error', fingerprint,
});
const fp = (c: string): string => c.repeat(16);
const entry = (fingerprint: string, file: string, ruleId = 'gemini-guard/no-hardcoded-credentials') => ({ fingerprint, ruleId, file });

describe('baseline files', () => {
  it('validates the format', () => {
    expect(parseBaseline({ version: 1, findings: [{ fingerprint: fp('ab'), ruleId: 'r', file: 'f', extra: 1 }] })).toEqual({ version: 1, findings: [entry(fp('ab'), 'f', 'r')] });
    for (const [data, message] of [
      [[], 'expected an object'],
      [{ version: 2, findings: [] }, 'unsupported baseline version (expected 1)'],
      [{ version: 1 }, '"findings" must be an array'],
      [{ version: 1, findings: [{ fingerprint: 'not hex!' }] }, 'findings[0] needs a hex "fingerprint"'],
    ] as const) {
      expect(() => parseBaseline(data, 'b.json')).toThrow(new BaselineError(`b.json${Array.isArray(data) ? ' is not a gemini-guard baseline (expected an object)' : `: ${message}`}`));
    }
  });

  it('writes sorted, fixed-key JSON that reads back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-baseline-'));
    const path = join(dir, 'b.json');
    writeBaseline(path, refreshedBaseline(undefined, [finding(fp('bb'), 'src/z.js'), finding(fp('aa'), 'src/z.js'), finding(fp('cc'), '.env')], () => true));
    expect(readFileSync(path, 'utf8')).toBe(
      formatBaseline({ version: 1, findings: [entry(fp('cc'), '.env'), entry(fp('aa'), 'src/z.js'), entry(fp('bb'), 'src/z.js')] }),
    );
    expect(readBaseline(path).findings.map((e) => e.fingerprint)).toEqual([fp('cc'), fp('aa'), fp('bb')]);
    writeFileSync(path, 'nope');
    expect(() => readBaseline(path)).toThrow('is not valid JSON');
  });
});

describe('applyBaseline', () => {
  it('suppresses listed findings and reports only covered entries as stale', () => {
    const baseline = { version: 1 as const, findings: [entry(fp('aa'), 'a.js'), entry(fp('bb'), 'b.js'), entry(fp('cc'), 'c.js')] };
    const result = applyBaseline([finding(fp('aa'), 'a.js'), finding(fp('dd'), 'a.js')], baseline, (e) => e.file !== 'c.js');
    expect(result.findings.map((f) => f.fingerprint)).toEqual([fp('dd')]);
    expect(result.suppressed).toBe(1);
    expect(result.stale).toEqual([entry(fp('bb'), 'b.js')]);
  });
});

describe('refreshedBaseline', () => {
  it('replaces what the run covered and keeps the rest', () => {
    const old = { version: 1 as const, findings: [entry(fp('aa'), 'a.js'), entry(fp('bb'), 'b.js')] };
    const refreshed = refreshedBaseline(old, [finding(fp('cc'), 'a.js')], (e) => e.file === 'a.js');
    expect(refreshed.findings).toEqual([entry(fp('cc'), 'a.js'), entry(fp('bb'), 'b.js')]);
  });
});
