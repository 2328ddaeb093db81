import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { isInteropCall, moduleRef, resolveIdentifier } from '../../src/analysis/values/bindings.js';
import { findNodes, parse } from '../helpers/parse.js';

/** moduleRef of the initialiser of the last `const probe = …`. */
function refOfProbe(code: string) {
  const sc = parse(code, 'file.js');
  const all = sc.ast.body.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations : []));
  const target = all.find((d) => d.id.type === 'Identifier' && d.id.name === 'probe');
  if (!target?.init) throw new Error('no probe');
  return { ref: moduleRef(target.init, sc), node: target.init };
}

describe('moduleRef through compiled-import interop helpers', () => {
  it("follows Babel's _interopRequireDefault(require('x')).default", () => {
    const { ref } = refOfProbe(
      [
        "var _crypto = require('crypto');",
        'var _crypto2 = _interopRequireDefault(_crypto);',
        'function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }',
        'const probe = _crypto2.default.createHmac;',
      ].join('\n'),
    );
    expect(ref).toEqual({ source: 'crypto', path: ['createHmac'] });
  });

  it("follows tsc's __importDefault / __importStar and tslib.__importDefault", () => {
    const helper = 'var __importDefault = (this && this.__importDefault) || function (mod) { return mod; };\n';
    expect(refOfProbe(`${helper}const axios_1 = __importDefault(require("axios"));\nconst probe = axios_1.default.post;`).ref).toEqual({ source: 'axios', path: ['post'] });
    expect(refOfProbe('const c = __importStar(require("node:crypto"));\nconst probe = c.createHmac;').ref).toEqual({ source: 'crypto', path: ['createHmac'] });
    expect(refOfProbe('const tslib_1 = require("tslib");\nconst c = tslib_1.__importDefault(require("crypto"));\nconst probe = c.default.createHmac;').ref).toEqual({
      source: 'crypto',
      path: ['createHmac'],
    });
  });

  it("follows esbuild's __toESM(require('x'), 1)", () => {
    expect(refOfProbe('const import_crypto = __toESM(require("crypto"), 1);\nconst probe = import_crypto.default.createHmac;').ref).toEqual({ source: 'crypto', path: ['createHmac'] });
  });

  it('reads (0, x.f) as x.f, but not a sequence with side effects', () => {
    expect(refOfProbe('const crypto_1 = require("crypto");\nconst probe = (0, crypto_1.createHmac);').ref).toEqual({ source: 'crypto', path: ['createHmac'] });
    expect(refOfProbe('let n = 0;\nconst crypto_1 = require("crypto");\nconst probe = (n++, crypto_1.createHmac);').ref).toBeUndefined();
  });

  it('does not treat other wrapper calls as interop helpers', () => {
    expect(refOfProbe('const probe = wrap(require("crypto")).createHmac;').ref).toBeUndefined();
    const { node } = refOfProbe('const probe = _interopRequireDefault();');
    expect(isInteropCall(node)).toBe(false);
  });
});

describe("TypeScript's import x = require('m')", () => {
  /** The identifier `name` where it is used (its second occurrence: the first declares it). */
  const use = (sc: ReturnType<typeof parse>, name: string) => findNodes(sc, AST_NODE_TYPES.Identifier).filter((n) => n.name === name)[1]!;

  it('binds the module object, as import * as x does, and moduleRef follows it', () => {
    const sc = parse("import crypto = require('node:crypto');\nimport cfg = require('./config');\nconst probe = crypto.createHmac;\nconst base = cfg.GEMINI_BASE;\n");
    const probe = sc.ast.body.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations : []));
    expect(moduleRef(probe[0]!.init!, sc)).toEqual({ source: 'crypto', path: ['createHmac'] });
    expect(resolveIdentifier(use(sc, 'cfg'), sc)).toEqual({ kind: 'import', source: './config', imported: '*' });
  });

  it('says unknown, without throwing, for a namespace alias (import x = A.B)', () => {
    const sc = parse('namespace A { export const B = 1; }\nimport alias = A.B;\nexport const probe = alias;\n');
    expect(resolveIdentifier(use(sc, 'alias'), sc)).toEqual({ kind: 'unknown' });
  });
});
