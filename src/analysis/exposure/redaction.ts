import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { GEMINI_HEADERS, geminiHeaderKind, type GeminiHeaderKind } from '../../gemini/headers.js';
import { isFunctionNode, memberName, walk, type FunctionNode } from '../ast-utils.js';
import { isModuleMember, moduleRef } from '../values/bindings.js';
import { constantString, objectEntries, resolveValueNode } from '../values/values.js';
import type { LoggerInstance } from './loggers.js';
import { swallowed } from '../../utils/guard.js';

// Redaction configured on the logger itself makes logging the signed headers safe: pino's
// `redact` paths, or a winston format that deletes or overwrites them before any transport sees
// the record. Only what the configuration names counts; a `redact` list without the Gemini headers
// redacts nothing we care about.

type SourceCode = Readonly<TSESLint.SourceCode>;

const ALL_HEADERS: ReadonlySet<GeminiHeaderKind> = new Set(Object.keys(GEMINI_HEADERS) as GeminiHeaderKind[]);

/** The segments of a pino redact path: `req.headers["x-gemini-signature"]` → `['req', 'headers', 'x-gemini-signature']`. */
function pathSegments(path: string): string[] {
  return path
    .split(/\.|\[|\]/)
    .map((s) => s.trim().replace(/^["'`]|["'`]$/g, '').toLowerCase())
    .filter((s) => s.length > 0);
}

/** What one redacted path (or deleted / overwritten member name) covers: a header, or every header. */
function coveredBy(segments: readonly string[], into: Set<GeminiHeaderKind>): void {
  const last = segments[segments.length - 1];
  if (last === undefined) return;
  const previous = segments[segments.length - 2];
  if (last === 'headers' || (last === '*' && previous === 'headers')) {
    for (const kind of ALL_HEADERS) into.add(kind);
    return;
  }
  const kind = geminiHeaderKind(last);
  if (kind) into.add(kind);
}

/** pino's `redact: [...]` or `redact: { paths: [...] }`. */
function pinoRedaction(options: TSESTree.ObjectExpression, sourceCode: SourceCode, into: Set<GeminiHeaderKind>): void {
  const redact = objectEntries(options, sourceCode).entries.find((e) => e.key === 'redact');
  if (!redact) return;
  let list = resolveValueNode(redact.valueNode, sourceCode);
  if (list.type === AST_NODE_TYPES.ObjectExpression) {
    const paths = objectEntries(list, sourceCode).entries.find((e) => e.key === 'paths');
    if (!paths) return;
    list = resolveValueNode(paths.valueNode, sourceCode);
  }
  if (list.type !== AST_NODE_TYPES.ArrayExpression) return;
  for (const element of list.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
    const text = constantString(element, sourceCode);
    if (text !== undefined) coveredBy(pathSegments(text), into);
  }
}

/** `winston.format((info) => …)` (or an imported `format`) with its transform function. */
function winstonTransform(node: TSESTree.Node, sourceCode: SourceCode): FunctionNode | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [fn] = node.arguments;
  if (!fn || !isFunctionNode(fn)) return undefined;
  return isModuleMember(moduleRef(node.callee, sourceCode), 'winston', 'format') ? fn : undefined;
}

/** What a winston transform deletes or overwrites: `delete info.headers`, `delete h['x-gemini-signature']`, `info.headers = …`. */
function transformRedaction(fn: FunctionNode, sourceCode: SourceCode, into: Set<GeminiHeaderKind>): void {
  const memberTarget = (node: TSESTree.Node): void => {
    if (node.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = memberName(node) ?? (node.computed ? constantString(node.property, sourceCode) : undefined);
    if (name !== undefined) coveredBy([name.toLowerCase()], into);
  };
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete') memberTarget(node.argument);
    else if (node.type === AST_NODE_TYPES.AssignmentExpression) memberTarget(node.left);
    // for (const h of ['x-gemini-apikey', 'x-gemini-signature']) delete info.headers[h]
    else if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') {
      const kind = geminiHeaderKind(node.value);
      if (kind) into.add(kind);
    }
    return undefined;
  });
}

/** winston's `format: combine(redactGemini(), json())`: every custom transform reachable from it. */
function winstonRedaction(options: TSESTree.ObjectExpression, sourceCode: SourceCode, into: Set<GeminiHeaderKind>): void {
  const format = objectEntries(options, sourceCode).entries.find((e) => e.key === 'format');
  if (!format) return;
  const seen = new Set<TSESTree.Node>();
  const visit = (root: TSESTree.Node, depth: number): void => {
    if (depth > 3 || seen.has(root)) return;
    seen.add(root);
    walk(root, (node) => {
      const transform = winstonTransform(node, sourceCode);
      if (transform) {
        transformRedaction(transform, sourceCode, into);
        return false;
      }
      // redactGemini() where `const redactGemini = format((info) => …)`
      if (node.type === AST_NODE_TYPES.Identifier) {
        const value = resolveValueNode(node, sourceCode);
        if (value !== node) visit(value, depth + 1);
      }
      return undefined;
    });
  };
  visit(format.valueNode, 0);
}

/**
 * The `X-GEMINI-*` headers a pino or winston logger removes from every record by its own
 * configuration: pino `redact` paths ending in a Gemini header name or in `headers` / `headers.*`;
 * winston formats (`format((info) => …)`) that delete or overwrite such a member. Empty for
 * anything else, including bunyan and loggers configured elsewhere.
 */
export function redactedHeaders(instance: LoggerInstance, sourceCode: SourceCode): ReadonlySet<GeminiHeaderKind> {
  const covered = new Set<GeminiHeaderKind>();
  try {
    const [first] = instance.factory.arguments;
    const options = first ? resolveValueNode(first, sourceCode) : undefined;
    if (options?.type !== AST_NODE_TYPES.ObjectExpression) return covered;
    if (instance.library === 'pino') pinoRedaction(options, sourceCode, covered);
    if (instance.library === 'winston') winstonRedaction(options, sourceCode, covered);
  } catch {
    swallowed();
    // a shape we do not understand redacts nothing
  }
  return covered;
}
