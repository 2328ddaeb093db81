import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap } from '../../ast-utils.js';
import { moduleRef } from '../../values/bindings.js';
import { objectEntries, resolveObjectLiteral, resolveValueNode } from '../../values/values.js';
import type { ClientDescriptor, HttpCall, SourceCode } from '../types.js';
import { fromUrlAndOptions, type OptionsShape } from './shared.js';

const SHAPE: OptionsShape = { bodyKeys: ['body'], base: { key: 'baseURL', join: 'axios' } };

/** The defaults of an ofetch instance: `ofetch`, `$fetch`, or `ofetch.create({ baseURL, headers })` (one level). */
function instanceDefaults(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): { config?: TSESTree.ObjectExpression } | undefined {
  // `const api = api.create({…})` (a TDZ error at run time) would be asked about again and again
  // until the stack overflows; as deep as clientBaseOf follows factories (configured.ts)
  if (depth > 8) return undefined;
  const ref = moduleRef(node, sourceCode);
  if (ref && ((ref.source === 'ofetch' || ref.source === 'ohmyfetch') && (ref.path.length === 0 || (ref.path.length === 1 && (ref.path[0] === 'ofetch' || ref.path[0] === '$fetch'))))) return {};
  if (ref?.source === '<global>' && ref.path.length === 1 && ref.path[0] === '$fetch') return {};
  const value = resolveValueNode(node, sourceCode);
  if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(value.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'create' || !instanceDefaults(callee.object, sourceCode, depth + 1)) return undefined;
  const config = value.arguments[0] && resolveObjectLiteral(value.arguments[0], sourceCode);
  return config ? { config } : {};
}

/**
 * ofetch / Nuxt's `$fetch`: `ofetch(url, { method, headers, body, baseURL })` and instances from
 * `ofetch.create({ baseURL, headers })`, whose options the call's own options extend.
 */
export const ofetchClient: ClientDescriptor = {
  id: 'ofetch',
  words: ['ofetch', '$fetch', 'ohmyfetch'],
  // an instance (`const api = ofetch.create(…)`) can be called by any name
  callee: { node: 'call', modules: ['ofetch', 'ohmyfetch', '<global>'] },
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const defaults = instanceDefaults(unwrap(node.callee), sourceCode);
    if (!defaults) return undefined;
    const [urlArg, optionsArg] = node.arguments;
    if (!defaults.config) return fromUrlAndOptions(node, 'ofetch', urlArg, optionsArg, sourceCode, 'GET', SHAPE);
    // instance options first, then the call's: a synthetic `{ ...defaults, ...options }`
    const merged = {
      type: AST_NODE_TYPES.ObjectExpression,
      properties: [defaults.config, optionsArg].filter((n): n is NonNullable<typeof n> => n !== undefined).map((argument) => ({ type: AST_NODE_TYPES.SpreadElement, argument, range: argument.range, loc: argument.loc, parent: node })),
      range: node.range,
      loc: node.loc,
      parent: node,
    } as unknown as TSESTree.ObjectExpression;
    const call: HttpCall = fromUrlAndOptions(node, 'ofetch', urlArg, merged, sourceCode, 'GET', SHAPE);
    if (optionsArg) call.optionsNode = optionsArg;
    else delete call.optionsNode;
    if (!objectEntries(merged, sourceCode).complete) delete call.method;
    return call;
  },
  instanceDefaults: true,
};
