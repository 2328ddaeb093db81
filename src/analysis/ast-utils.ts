import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/** Function-like nodes: the units whose `return` statements helpers look through. */
export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

/**
 * Strips wrappers that do not change a value: parentheses are already gone in ESTree, so this
 * removes TypeScript `as`/`satisfies`/`!`/`<T>x` and ESLint's ChainExpression (`a?.b`).
 */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** True for function declarations, function expressions and arrows. */
export function isFunctionNode(node: TSESTree.Node | undefined | null): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/**
 * The written name of a non-computed or string-keyed property / member, e.g. `post` in
 * `axios.post` or `'X-GEMINI-APIKEY'` in `{ 'X-GEMINI-APIKEY': k }`. Computed keys with
 * non-literal expressions return `undefined` (callers may resolve them through values.ts).
 */
export function staticKeyName(
  key: TSESTree.Node,
  computed: boolean,
): string | undefined {
  if (!computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  }
  if (key.type === AST_NODE_TYPES.Literal) {
    return typeof key.value === 'string' || typeof key.value === 'number' ? String(key.value) : undefined;
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** Property name of `a.b` / `a['b']`, when written statically. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  return staticKeyName(node.property, node.computed);
}

/**
 * Dotted path of a callee or member chain made of identifiers, `this` and static properties:
 * `crypto.createHmac`, `this.client.post`, `window.fetch`. `undefined` when any link is dynamic.
 */
export function dottedPath(node: TSESTree.Node): string | undefined {
  const parts: string[] = [];
  let current: TSESTree.Node = unwrap(node);
  for (let depth = 0; depth < 32; depth++) {
    if (current.type === AST_NODE_TYPES.Identifier) {
      parts.unshift(current.name);
      return parts.join('.');
    }
    if (current.type === AST_NODE_TYPES.ThisExpression) {
      parts.unshift('this');
      return parts.join('.');
    }
    if (current.type === AST_NODE_TYPES.MetaProperty) {
      parts.unshift(`${current.meta.name}.${current.property.name}`);
      return parts.join('.');
    }
    if (current.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = memberName(current);
    if (name === undefined) return undefined;
    parts.unshift(name);
    current = unwrap(current.object);
  }
  return undefined;
}

/** True when `inner` lies within `outer`'s source range (a node contains itself). */
export function containsNode(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The innermost function that contains `node` (not `node` itself), if any. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** The innermost class body member (method or field) containing `node`, and its class. */
export function enclosingClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  let current = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      return current;
    }
    current = current.parent;
  }
  return undefined;
}

/**
 * Every `return` argument of a function (an arrow's expression body counts), not descending
 * into nested functions.
 */
export function returnedExpressions(fn: FunctionNode): TSESTree.Expression[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const out: TSESTree.Expression[] = [];
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) out.push(node.argument);
      continue;
    }
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
      continue;
    }
    for (const child of childNodes(node)) stack.push(child);
  }
  return out.reverse();
}

const SKIP_KEYS = new Set(['parent', 'loc', 'range', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);

/** Direct child nodes of an ESTree node, in source order (visitor keys; type annotations skipped). */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  const keys = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? Object.keys(node);
  for (const key of keys) {
    if (SKIP_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string') {
          out.push(item as TSESTree.Node);
        }
      }
    } else if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
      out.push(value as TSESTree.Node);
    }
  }
  return out;
}

// Child keys per node type, without the skipped ones: computed once, read for every node walked.
const childKeysByType = new Map<string, readonly string[]>();

function childKeys(node: TSESTree.Node): readonly string[] {
  let keys = childKeysByType.get(node.type);
  if (!keys) {
    const known = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type];
    // a node type no visitor keys describe (a parser extension): its own keys, not cached
    if (!known) return Object.keys(node).filter((key) => !SKIP_KEYS.has(key));
    keys = known.filter((key) => !SKIP_KEYS.has(key));
    childKeysByType.set(node.type, keys);
  }
  return keys;
}

