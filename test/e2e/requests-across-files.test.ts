// End to end (issue 12): the BUILT CLI on test/fixtures/requests-across-files, an n8n-style node
// whose base URL and path come from another file. The request-config object handed to
// `this.helpers.httpRequest` is recognised, its URL is completed with the imported constants by the
// scanner's cross-file phase, and the payload is compared with the URL it meets.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'bin', 'gemini-guard.js');
const dir = join(root, 'test', 'fixtures', 'requests-across-files');

describe('gemini-guard scan on a workflow node whose URL lives in another file', () => {
  it('reports the unsigned GET through the config object and the payload that names another path', () => {
    if (!existsSync(bin)) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
    const result = spawnSync(process.execPath, [bin, 'scan', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; file: string; line: number; column: number; message: string }[] }).findings;
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['gemini-guard/no-unsigned-private-request', 'nodes/GeminiExchange.node.ts', 11, 15],
      ['gemini-guard/no-unsigned-private-request', 'nodes/GeminiExchange.node.ts', 12, 12],
      ['gemini-guard/valid-payload', 'nodes/GeminiExchange.node.ts', 19, 29],
    ]);
    expect(findings[0]!.message).toContain('GET request goes to the private Gemini exchange endpoint /v1/balances');
    expect(findings[2]!.message).toContain("'/v1/order' but the request is sent to the path '/v1/orders'");
  });
});
