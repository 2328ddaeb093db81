import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { it } from 'vitest';
import { rules } from '../../src/rules/index.js';

const collected: { file: string; code: string; valid: boolean }[] = [];
let current = '';
(RuleTester.prototype as unknown as { run: unknown }).run = function (_name: string, _rule: unknown, tests: { valid: (string | { code: string })[]; invalid: { code: string }[] }) {
  for (const v of tests.valid) collected.push({ file: current, code: typeof v === 'string' ? v : v.code, valid: true });
  for (const v of tests.invalid) collected.push({ file: current, code: v.code, valid: false });
};

it('scratch3', async () => {
  for (const f of ['no-client-side-credentials', 'no-credential-logging', 'no-hardcoded-credentials', 'no-insecure-transport', 'valid-nonce', 'valid-signature']) {
    current = f;
    await import(`./${f}.test.ts`);
  }
  const linter = new Linter({ configType: 'flat' });
  let n = 0;
  for (const c of collected) {
    n++;
    const msgs = linter.verify(c.code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as never }, plugins: { g: { rules } as never }, rules: { 'g/valid-payload': 'error', 'g/no-unsigned-private-request': 'error', 'g/no-withdrawal-endpoints': 'warn' } }], 'x.ts');
    for (const m of msgs) console.log(`MSG ${c.file} ${c.valid ? 'VALID' : 'inval'} ${m.line}:${m.column} ${m.ruleId} ${m.messageId} ${m.message.slice(0, 100)} ||| ${c.code.split('\n')[m.line - 1]?.trim().slice(0, 160)}`);
  }
  console.log('MSG total cases', n);
});
