import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap } from '../../ast-utils.js';
import { constantString } from '../../values/values.js';
import { resolveHeaders } from '../headers.js';
import type { ClientDescriptor, HeaderEntry, HttpCall } from '../types.js';
import { calleeRef, METHODS, setUrl } from './shared.js';

/** Whether a method named `method` is called further down the chain that starts at `node`. */
function chainUses(node: TSESTree.Node, method: string): boolean {
  let current: TSESTree.Node = node;
  for (let i = 0; i < 64; i++) {
    const member = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return false;
    if (memberName(member) === method) return true;
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
    current = call;
  }
  return false;
}

/** superagent: `superagent.post(url).set(name, value).send(body)`; `.use(plugin)` may add headers. */
export const superagentClient: ClientDescriptor = {
  id: 'superagent',
  words: ['superagent'],
  callee: { node: 'call', members: new Set([...METHODS, 'del', 'default']), modules: ['superagent'] },
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const ref = calleeRef(node, sourceCode);
    if (ref?.source !== 'superagent') return undefined;
    let method: string | undefined;
    let urlArg: TSESTree.Node | undefined;
    const member = ref.path.length === 1 ? ref.path[0]! : undefined;
    if (member !== undefined && (METHODS.has(member) || member === 'del')) {
      method = member === 'del' ? 'DELETE' : member.toUpperCase();
      urlArg = node.arguments[0];
    } else if (ref.path.length === 0) {
      const [m, u] = node.arguments;
      if (u) {
        urlArg = u;
        method = m ? constantString(m, sourceCode)?.toUpperCase() : undefined;
      } else {
        urlArg = m;
        method = 'GET';
      }
    } else {
      return undefined;
    }
    const call: HttpCall = { node, client: 'superagent', headers: { entries: [], complete: true } };
    if (method) call.method = method;
    if (ref.path.length === 1) call.methodNode = (unwrap(node.callee) as TSESTree.MemberExpression).property ?? node.callee;
    setUrl(call, urlArg, sourceCode);
    // Walk up the chain: .set(name, value) / .set({...}) / .send(body)
    let current: TSESTree.Node = node;
    const entries: HeaderEntry[] = [];
    let complete = true;
    for (;;) {
      const link: TSESTree.Node | undefined = current.parent;
      if (link?.type !== AST_NODE_TYPES.MemberExpression || link.object !== current) break;
      const chained: TSESTree.Node | undefined = link.parent;
      if (chained?.type !== AST_NODE_TYPES.CallExpression || chained.callee !== link) break;
      const name = memberName(link);
      const [a, b] = chained.arguments;
      if (name === 'set' && a && b) {
        const header = constantString(a, sourceCode);
        if (header !== undefined) entries.push({ name: header, nameNode: a, valueNode: b });
        else complete = false;
      } else if (name === 'set' && a) {
        const set = resolveHeaders(a, sourceCode);
        entries.push(...set.entries);
        complete &&= set.complete;
      } else if (name === 'send' && a) {
        call.bodyNode = a;
      }
      current = chained;
    }
    const top = current.parent;
    if (top?.type === AST_NODE_TYPES.VariableDeclarator || top?.type === AST_NODE_TYPES.AssignmentExpression || top?.type === AST_NODE_TYPES.ReturnStatement) {
      complete = false; // the request object escapes: more headers may be set elsewhere
    }
    call.headers = { entries, complete };
    return call;
  },
  instanceDefaults: true,
  headersMayBeAddedLater: (call) => chainUses(call.node, 'use'),
};
