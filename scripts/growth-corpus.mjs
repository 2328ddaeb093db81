// What the generated Gemini client files of the growth bench (scripts/bench.mjs) and of the
// linear-work test (test/analysis/linear-work.test.ts) share: the private endpoints their sites
// call, and the module preamble of an ES-module client (key, secret and base URL at module level).

/** Private REST endpoints, used in turn by the generated sites. */
export const GEMINI_PRIVATE_ENDPOINTS = ['/v1/balances', '/v1/order/new', '/v1/order/cancel', '/v1/orders', '/v1/mytrades', '/v1/notionalvolume', '/v1/heartbeat', '/v1/order/status'];

/** The first lines of a generated ES-module client. */
export const ESM_CLIENT_PREAMBLE = [
  "import crypto from 'node:crypto';",
  "import axios from 'axios';",
  "const BASE_URL = 'https://api.gemini.com';",
  'const apiKey = process.env.GEMINI_API_KEY;',
  'const apiSecret = process.env.GEMINI_API_SECRET;',
];
