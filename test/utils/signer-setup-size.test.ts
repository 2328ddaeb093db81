import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { SETUP_SUGGESTIONS_PER_FILE } from '../../src/utils/signer-setup.js';

// A suggestion that adds the signer setup at the top is one replacement from there to its finding,
// so each repeats the code in between: with hundreds of findings a file would build hundreds of
// copies of itself (684 MB of suggestion text for 572 findings in one generated file).

/** A client with `n` requests that each send a fixed nonce. */
function client(n: number, withSetup: boolean): string {
  const lines = [
    "import crypto from 'node:crypto';",
    ...(withSetup ? ["import { createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';", 'const geminiNonce = createIncrementalNonce();'] : []),
    'const apiKey = process.env.GEMINI_API_KEY;',
    'const apiSecret = process.env.GEMINI_API_SECRET;',
  ];
  for (let i = 0; i < n; i++) {
    lines.push(
      `export async function call${i}() {`,
      "  const payload = { request: '/v1/balances', nonce: '1' };",
      "  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');",
      "  const signature = crypto.createHmac('sha384', apiSecret).update(encoded).digest('hex');",
      "  return fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-PAYLOAD': encoded, 'X-GEMINI-SIGNATURE': signature } });",
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

function nonceFindings(text: string) {
  const messages = new Linter().verify(text, [{ plugins: { 'gemini-guard': plugin as never }, rules: { 'gemini-guard/valid-nonce': 'error' } }], { filename: 'client.js' });
  return messages.filter((m) => m.ruleId === 'gemini-guard/valid-nonce');
}

describe('signer setup suggestions', () => {
  it(`go to the first ${SETUP_SUGGESTIONS_PER_FILE} findings of a file that lacks the setup, not to every finding`, () => {
    const findings = nonceFindings(client(60, false));
    expect(findings.length).toBeGreaterThanOrEqual(60);
    const suggested = findings.filter((m) => (m.suggestions ?? []).length > 0);
    expect(suggested).toHaveLength(SETUP_SUGGESTIONS_PER_FILE);
    // the first findings in the file get them
    expect(suggested.map((m) => m.line)).toEqual(findings.slice(0, SETUP_SUGGESTIONS_PER_FILE).map((m) => m.line));
  });

  it('go to every finding once the file has the setup (each edits only its own nonce)', () => {
    const findings = nonceFindings(client(60, true));
    expect(findings.length).toBeGreaterThanOrEqual(60);
    expect(findings.every((m) => m.suggestions?.length === 1)).toBe(true);
    for (const m of findings) expect(m.suggestions![0]!.fix.text).toBe('geminiNonce.next()');
  });

  it('count only the suggestions a rule offers, per rule', () => {
    // 20 calls whose `headers: new Headers(…)` gets no signer suggestion, then one inline headers object
    const lines = ["const KEY = process.env.GEMINI_API_KEY;"];
    for (let i = 0; i < 20; i++) lines.push(`fetch('https://api.gemini.com/v1/balances', { method: 'POST', headers: new Headers({ 'X-GEMINI-APIKEY': KEY }) });`);
    lines.push("fetch('https://api.gemini.com/v1/orders', { method: 'POST', headers: { 'Content-Type': 'text/plain' } });");
    const messages = new Linter().verify(`${lines.join('\n')}\n`, [{ plugins: { 'gemini-guard': plugin as never }, rules: { 'gemini-guard/no-unsigned-private-request': 'error', 'gemini-guard/valid-nonce': 'error' } }], { filename: 'client.js' });
    const last = messages.filter((m) => m.ruleId === 'gemini-guard/no-unsigned-private-request' && m.line === 22);
    expect(last.length).toBeGreaterThan(0);
    expect(last.some((m) => (m.suggestions ?? []).some((s) => s.fix.text.includes("geminiSigner.sign('/v1/orders').headers")))).toBe(true);
  });
});
