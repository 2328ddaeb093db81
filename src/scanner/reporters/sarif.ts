import type { Log, ReportingDescriptor, Result } from 'sarif';
import { REPOSITORY_URL } from '../../docs-url.js';
import { allRuleDescriptions, HISTORY_RULES } from '../rules.js';
import type { Reporter } from './types.js';

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule in `tool.driver.rules` with a `helpUri`,
 * results with `partialFingerprints` so alerts follow code that moves.
 */
export const sarifReporter: Reporter = (result, context) => {
  const used = new Set(result.findings.map((f) => f.ruleId));
  const extra = Object.entries(HISTORY_RULES)
    .filter(([id]) => used.has(id))
    .map(([id, r]) => ({ id, description: r.description, docs: r.docs }));
  const rules = [...allRuleDescriptions(), ...extra];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/^gemini-guard\//, ''),
    shortDescription: { text: r.description },
    helpUri: `${REPOSITORY_URL}/blob/main/${r.docs}`,
    properties: { tags: ['security', 'gemini-exchange'] },
  }));
  const results: Result[] = result.findings.map((f) => {
    const r: Result = {
      ruleId: f.ruleId,
      level: f.severity === 'error' ? 'error' : 'warning',
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      partialFingerprints: { 'geminiGuardFingerprint/v1': f.fingerprint },
    };
    const i = index.get(f.ruleId);
    if (i !== undefined) r.ruleIndex = i;
    return r;
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gemini-guard', version: context.version, informationUri: REPOSITORY_URL, rules: descriptors } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
