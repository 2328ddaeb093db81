// The Gemini protocol as it is now (docs/gemini-protocol.md): the new WebSocket authentication
// (X-GEMINI-NONCE, payload = base64 of the nonce string), OAuth `Authorization: Bearer` tokens and
// the prediction-markets endpoints. Correct code draws no finding; the old faults still do.
import { RuleTester } from '@typescript-eslint/rule-tester';
import noUnsignedPrivateRequest from '../../src/rules/no-unsigned-private-request.js';
import validNonce from '../../src/rules/valid-nonce.js';
import validPayload from '../../src/rules/valid-payload.js';
import validSignature from '../../src/rules/valid-signature.js';

const ruleTester = new RuleTester();

/** What the reference-signer suggestion adds at the top of the file. */
const SIGNER = "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';\nconst geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });\n";

const GOOD_HMAC = "crypto.createHmac('sha384', apiSecret).update(payload).digest('hex')";

/** Gemini's WebSocket authentication on ws.gemini.com, as in its samples; the HMAC is on line 6 at column 21. */
const wsAuth = (hmac = GOOD_HMAC): string =>
  [
    "import crypto from 'node:crypto';",
    "import WebSocket from 'ws';",
    'export function connect(apiKey, apiSecret) {',
    '  const nonce = Math.floor(Date.now() / 1000).toString();',
    "  const payload = Buffer.from(nonce).toString('base64');",
    `  const signature = ${hmac};`,
    "  return new WebSocket('wss://ws.gemini.com', {",
    "    headers: { 'X-GEMINI-APIKEY': apiKey, 'X-GEMINI-NONCE': nonce, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature },",
    '  });',
    '}',
  ].join('\n');

/** A REST call authenticated with an OAuth access token instead of the API-key headers. */
const oauth = (authorization: string, path = '/v1/balances'): string =>
  [
    'export async function call(accessToken) {',
    `  const res = await fetch('https://api.gemini.com${path}', { method: 'POST', headers: { Authorization: ${authorization} } });`,
    '  return res.json();',
    '}',
  ].join('\n');

ruleTester.run('valid-signature (WebSocket authentication with X-GEMINI-NONCE)', validSignature, {
  valid: [{ name: 'accepts hex HMAC-SHA384 of the base64 nonce', code: wsAuth() }],
  invalid: [
    {
      name: 'still reports a wrong algorithm on the WebSocket signature',
      code: wsAuth("crypto.createHmac('sha256', apiSecret).update(payload).digest('hex')"),
      output: wsAuth(),
      errors: [{ messageId: 'wrongAlgorithm', line: 6, column: 39, data: { algorithm: 'SHA256' } }],
    },
    {
      name: 'still reports a base64 digest on the WebSocket signature',
      code: wsAuth("crypto.createHmac('sha384', apiSecret).update(payload).digest('base64')"),
      output: wsAuth(),
      errors: [{ messageId: 'wrongEncoding', line: 6, column: 83, data: { encoding: 'base64' } }],
    },
  ],
});

ruleTester.run('valid-payload (WebSocket authentication)', validPayload, {
  // the payload is the nonce string, not a JSON object: there is no `request` to compare
  valid: [{ name: 'has no payload `request` to check', code: wsAuth() }],
  invalid: [],
});

ruleTester.run('valid-nonce (WebSocket authentication)', validNonce, {
  // ws.gemini.com takes only time-based keys: a seconds nonce is what it wants
  valid: [{ name: 'accepts the seconds nonce the WebSocket API requires', code: wsAuth() }],
  invalid: [],
});

ruleTester.run('no-unsigned-private-request (OAuth and prediction markets)', noUnsignedPrivateRequest, {
  valid: [
    { name: 'accepts an OAuth bearer token in a template', code: oauth('`Bearer ${accessToken}`') },
    { name: 'accepts an OAuth bearer token by concatenation, on a trading endpoint', code: oauth("'Bearer ' + accessToken", '/v1/order/new') },
    { name: 'accepts an Authorization header whose scheme it cannot see', code: oauth('accessToken') },
    { name: 'accepts an OAuth bearer token on a WebSocket', code: "export const ws = (token) => new WebSocket('wss://ws.gemini.com', { headers: { Authorization: `Bearer ${token}` } });" },
    { name: 'accepts public prediction-market data without signing', code: "export const events = () => fetch('https://api.gemini.com/v1/prediction-markets/events?category=crypto');" },
    {
      name: 'accepts a signed GET of prediction-market terms status',
      code: "export const terms = (headers) => fetch('https://api.gemini.com/v1/prediction-markets/terms/status', { method: 'GET', headers: { 'X-GEMINI-APIKEY': headers.key, 'X-GEMINI-PAYLOAD': headers.payload, 'X-GEMINI-SIGNATURE': headers.signature } });",
    },
  ],
  invalid: [
    {
      name: 'reports a Basic Authorization header, which Gemini does not take, as unsigned',
      code: oauth("'Basic ' + accessToken"),
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 2,
          column: 27,
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              data: { path: '/v1/balances' },
              output: `${SIGNER}${oauth("'Basic ' + accessToken, ...geminiSigner.sign('/v1/balances').headers")}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports an unsigned prediction-market order',
      code: "export const place = (order) => fetch('https://api.gemini.com/v1/prediction-markets/order', { method: 'POST', body: JSON.stringify(order) });",
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 1,
          column: 39,
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              data: { path: '/v1/prediction-markets/order' },
              output: `${SIGNER}export const place = (order) => fetch('https://api.gemini.com/v1/prediction-markets/order', { method: 'POST', body: JSON.stringify(order), headers: geminiSigner.sign('/v1/prediction-markets/order').headers });`,
            },
          ],
        },
      ],
    },
  ],
});
