import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { it } from 'vitest';
import { rules } from '../../src/rules/index.js';
import { readFileSync } from 'node:fs';

it('scratch', () => { const t0 = Date.now();
  const linter = new Linter({ configType: 'flat' });
  const code = readFileSync('/tmp/scratch/in.ts', 'utf8');
  const msgs = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as never }, plugins: { g: { rules } as never }, rules: { 'g/no-withdrawal-endpoints': 'error' } }], 'x.ts');
  for (const m of msgs) if (process.env.VERBOSE) console.log(`MSG ${m.line}:${m.column} ${m.ruleId} ${m.messageId} ${m.message.slice(0, 140)}${m.suggestions?.length ? ' [sugg ' + m.suggestions.length + ']' : ''}`);
  console.log('MSG count', msgs.length, 'ms', Date.now() - t0);
});
