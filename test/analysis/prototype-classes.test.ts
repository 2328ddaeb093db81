import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { nodesOfType } from '../../src/analysis/ast-utils.js';
import { calledFunction } from '../../src/analysis/values/functions.js';
import { prototypeClassOf, prototypeFieldValue } from '../../src/analysis/values/prototype-classes.js';
import { staticString } from '../../src/analysis/values/values.js';
import { findNode, parse } from '../helpers/parse.js';

const CLIENT = [
  'module.exports = (function () {',
  '  function Client(key) {',
  "    this.base = 'https://api.gemini.com';",
  '    this.key = key;',
  '    this.nonce = 1;',
  '    var self = this;',
  '    this.next = function () { return ++this.nonce; };',
  '  }',
  "  Client.prototype.url = function (path) { return this.base + '/v1/' + path; };",
  "  Client.prototype.balances = function () { return this.url('balances'); };",
  '  return Client;',
  '})();',
].join('\n');

/** The `this.<name>` member expression inside the innermost function whose text contains `within`. */
function thisMember(sc: ReturnType<typeof parse>, name: string, within: string): TSESTree.MemberExpression {
  const fns = nodesOfType(sc.ast, AST_NODE_TYPES.FunctionExpression).filter((f) => sc.getText(f).includes(within));
  const fn = fns.sort((a, b) => a.range[1] - a.range[0] - (b.range[1] - b.range[0]))[0];
  if (!fn) throw new Error(`no function with ${within}`);
  const found = nodesOfType(fn, AST_NODE_TYPES.MemberExpression).find(
    (m) => m.object.type === AST_NODE_TYPES.ThisExpression && m.property.type === AST_NODE_TYPES.Identifier && m.property.name === name,
  );
  if (!found) throw new Error(`no this.${name}`);
  return found;
}

describe('prototype classes', () => {
  it('finds the constructor and the methods from inside a prototype method', () => {
    const sc = parse(CLIENT, 'file.js');
    const member = thisMember(sc, 'base', "return this.base + '/v1/'");
    const cls = prototypeClassOf(member);
    expect(cls?.ctor.type).toBe(AST_NODE_TYPES.FunctionDeclaration);
    expect([...(cls?.methods.keys() ?? [])]).toEqual(['url', 'balances']);
  });

  it('resolves this.field to the one constructor write, and follows into strings', () => {
    const sc = parse(CLIENT, 'file.js');
    const member = thisMember(sc, 'base', "return this.base + '/v1/'");
    const value = prototypeFieldValue(member, 'base');
    expect(value && staticString(value, sc)?.text).toBe('https://api.gemini.com');
    // via the shared layer: the whole URL of the helper
    const sum = member.parent as TSESTree.BinaryExpression;
    expect(staticString(sum.parent as TSESTree.Node, sc)?.text).toBe('https://api.gemini.com/v1/\u0000');
  });

  it('resolves this.method() calls to the prototype method', () => {
    const sc = parse(CLIENT, 'file.js');
    const call = findNode(sc, AST_NODE_TYPES.CallExpression, "this.url('balances')");
    const fn = calledFunction(call, sc);
    expect(fn?.parent?.type).toBe(AST_NODE_TYPES.AssignmentExpression);
    expect(sc.getText(fn?.parent as TSESTree.Node)).toContain('Client.prototype.url');
  });

  it('gives nothing for a field written twice, for plain functions, and for this in nested functions', () => {
    const sc = parse(
      [
        'function A() { this.x = 1; this.x = 2; }',
        'A.prototype.get = function () { return this.x; };',
        'A.prototype.get = function () { return this.y; };',
        'function plain() { return this.x; }',
      ].join('\n'),
      'file.js',
    );
    const twice = thisMember(sc, 'x', 'return this.x;');
    expect(prototypeFieldValue(twice, 'x')).toBeUndefined();
    // `get` is assigned twice: not a known method
    expect(prototypeClassOf(twice)?.methods.has('get')).toBe(false);
    const plain = nodesOfType(sc.ast, AST_NODE_TYPES.FunctionDeclaration).find((f) => f.id?.name === 'plain');
    expect(plain && prototypeClassOf(plain.body.body[0]!)).toBeUndefined();
    // `this` inside a function nested in the constructor is not the instance
    const client = parse(CLIENT, 'file.js');
    expect(prototypeClassOf(thisMember(client, 'nonce', 'return ++this.nonce;'))).toBeUndefined();
  });

  it('understands Ctor.prototype = { … } and var Ctor = function', () => {
    const sc = parse(
      ["var B = function () { this.host = 'h'; };", 'B.prototype = { get: function () { return this.host; } };'].join('\n'),
      'file.js',
    );
    const member = thisMember(sc, 'host', 'return this.host;');
    expect(prototypeFieldValue(member, 'host')?.type).toBe(AST_NODE_TYPES.Literal);
  });
});
