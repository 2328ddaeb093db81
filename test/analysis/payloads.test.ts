import { describe, expect, it } from 'vitest';
import { geminiPayloads } from '../../src/analysis/requests/payloads.js';
import { HOLE } from '../../src/gemini/paths.js';
import { parse } from '../helpers/parse.js';

function payloads(code: string) {
  const sc = parse(code);
  return geminiPayloads(sc).map((p) => ({
    request: p.request && 'value' in p.request ? p.request.value?.text : undefined,
    nonce: p.nonce ? sc.getText(p.nonce.valueNode) : undefined,
    sent: p.sentAsPayloadHeader,
    calls: p.calls.map((c) => c.url?.path),
  }));
}

describe('geminiPayloads', () => {
  it('connects a payload to the request that sends it', () => {
    expect(
      payloads(`
        import crypto from 'crypto';
        const path = '/v1/order/status';
        const body = { request: path, nonce: Date.now(), order_id: 1 };
        const payload = Buffer.from(JSON.stringify(body)).toString('base64');
        const signature = crypto.createHmac('sha384', secret).update(payload).digest('hex');
        fetch('https://api.gemini.com' + path, { method: 'POST', headers: { 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature } });`),
    ).toEqual([{ request: '/v1/order/status', nonce: 'Date.now()', sent: true, calls: ['/v1/order/status'] }]);
  });

  it('follows the payload through a local helper that builds headers', () => {
    const result = payloads(`
      function headers(p) { return { 'X-GEMINI-PAYLOAD': Buffer.from(JSON.stringify(p)).toString('base64') }; }
      axios.post('https://api.gemini.com/v1/balances', null, { headers: headers({ request: '/balances', nonce: n() }) });`);
    expect(result).toMatchObject([{ request: '/balances', sent: true }]);
  });

  it('keeps a template request with holes', () => {
    expect(payloads('const p = { request: `/v1/book/${sym}`, nonce: n() }; const u = "https://api.gemini.com";')[0]?.request).toBe(`/v1/book/${HOLE}`);
  });

  it('ignores objects with a request key that are not Gemini payloads', () => {
    expect(payloads(`const log = { request: req, response: res };`)).toEqual([]);
    expect(payloads(`const job = { request: 'GET /users', retries: 3 };`)).toEqual([]);
    expect(payloads(`const h = { 'X-MBX-APIKEY': k }; const p = { request: '/api/v3/order', nonce: 1 };`)).toEqual([]);
  });
});
