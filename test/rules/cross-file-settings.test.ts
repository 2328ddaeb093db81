// The scanner's cross-file phase hands rules `settings['gemini-guard']` (see
// src/analysis/cross-file/settings.ts). These cases check each rule that uses them, as ESLint users never
// set them by hand.
import { RuleTester } from '@typescript-eslint/rule-tester';
import noHardcodedCredentials from '../../src/rules/no-hardcoded-credentials.js';
import validNonce from '../../src/rules/valid-nonce.js';
import validSignature from '../../src/rules/valid-signature.js';

const ruleTester = new RuleTester();
const uses = (name: string, role: string, ...sites: string[]) => ({
  'gemini-guard': { exportUses: { [name]: sites.map((site) => ({ role, site })) } },
});

ruleTester.run('valid-signature (cross-file)', validSignature, {
  valid: [
    // the same helper, when no other file is known to send its result as the signature
    `import { createHmac } from 'node:crypto';\nexport function sign(p: string, s: string) { return createHmac('sha256', s).update(p).digest('hex'); }`,
    {
      code: `import { createHmac } from 'node:crypto';\nexport function sign(p: string, s: string) { return createHmac('sha384', s).update(p).digest('hex'); }`,
      settings: uses('sign', 'signature', 'src/client.ts:16'),
    },
  ],
  invalid: [
    {
      name: 'reports a signing helper whose result other files send as X-GEMINI-SIGNATURE',
      code: `import { createHmac } from 'node:crypto';\nexport function sign(p: string, s: string) { return createHmac('sha256', s).update(p).digest('hex'); }`,
      settings: uses('sign', 'signature', 'src/client.ts:16'),
      output: `import { createHmac } from 'node:crypto';\nexport function sign(p: string, s: string) { return createHmac('sha384', s).update(p).digest('hex'); }`,
      errors: [{ messageId: 'wrongAlgorithm', line: 2, column: 64 }],
    },
  ],
});

ruleTester.run('no-hardcoded-credentials (cross-file)', noHardcodedCredentials, {
  valid: [
    `export const SIGNING_SECRET = 'q7Rt2YpL9xWc4VbN8mK3zH5sJd';`,
    { code: `export const BASE = 'https://api.gemini.com';`, settings: uses('BASE', 'apiSecret', 'src/client.ts:3') },
  ],
  invalid: [
    {
      name: 'reports an exported constant other files use as the Gemini signing key',
      code: `export const SIGNING_SECRET = 'q7Rt2YpL9xWc4VbN8mK3zH5sJd';`,
      settings: uses('SIGNING_SECRET', 'apiSecret', 'src/client.ts:16'),
      output: null,
      errors: [
        {
          messageId: 'hardcodedApiSecret',
          line: 1,
          column: 31,
          suggestions: [{ messageId: 'useEnvVar', data: { env: 'process.env.GEMINI_API_SECRET' }, output: 'export const SIGNING_SECRET = process.env.GEMINI_API_SECRET;' }],
        },
      ],
    },
  ],
});

ruleTester.run('valid-nonce (cross-file)', validNonce, {
  valid: [
    { code: `export function nextNonce() { return Date.now(); }`, settings: uses('nextNonce', 'nonce', 'a.ts:3', 'b.ts:9') },
    { code: `export const NONCE = Date.now();` },
  ],
  invalid: [
    {
      name: 'reports a module-level nonce that other modules send with their requests',
      code: `export const NONCE = Date.now();`,
      settings: uses('NONCE', 'nonce', 'b.ts:9', 'a.ts:3'),
      output: null,
      errors: [{ messageId: 'exportedNonce', line: 1, column: 22, data: { name: 'NONCE', sites: 'a.ts:3, b.ts:9' } }],
    },
  ],
});
