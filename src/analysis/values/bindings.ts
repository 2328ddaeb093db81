import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { findVariable as findScopeVariable } from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, staticKeyName, unwrap, type FunctionNode } from '../ast-utils.js';
import { memoForFile } from '../memo.js';
import { sourceCodeOf } from './typed-imports.js';
import { swallowed } from '../../utils/guard.js';

/** What an identifier is bound to, as far as one file shows. */
export type Binding =
  /** `const x = <node>` or a `let`/`var` assigned exactly once. */
  | { kind: 'expression'; node: TSESTree.Expression }
  /** `const { key } = <object>` / `const { key: x } = <object>` (one level of destructuring). */
  | { kind: 'property-of'; object: TSESTree.Expression; key: string }
  /** `import x from 'm'`, `import { a as x } from 'm'`, `import * as x from 'm'`. */
  | { kind: 'import'; source: string; imported: string }
  /** A function parameter (its value is whatever callers pass). */
  | { kind: 'parameter'; name: string; fn: FunctionNode }
  /** `function x() {}`, or a `const x = () => …` arrow. */
  | { kind: 'function'; fn: FunctionNode }
  /** No variable in scope: a global such as `fetch`, `crypto`, `process`. */
  | { kind: 'global'; name: string }
  | { kind: 'unknown' };

/** Finds the scope variable an identifier refers to, or `null` for globals. */
export function findVariable(
  id: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.Scope.Variable | null {
  try {
    // a node of a file read for a typed import is looked up in that file's scopes. `getScope`
    // already answers the innermost scope, so look up by name: given the node, findVariable would
    // first search the scope's children for one holding it, and a module scope's children are
    // every top-level function of the file (a scan per module-level identifier: quadratic).
    return findScopeVariable(sourceCodeOf(id, sourceCode).getScope(id), id.name);
  } catch {
    swallowed();
    // getScope throws for nodes outside the linted AST (defensive: rules must never throw).
    return null;
  }
}

/**
 * The module an import declaration names: `import … from 'm'`, or TypeScript's
 * `import x = require('m')`; `undefined` for anything else (`import x = A.B` aliases a namespace).
 */
export function importedModule(declaration: TSESTree.Node | null | undefined): string | undefined {
  if (declaration?.type === AST_NODE_TYPES.ImportDeclaration) return String(declaration.source.value);
  if (declaration?.type === AST_NODE_TYPES.TSImportEqualsDeclaration && declaration.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
    const { expression } = declaration.moduleReference;
    return expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string' ? expression.value : undefined;
  }
  return undefined;
}

/**
 * Resolves an identifier to what it is bound to. `let`/`var` count only when written once
 * (initialiser or a single later `=`), because a reassigned variable has no single value.
 */
export function resolveIdentifier(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): Binding {
  // asked again and again for the same identifier by every analysis: the answer is fixed per node
  const bindings = memoForFile(sourceCode, 'bindings:resolveIdentifier', () => new Map<TSESTree.Identifier, Binding>());
  let binding = bindings.get(id);
  if (!binding) {
    binding = bindingOf(id, sourceCode);
    bindings.set(id, binding);
  }
  return binding;
}

function bindingOf(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): Binding {
  const variable = findVariable(id, sourceCode);
  // typescript-eslint declares lib globals (JSON, fetch, …) as variables without definitions
  if (!variable || variable.defs.length === 0) return { kind: 'global', name: id.name };
  const def = variable.defs[0];
  if (!def || variable.defs.length > 1) return { kind: 'unknown' };

  switch (def.type) {
    case 'ImportBinding': {
      const spec = def.node;
      // TypeScript's `import x = require('m')`: the module object itself, as `import * as x`
      if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const equalsSource = importedModule(spec);
        return equalsSource === undefined ? { kind: 'unknown' } : { kind: 'import', source: equalsSource, imported: '*' };
      }
      const source = importedModule(def.parent);
      if (source === undefined) return { kind: 'unknown' };
      if (spec.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { kind: 'import', source, imported: 'default' };
      if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { kind: 'import', source, imported: '*' };
      if (spec.type === AST_NODE_TYPES.ImportSpecifier) {
        const imported = spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : String(spec.imported.value);
        return { kind: 'import', source, imported };
      }
      return { kind: 'unknown' };
    }
    case 'Parameter': {
      const fn = def.node;
      return isFunctionNode(fn) ? { kind: 'parameter', name: id.name, fn } : { kind: 'unknown' };
    }
    case 'FunctionName': {
      const fn = def.node;
      return isFunctionNode(fn) ? { kind: 'function', fn } : { kind: 'unknown' };
    }
    case 'Variable': {
      const declarator = def.node;
      const writes = writeReferences(variable, sourceCode);
      const declaration = declarator.parent;
      const isConst = declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const';
      if (!isConst && writes.length > 1) return { kind: 'unknown' };

      if (declarator.id.type === AST_NODE_TYPES.Identifier) {
        let init: TSESTree.Expression | null = declarator.init;
        if (!init && writes.length === 1) {
          const parent = writes[0]!.identifier.parent;
          if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.left === writes[0]!.identifier) {
            init = parent.right;
          }
        }
        if (!init) return { kind: 'unknown' };
        const value = unwrap(init);
        if (value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression) {
          return { kind: 'function', fn: value };
        }
        return { kind: 'expression', node: init };
      }
      if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && declarator.init) {
        for (const prop of declarator.id.properties) {
          if (prop.type !== AST_NODE_TYPES.Property) continue;
          const target = prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value;
          if (target.type === AST_NODE_TYPES.Identifier && target.name === id.name) {
            const key = staticKeyName(prop.key, prop.computed);
            return key === undefined ? { kind: 'unknown' } : { kind: 'property-of', object: declarator.init, key };
          }
        }
      }
      return { kind: 'unknown' };
    }
    default:
      return { kind: 'unknown' };
  }
}

