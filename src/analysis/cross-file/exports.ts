import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, returnedExpressions, unwrap, type FunctionNode } from '../ast-utils.js';
import { resolveIdentifier } from '../values/bindings.js';
import { fileSettings } from './settings.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A header value that another file reveals (see {@link remoteHeaderValues}). */
export interface RemoteHeaderValue {
  kind: 'apiKey' | 'payload' | 'signature';
  /** The exported function's name (where reports about it point when nothing better exists). */
  nameNode: TSESTree.Node;
  /** One of its return values. */
  valueNode: TSESTree.Node;
  /** `file:line` of the other files' header uses. */
  sites: string[];
}

/**
 * Header sinks that other files reveal: the return values of this file's exported functions
 * whose results another file puts in an `X-GEMINI-*` header (from `exportUses` settings).
 */
export function remoteHeaderValues(sourceCode: SourceCode): RemoteHeaderValue[] {
  const uses = fileSettings(sourceCode).exportUses;
  if (!uses) return [];
  const sinks: RemoteHeaderValue[] = [];
  for (const [name, list] of Object.entries(uses)) {
    const fn = exportedFunction(sourceCode, name);
    if (!fn) continue;
    for (const role of ['apiKey', 'payload', 'signature'] as const) {
      const sites = list.filter((u) => u.role === role).map((u) => u.site);
      if (sites.length === 0) continue;
      for (const value of returnedExpressions(fn)) {
        sinks.push({ kind: role, nameNode: fn.id ?? value, valueNode: value, sites });
      }
    }
  }
  return sinks;
}

/** The function a module exports under `name` (`export function`, `export const f = () =>`, default, CommonJS). */
export function exportedFunction(sourceCode: SourceCode, name: string): FunctionNode | undefined {
  const node = exportedValue(sourceCode, name);
  return node && isFunctionNode(node) ? node : undefined;
}

/** The expression or declaration a module exports under `name`, when written in the file. */
export function exportedValue(sourceCode: SourceCode, name: string): TSESTree.Node | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration) {
      const decl = statement.declaration;
      if (decl.type === AST_NODE_TYPES.FunctionDeclaration && decl.id?.name === name) return decl;
      if (decl.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const d of decl.declarations) {
          if (d.id.type === AST_NODE_TYPES.Identifier && d.id.name === name && d.init) return unwrap(d.init);
        }
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.declaration && !statement.source) {
      for (const spec of statement.specifiers) {
        const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : String(spec.exported.value);
        if (exported === name && spec.local.type === AST_NODE_TYPES.Identifier) return localValue(sourceCode, spec.local);
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
      const decl = statement.declaration;
      if (decl.type === AST_NODE_TYPES.Identifier) return localValue(sourceCode, decl);
      return decl;
    }
    // exports.sign = …; module.exports.sign = …
    if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const left = statement.expression.left;
      if (left.type === AST_NODE_TYPES.MemberExpression && !left.computed && left.property.type === AST_NODE_TYPES.Identifier && left.property.name === name) {
        const obj = left.object;
        const isExports =
          (obj.type === AST_NODE_TYPES.Identifier && obj.name === 'exports') ||
          (obj.type === AST_NODE_TYPES.MemberExpression && obj.object.type === AST_NODE_TYPES.Identifier && obj.object.name === 'module' && !obj.computed && obj.property.type === AST_NODE_TYPES.Identifier && obj.property.name === 'exports');
        if (isExports) {
          const right = unwrap(statement.expression.right);
          return right.type === AST_NODE_TYPES.Identifier ? localValue(sourceCode, right) : right;
        }
      }
    }
  }
  return undefined;
}

function localValue(sourceCode: SourceCode, id: TSESTree.Identifier): TSESTree.Node | undefined {
  const binding = resolveIdentifier(id, sourceCode);
  if (binding.kind === 'function') return binding.fn;
  if (binding.kind === 'expression') return unwrap(binding.node);
  return undefined;
}
