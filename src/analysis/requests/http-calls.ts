import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { ParserServices, TSESTree } from '@typescript-eslint/utils';
import { memberName, nodesOfType, unwrap } from '../ast-utils.js';
import { memoForFile } from '../memo.js';
import { isRequireCall } from '../values/bindings.js';
import { textMayMatch } from '../text-prefilter.js';
import { CLIENT_WORD_PATTERNS, CLIENTS } from './clients/index.js';
import type { ClientDescriptor, HttpCall, SourceCode } from './types.js';
import { swallowed } from '../../utils/guard.js';

export type { CalleeSpec, ClientDescriptor, HeaderEntry, HeaderSet, HttpCall } from './types.js';
export { findHeader, resolveHeaders } from './headers.js';
export { clientDescriptor, CLIENTS } from './clients/index.js';

/**
 * The modules the file names where a value can come from one (`node:` dropped): `import … from`,
 * `import()`, `require()` (also inside a compiler's interop helper) and `import x = require()`.
 */
function moduleNamesInFile(sourceCode: SourceCode): ReadonlySet<string> {
  return memoForFile(sourceCode, 'moduleNamesInFile', () => {
    const names = new Set<string>();
    const add = (source: TSESTree.Node | null | undefined): void => {
      if (source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') names.add(source.value.startsWith('node:') ? source.value.slice(5) : source.value);
    };
    const ast = sourceCode.ast;
    for (const node of nodesOfType(ast, AST_NODE_TYPES.ImportDeclaration, AST_NODE_TYPES.ImportExpression)) add(node.source);
    for (const node of nodesOfType(ast, AST_NODE_TYPES.CallExpression)) if (isRequireCall(node)) add(node.arguments[0]);
    for (const node of nodesOfType(ast, AST_NODE_TYPES.TSExternalModuleReference)) add(node.expression);
    return names;
  });
}

/** Under typed linting a value (a client instance) can come from another file of the program. */
function typedProgram(sourceCode: SourceCode): boolean {
  return (sourceCode.parserServices as Partial<ParserServices> | undefined)?.program != null;
}

/** Whether the file can hold a callee of `client` at all: one of its modules is named, or it reads globals. */
function modulesMayMatch(client: ClientDescriptor, sourceCode: SourceCode): boolean {
  const modules = client.callee?.modules;
  if (!modules || modules.includes('<global>') || typedProgram(sourceCode)) return true;
  const named = moduleNamesInFile(sourceCode);
  return modules.some((m) => named.has(m));
}

/**
 * The client families the file can use, once per file: the file names one of the modules their
 * callees come from, and its text holds one of their words (the derived prefilter).
 */
function clientsInFile(sourceCode: SourceCode): readonly ClientDescriptor[] {
  return memoForFile(sourceCode, 'clientsInFile', () =>
    // the module test first: a few set look-ups, where the words are a scan of the whole text
    CLIENTS.filter((c) => modulesMayMatch(c, sourceCode) && textMayMatch(sourceCode, CLIENT_WORD_PATTERNS.get(c)!)),
  );
}

/**
 * Whether `client`'s {@link ClientDescriptor.callee} admits the call's shape: the expression kind,
 * and for a callee `object.name` with a static name, the name. Resolves nothing.
 */
export function calleeAdmits(client: ClientDescriptor, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const spec = client.callee;
  if (!spec) return true;
  if (spec.node !== 'both' && (spec.node === 'call') !== (node.type === AST_NODE_TYPES.CallExpression)) return false;
  if (!spec.members) return true;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
  const name = memberName(callee);
  return name === undefined || spec.members.has(name);
}

/**
 * Every request the file sends, recognised once per file and shared by all rules.
 */
export function httpCalls(sourceCode: SourceCode): HttpCall[] {
  return memoForFile(sourceCode, 'httpCalls', () => {
    const clients = clientsInFile(sourceCode);
    if (clients.length === 0) return [];
    const calls: HttpCall[] = [];
    nodesOfType(sourceCode.ast, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression).forEach((node) => {
      const call = recognise(node, clients, sourceCode);
      if (call) calls.push(call);
    });
    return calls;
  });
}

function recognise(node: TSESTree.CallExpression | TSESTree.NewExpression, clients: readonly ClientDescriptor[], sourceCode: SourceCode): HttpCall | undefined {
  for (const client of clients) {
    if (!calleeAdmits(client, node)) continue;
    try {
      const call = client.recognise(node, sourceCode);
      if (call) return call;
    } catch {
      swallowed();
      // A recogniser bug must cost one finding, never the user's lint run.
    }
  }
  return undefined;
}

/** Recognises one call as a request, or returns `undefined`. */
export function recogniseHttpCall(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): HttpCall | undefined {
  return recognise(node, clientsInFile(sourceCode), sourceCode);
}