/**
 * The references that write `variable` (its initialiser and assignments), computed once per
 * variable for the file: a module-level binding (`apiSecret`, `BASE_URL`) is resolved at every one
 * of its N references, and filtering its N references each time is quadratic.
 */
export function writeReferences(variable: TSESLint.Scope.Variable, sourceCode: Readonly<TSESLint.SourceCode>): readonly TSESLint.Scope.Reference[] {
  const cache = memoForFile(sourceCode, 'bindings:writeReferences', () => new Map<TSESLint.Scope.Variable, readonly TSESLint.Scope.Reference[]>());
  let writes = cache.get(variable);
  if (!writes) {
    writes = variable.references.filter((ref) => ref.isWrite());
    cache.set(variable, writes);
  }
  return writes;
}

/**
 * The assignments whose target is `variable` itself (`x = …`, `x += …`; not `x.y = …`, not
 * destructuring), in source order, computed once per variable: asked at every use of a counter
 * or of a reassigned module-level `let`.
 */
export function assignmentsTo(variable: TSESLint.Scope.Variable, sourceCode: Readonly<TSESLint.SourceCode>): readonly TSESTree.AssignmentExpression[] {
  const cache = memoForFile(sourceCode, 'bindings:assignmentsTo', () => new Map<TSESLint.Scope.Variable, readonly TSESTree.AssignmentExpression[]>());
  const known = cache.get(variable);
  if (known) return known;
  const assignments: TSESTree.AssignmentExpression[] = [];
  for (const ref of writeReferences(variable, sourceCode)) {
    const parent = ref.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref.identifier) assignments.push(parent);
  }
  cache.set(variable, assignments);
  return assignments;
}

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

/** A value that comes from a module (or from the global object), with the member path taken into it. */
export interface ModuleRef {
  /** Module specifier without a `node:` prefix, or `'<global>'` for globals. */
  source: string;
  /** Members read from the module namespace; a leading `default` is dropped (CJS interop). */
  path: string[];
}

/**
 * Where a callee or object comes from: `axios.post` → `{ source: 'axios', path: ['post'] }`,
 * `createHmac` imported from `node:crypto` → `{ source: 'crypto', path: ['createHmac'] }`,
 * global `fetch` / `window.fetch` → `{ source: '<global>', path: ['fetch'] }`. Follows
 * `require()`, destructuring and `const` aliases within the file.
 */
export function moduleRef(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): ModuleRef | undefined {
  // every recogniser asks what each callee is (ten times per node on a client file): answered once
  // per node. Only the outermost question is kept; a nested one may be cut short by the depth limit.
  if (depth > 0) return moduleRefOf(node, sourceCode, depth);
  const moduleRefs = memoForFile(sourceCode, 'bindings:moduleRef', () => new Map<TSESTree.Node, ModuleRef | undefined>());
  if (moduleRefs.has(node)) return moduleRefs.get(node);
  const ref = moduleRefOf(node, sourceCode, 0);
  moduleRefs.set(node, ref);
  return ref;
}

function moduleRefOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): ModuleRef | undefined {
  if (depth > 12) return undefined;
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveIdentifier(current, sourceCode);
    switch (binding.kind) {
      case 'import':
        return normalise(binding.source, binding.imported === 'default' || binding.imported === '*' ? [] : [binding.imported]);
      case 'global':
        return GLOBAL_OBJECTS.has(binding.name) ? { source: '<global>', path: [] } : { source: '<global>', path: [binding.name] };
      case 'expression':
        return moduleRef(binding.node, sourceCode, depth + 1);
      case 'property-of': {
        const base = moduleRef(binding.object, sourceCode, depth + 1);
        return base ? appendPath(base, binding.key) : undefined;
      }
      default:
        return undefined;
    }
  }
  if (current.type === AST_NODE_TYPES.CallExpression && isInteropCall(current)) {
    // `_interopRequireDefault(require('crypto'))`, `__importDefault(require("axios"))`: compiled
    // ESM imports; the helper returns the module (or `{ default: module }`, dropped by appendPath).
    return moduleRef(current.arguments[0]!, sourceCode, depth + 1);
  }
  if (current.type === AST_NODE_TYPES.CallExpression && isRequireCall(current)) {
    const arg = current.arguments[0];
    return arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' ? normalise(arg.value, []) : undefined;
  }
  if (current.type === AST_NODE_TYPES.SequenceExpression) {
    // Babel and tsc call imports as `(0, _crypto.createHmac)(…)` so that `this` is unbound.
    const last = current.expressions[current.expressions.length - 1];
    const pure = current.expressions.slice(0, -1).every((e) => e.type === AST_NODE_TYPES.Literal);
    return last && pure ? moduleRef(last, sourceCode, depth + 1) : undefined;
  }
  if (current.type === AST_NODE_TYPES.AwaitExpression) {
    // `await import('m')`
    const arg = unwrap(current.argument);
    if (arg.type === AST_NODE_TYPES.ImportExpression && arg.source.type === AST_NODE_TYPES.Literal && typeof arg.source.value === 'string') {
      return normalise(arg.source.value, []);
    }
    return undefined;
  }
  if (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(current.property, current.computed);
    if (name === undefined) return undefined;
    const base = moduleRef(current.object, sourceCode, depth + 1);
    return base ? appendPath(base, name) : undefined;
  }
  return undefined;
}

function appendPath(base: ModuleRef, name: string): ModuleRef {
  if (base.path.length === 0 && name === 'default') return base;
  if (base.source === '<global>' && base.path.length === 0 && GLOBAL_OBJECTS.has(name)) return base;
  return { source: base.source, path: [...base.path, name] };
}

function normalise(source: string, path: string[]): ModuleRef {
  return { source: source.startsWith('node:') ? source.slice(5) : source, path };
}

/**
 * Module-interop helpers that compilers and bundlers wrap around `require()` (Babel, tsc/tslib,
 * esbuild, Rollup). Each returns the module itself or `{ default: module }`.
 */
const INTEROP_HELPERS: ReadonlySet<string> = new Set([
  '_interopRequireDefault',
  '_interopRequireWildcard',
  '__importDefault',
  '__importStar',
  '__toESM',
  '_interopDefault',
  '_interopDefaultCompat',
  '_interopNamespace',
  '_interopNamespaceDefault',
  '_interopNamespaceCompat',
]);

/**
 * A call of a compiler's module-interop helper (`_interopRequireDefault(x)`, `__importDefault(x)`,
 * `tslib.__importStar(x)`, `__toESM(x, 1)`): its value is the module `x`, possibly under `default`.
 */
export function isInteropCall(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0) return false;
  if (node.arguments[0]?.type === AST_NODE_TYPES.SpreadElement) return false;
  let callee = unwrap(node.callee);
  if (callee.type === AST_NODE_TYPES.SequenceExpression) callee = callee.expressions[callee.expressions.length - 1] ?? callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee.property, callee.computed) : undefined;
  return name !== undefined && INTEROP_HELPERS.has(name);
}

/** `require('x')` with a literal specifier. */
export function isRequireCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  );
}

/** True when `ref` is exactly `source` (or one of `sources`) with the given member path. */
export function isModuleMember(ref: ModuleRef | undefined, sources: string | readonly string[], ...path: string[]): boolean {
  if (!ref) return false;
  const list = typeof sources === 'string' ? [sources] : sources;
  return list.includes(ref.source) && ref.path.length === path.length && ref.path.every((p, i) => p === path[i]);
}
