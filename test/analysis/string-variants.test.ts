import { describe, expect, it } from 'vitest';
import { HOLE } from '../../src/gemini/paths.js';
import { stringVariants } from '../../src/analysis/values/string-variants.js';
import { parse } from '../helpers/parse.js';

/** stringVariants of the initialiser of the last `const probe = …`, as texts. */
function variantsOfProbe(code: string): string[] | undefined {
  const sc = parse(code);
  const all = sc.ast.body.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations : []));
  const target = all.find((d) => d.id.type === 'Identifier' && d.id.name === 'probe');
  if (!target?.init) throw new Error('no probe');
  return stringVariants(target.init, sc)?.map((v) => v.text);
}

describe('stringVariants', () => {
  it('fans out over a ternary inside a template, through a const', () => {
    expect(variantsOfProbe('declare const s: boolean; const sub = s ? `api.sandbox` : `api`; const probe = `https://${sub}.gemini.com`;')).toEqual([
      'https://api.sandbox.gemini.com',
      'https://api.gemini.com',
    ]);
  });

  it('fans out over || and ?? and keeps unknown parts as holes', () => {
    expect(variantsOfProbe("declare const e: string | undefined; declare const p: string; const probe = (e ?? 'api.gemini.com') + '/v1/' + p;")).toEqual([
      `${HOLE}/v1/${HOLE}`,
      `api.gemini.com/v1/${HOLE}`,
    ]);
  });

  it('gives up on && and on too many alternatives', () => {
    expect(variantsOfProbe("declare const a: boolean; const probe = a && 'x';")).toBeUndefined();
    const five = "(c ? 'a' : 'b')";
    expect(variantsOfProbe(`declare const c: boolean; const probe = \`\${${five}}\${${five}}\${${five}}\${${five}}\${${five}}\`;`)).toBeUndefined();
  });

  it('is undefined for non-strings', () => {
    expect(variantsOfProbe('const probe = {};')).toBeUndefined();
  });
});
