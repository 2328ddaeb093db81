// Typed linting (issue 12): with `parserOptions.project`, imported base URLs and helpers are read
// from the files that declare them through the type checker; without type information the same
// code is judged as before (silently, as nothing in the file says Gemini).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import noUnsigned from '../../../src/rules/no-unsigned-private-request.js';
import validPayload from '../../../src/rules/valid-payload.js';

const lines = (...l: string[]): string => l.join('\n');

// A two-file project on disk: config.ts and sign.ts are imported by client.ts, the linted file.
const dir = mkdtempSync(join(tmpdir(), 'gemini-guard-typed-'));
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'] }, include: ['*.ts'] }));
writeFileSync(
  join(dir, 'config.ts'),
  lines("export const API = 'https://api.gemini.com';", "export const ORDERS = API + '/v1/orders';"),
);
writeFileSync(
  join(dir, 'sign.ts'),
  lines(
    "import { createHmac } from 'node:crypto';",
    'declare const key: string, secret: string;',
    'export function sign(body: object) {',
    "  const payload = Buffer.from(JSON.stringify(body)).toString('base64');",
    "  return { 'X-GEMINI-APIKEY': key, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': createHmac('sha384', secret).update(payload).digest('hex') };",
    '}',
  ),
);
writeFileSync(join(dir, 'client.ts'), 'export {};\n');
// the rule tester resolves it against tsconfigRootDir
const filename = 'client.ts';

const typed = new RuleTester({ languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } } });
const untyped = new RuleTester();

const GET_BALANCES = lines("import { API } from './config';", "export const balances = () => fetch(API + '/v1/balances', { method: 'GET' });");
const SIGNED_ORDERS = lines(
  "import { ORDERS } from './config';",
  "import { sign } from './sign';",
  "export const orders = () => fetch(ORDERS, { method: 'POST', headers: sign({ request: '/v1/order', nonce: Date.now() }) });",
  "export const ordersOk = () => fetch(ORDERS, { method: 'POST', headers: sign({ request: '/v1/orders', nonce: Date.now() }) });",
);

typed.run('no-unsigned-private-request with type information', noUnsigned, {
  valid: [{ name: 'accepts a request signed by a helper imported from another file', filename, code: SIGNED_ORDERS.split('\n').slice(0, 2).concat(SIGNED_ORDERS.split('\n')[3]!).join('\n') }],
  invalid: [
    {
      name: 'reads an imported base URL through the type checker and reports the unsigned GET',
      filename,
      code: GET_BALANCES,
      output: null,
      errors: [
        {
          messageId: 'missingHeaders',
          line: 2,
          column: 37,
          suggestions: [
            {
              messageId: 'signWithReferenceSigner',
              output: lines(
                "import { API } from './config';",
                "import { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';",
                'const geminiSigner = createGeminiSigner({ apiKey: process.env.GEMINI_API_KEY, apiSecret: process.env.GEMINI_API_SECRET });',
                "export const balances = () => fetch(API + '/v1/balances', { method: 'GET', headers: geminiSigner.sign('/v1/balances').headers });",
              ),
            },
          ],
        },
        { messageId: 'notPost', line: 2, column: 69, suggestions: [{ messageId: 'usePost', output: lines("import { API } from './config';", "export const balances = () => fetch(API + '/v1/balances', { method: 'POST' });") }] },
      ],
    },
  ],
});

typed.run('valid-payload with type information', validPayload, {
  valid: [],
  invalid: [
    {
      name: 'compares a payload with a URL constant declared in another file',
      filename,
      code: SIGNED_ORDERS,
      output: null,
      errors: [{ messageId: 'endpointMismatch', line: 3, column: 86, suggestions: [{ messageId: 'useUrlPath', output: SIGNED_ORDERS.replace("'/v1/order'", "'/v1/orders'") }] }],
    },
  ],
});

untyped.run('without type information the imported values stay unknown', noUnsigned, {
  valid: [{ name: 'stays silent on an imported base URL', code: GET_BALANCES }],
  invalid: [],
});
untyped.run('without type information valid-payload stays silent', validPayload, {
  valid: [{ name: 'stays silent on an imported URL constant', code: SIGNED_ORDERS }],
  invalid: [],
});
