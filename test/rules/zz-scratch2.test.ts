import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { it } from 'vitest';
import { rules } from '../../src/rules/index.js';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => { const p = join(dir, f); return statSync(p).isDirectory() ? (f === 'node_modules' ? [] : files(p)) : /\.(ts|js|mjs|cjs)$/.test(f) ? [p] : []; });
}
it('scratch2', () => {
  const linter = new Linter({ configType: 'flat' });
  for (const file of [...files('examples'), ...files('test/fixtures'), ...files('test/rules').filter((f) => !f.includes('zz-'))]) {
    const code = readFileSync(file, 'utf8');
    const msgs = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as never }, plugins: { g: { rules } as never }, rules: { 'g/valid-payload': 'error', 'g/no-unsigned-private-request': 'error', 'g/no-withdrawal-endpoints': 'warn' } }], 'x.ts');
    for (const m of msgs) console.log(`MSG ${file}:${m.line}:${m.column} ${m.ruleId} ${m.messageId} ${m.fatal ? m.message : ''} ${m.message.slice(0,90)}`);
  }
});
