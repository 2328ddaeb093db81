import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { docsUrl, REPOSITORY_URL } from '../../docs-url.js';
import { allRuleDescriptions } from '../rules.js';
import { SKIP_REASONS } from '../types.js';
import type { Reporter } from './types.js';

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule in `tool.driver.rules` with a `helpUri`,
 * results with `partialFingerprints` so alerts follow code that moves. Files the scan could not
 * (fully) check are `invocations[0].toolExecutionNotifications` of level `error`: SARIF's sign
 * (appendix I) that the results cannot be assumed complete for them.
 */
export const sarifReporter: Reporter = (result, context) => {
  const used = new Set(result.findings.map((f) => f.ruleId));
  const rules = allRuleDescriptions().filter((r) => !r.onlyWhenReported || used.has(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/^gemini-guard\//, ''),
    shortDescription: { text: r.description },
    helpUri: docsUrl(r.docs),
    properties: { tags: ['security', 'gemini-exchange', ...r.tags] },
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
  const notifications: Notification[] = result.skipped.map((s) => ({
    descriptor: { id: `skipped/${s.reason}` },
    level: 'error',
    message: { text: `Not fully checked (${s.reason}${s.detail ? `: ${s.detail}` : ''}): ${SKIP_REASONS[s.reason].means}. Still run on it: ${SKIP_REASONS[s.reason].stillRuns}.` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(s.file), uriBaseId: '%SRCROOT%' } } }],
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gemini-guard', version: context.version, informationUri: REPOSITORY_URL, rules: descriptors } },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