/**
 * Visits every node below `root` (iteratively, so 10,000-deep expressions do not overflow the
 * stack). Return `false` from `visit` to skip a node's children.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => unknown): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    pushChildren(node, stack);
  }
}

/**
 * Pushes `node`'s children onto `stack` last-first (so they pop in source order), without an array
 * per node: this runs for every node of every file the analysis looks at.
 */
function pushChildren(node: TSESTree.Node, stack: TSESTree.Node[]): void {
  const keys = childKeys(node);
  for (let k = keys.length - 1; k >= 0; k--) {
    const value = (node as unknown as Record<string, unknown>)[keys[k]!];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item = value[i] as { type?: unknown } | null;
        if (item !== null && typeof item === 'object' && typeof item.type === 'string') stack.push(item as TSESTree.Node);
      }
    } else if (typeof (value as { type?: unknown }).type === 'string') {
      stack.push(value as TSESTree.Node);
    }
  }
}

const indexes = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[]>>();

/** Every node below `root`, by type: the per-file index behind {@link nodesOfType}. */
function buildIndex(root: TSESTree.Node): Map<string, TSESTree.Node[]> {
  const built = new Map<string, TSESTree.Node[]>();
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const list = built.get(node.type);
    if (list) list.push(node);
    else built.set(node.type, [node]);
    pushChildren(node, stack);
  }
  return built;
}

/**
 * Every node of the given types below `root` (the Program, usually), in source order. The whole
 * tree is walked once per root and indexed by type, so the recognisers that each need a few node
 * types share one traversal instead of walking the file again and again.
 */
export function nodesOfType<T extends AST_NODE_TYPES>(root: TSESTree.Node, ...types: T[]): Extract<TSESTree.Node, { type: T }>[] {
  let index = indexes.get(root);
  if (!index) {
    index = buildIndex(root);
    indexes.set(root, index);
  }
  if (types.length === 1) return (index.get(types[0]!) ?? []) as Extract<TSESTree.Node, { type: T }>[];
  return mergeByStart(types.map((type) => index.get(type) ?? [])) as Extract<TSESTree.Node, { type: T }>[];
}

const byStart = (a: TSESTree.Node, b: TSESTree.Node): number => a.range[0] - b.range[0];

/**
 * The lists concatenated and stably sorted by start offset. The index lists are in walk order,
 * which is source order except where visitor keys are not (a template's quasis come before its
 * expressions): lists already in order are merged in linear time, any other is sorted first.
 * Neighbouring lists are merged pairwise, round after round (log k passes over the nodes for k
 * lists, not k): the evidence walk asks for nine node types at once.
 */
function mergeByStart(lists: TSESTree.Node[][]): TSESTree.Node[] {
  let runs = lists.filter((list) => list.length > 0).map(inSourceOrder);
  if (runs.length === 0) return [];
  if (runs.length === 1) return [...runs[0]!];
  while (runs.length > 1) {
    const next: TSESTree.Node[][] = [];
    for (let r = 0; r < runs.length; r += 2) next.push(r + 1 < runs.length ? mergeTwo(runs[r]!, runs[r + 1]!) : runs[r]!);
    runs = next;
  }
  return runs[0]!;
}

// The index lists never change: each is checked (and if need be sorted) once.
const ordered = new WeakMap<TSESTree.Node[], TSESTree.Node[]>();

function inSourceOrder(list: TSESTree.Node[]): TSESTree.Node[] {
  let sorted = ordered.get(list);
  if (!sorted) {
    sorted = isSortedByStart(list) ? list : [...list].sort(byStart);
    ordered.set(list, sorted);
  }
  return sorted;
}

/** Two sorted lists merged; on equal starts the first list's node comes first (a stable sort of `a` then `b`). */
function mergeTwo(a: TSESTree.Node[], b: TSESTree.Node[]): TSESTree.Node[] {
  const out: TSESTree.Node[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = b[j]!.range[0] < a[i]!.range[0] ? b[j++]! : a[i++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function isSortedByStart(list: TSESTree.Node[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i]!.range[0] < list[i - 1]!.range[0]) return false;
  return true;
}
