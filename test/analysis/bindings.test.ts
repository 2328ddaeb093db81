import { describe, expect, it } from 'vitest';
import { isInteropCall, moduleRef } from '../../src/analysis/values/bindings.js';
import { parse } from '../helpers/parse.js';

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
