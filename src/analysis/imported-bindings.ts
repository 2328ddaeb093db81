/**
 * Which module of the project a binding, or a class, comes from or goes to: the two ends of a call
 * that crosses files (used by the roles facts to pair a helper with the calls other files make).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrap } from './ast-utils.js';
import { resolveIdentifier } from './values/bindings.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The module a binding comes from when it is a relative import or `require('./…')`, and the imported name. */
export function importedBinding(id: TSESTree.Identifier, sourceCode: SourceCode): { source: string; imported: string } | undefined {
  const binding = resolveIdentifier(id, sourceCode);
  if (binding.kind === 'import') return binding.source.startsWith('.') ? binding : undefined;
  const required = (node: TSESTree.Node): string | undefined => {
    const call = unwrap(node);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'require') return undefined;
    const arg = call.arguments[0];
    return arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' && arg.value.startsWith('.') ? arg.value : undefined;
  };
  if (binding.kind === 'expression') {
    const source = required(binding.node);
    return source ? { source, imported: '*' } : undefined;
  }
  if (binding.kind === 'property-of') {
    const source = required(binding.object);
    return source ? { source, imported: binding.key } : undefined;
  }
  return undefined;
}

/** True when this file exports class `cls` under `name` (`export class`, `export default class`, `export { C }`). */
export function exportsClass(sourceCode: SourceCode, name: string, cls: TSESTree.Node): boolean {
  const local = (cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression) ? cls.id?.name : undefined;
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.declaration === cls && local === name) return true;
      if (!statement.source && local !== undefined) {
        for (const spec of statement.specifiers) {
          const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : String(spec.exported.value);
          if (exported === name && spec.local.type === AST_NODE_TYPES.Identifier && spec.local.name === local) return true;
        }
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
      const decl = statement.declaration;
      if (decl === cls || (decl.type === AST_NODE_TYPES.Identifier && decl.name === local)) return true;
    }
  }
  return false;
}
