import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { HOLE } from '../../../gemini/paths.js';
import { memberName } from '../../ast-utils.js';
import { findVariable } from '../../values/bindings.js';
import { constantString, propertyValue, staticString } from '../../values/values.js';
import { EMPTY_HEADERS, headersFromOptions, mergeHeaders, UNKNOWN_HEADERS } from '../headers.js';
import type { ClientDescriptor, HttpCall, SourceCode } from '../types.js';
import { parseUrlText, resolveUrlString } from '../urls.js';
import { calleeRef, isOptionsObject } from './shared.js';

function read(node: TSESTree.CallExpression, source: string, member: string, sourceCode: SourceCode): HttpCall {
  const [first, second] = node.arguments;
  const defaultScheme = source === 'https' ? 'https:' : 'http:';
  const call: HttpCall = { node, client: 'node-http', headers: UNKNOWN_HEADERS };
  let options: TSESTree.Node | undefined;
  if (first && isOptionsObject(first, sourceCode)) {
    options = first;
    call.urlNode = first;
    const protocol = propertyValue(first, 'protocol', sourceCode);
    const host = propertyValue(first, 'hostname', sourceCode) ?? propertyValue(first, 'host', sourceCode);
    const path = propertyValue(first, 'path', sourceCode);
    const scheme = protocol ? (staticString(protocol, sourceCode) ?? { text: HOLE, complete: false }) : { text: defaultScheme, complete: true };
    const hostText = host ? (staticString(host, sourceCode) ?? { text: HOLE, complete: false }) : { text: 'localhost', complete: true };
    const pathText = path ? (staticString(path, sourceCode) ?? { text: HOLE, complete: false }) : { text: '/', complete: true };
    call.url = parseUrlText({
      text: `${scheme.text.replace(/:$/, '')}://${hostText.text}${pathText.text}`,
      complete: scheme.complete && hostText.complete && pathText.complete,
    });
  } else if (first) {
    call.urlNode = first;
    const s = resolveUrlString(first, sourceCode);
    if (s) call.url = parseUrlText(s);
    if (second && isOptionsObject(second, sourceCode)) options = second;
  }
  if (options) {
    call.optionsNode = options;
    call.headers = headersFromOptions(options, sourceCode);
    const m = propertyValue(options, 'method', sourceCode);
    if (m) {
      call.methodNode = m;
      const text = constantString(m, sourceCode);
      if (text) call.method = text.toUpperCase();
    } else {
      call.method = 'GET';
    }
  } else {
    call.headers = EMPTY_HEADERS;
    call.method = 'GET';
  }
  if (member === 'get') call.method = 'GET';
  // headers set later: req.setHeader('X-GEMINI-APIKEY', key)
  const declarator = node.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(declarator.id, sourceCode);
    for (const r of variable?.references ?? []) {
      const use = r.identifier.parent;
      if (use?.type === AST_NODE_TYPES.MemberExpression && memberName(use) === 'setHeader' && use.parent?.type === AST_NODE_TYPES.CallExpression) {
        const [nameArg, valueArg] = use.parent.arguments;
        const name = nameArg ? constantString(nameArg, sourceCode) : undefined;
        if (name !== undefined && valueArg) call.headers = mergeHeaders(call.headers, { entries: [{ name, nameNode: nameArg!, valueNode: valueArg }], complete: true });
      }
    }
  }
  return call;
}

/** `https.request(url | options, options?)` whose request object goes anywhere but its own method calls. */
function requestObjectEscapes(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return false;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return false;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = findVariable(parent.id, sourceCode);
  if (!variable) return true;
  return variable.references.some((ref) => {
    if (ref.init) return false;
    const use = ref.identifier.parent;
    // req.write(…), req.end(), req.on(…), req.setHeader(…) (already read above)
    return !(use?.type === AST_NODE_TYPES.MemberExpression && use.object === ref.identifier && use.parent?.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use);
  });
}

/** node's `https.request` / `http.request` / `.get`, with a URL or a `{ protocol, hostname, path }` object. */
export const nodeHttpClient: ClientDescriptor = {
  id: 'node-http',
  words: ['http'],
  callee: { node: 'call', members: new Set(['request', 'get']), modules: ['http', 'https'] },
  urlFromOptions: true,
  recognise(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const ref = calleeRef(node, sourceCode);
    if (!ref || (ref.source !== 'https' && ref.source !== 'http') || ref.path.length !== 1) return undefined;
    const member = ref.path[0]!;
    return member === 'request' || member === 'get' ? read(node, ref.source, member, sourceCode) : undefined;
  },
  headersMayBeAddedLater: (call, sourceCode) => requestObjectEscapes(call.node, sourceCode),
};
