import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../ast-utils.js';
import { concatStatic, resolveValueNode, staticString, UNKNOWN_STRING, type StaticString } from './values.js';
import { unlessReentered } from './reentry.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** More alternatives than this and the expression is treated as unknown. */
const MAX_VARIANTS = 16;
const MAX_DEPTH = 24;

/**
 * The strings an expression may evaluate to, like `staticString` (unknown parts become holes) but
 * fanning out over `c ? a : b`, `a || b` and `a ?? b`, through `const` bindings and class fields:
 * `` `https://${sandbox ? 'api.sandbox' : 'api'}.gemini.com` `` gives both hosts. `undefined` when
 * the expression is not recognisably a string, or has more than {@link MAX_VARIANTS} alternatives.
 */
export function stringVariants(node: TSESTree.Node, sourceCode: SourceCode): StaticString[] | undefined {
  try {
    return variants(node, sourceCode, 0);
  } catch {
    swallowed();
    // defensive: rules must never throw
    return undefined;
  }
}

function variants(node: TSESTree.Node, sourceCode: SourceCode, depth: number): StaticString[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const value = resolveValueNode(unwrap(node), sourceCode);
  // `const host = sandbox ? host : host`: a value made of itself (a TDZ error at run time) is asked
  // for again inside its own evaluation; unrolled down to the depth limit, every such alternative
  // doubles the work (minutes for one line). Such a part is as unknown as one too deep.
  return unlessReentered(expanding, value, undefined, () => variantsOf(value, sourceCode, depth));
}

// Values whose alternatives are being listed right now (see variants).
const expanding = new Set<TSESTree.Node>();

function variantsOf(value: TSESTree.Node, sourceCode: SourceCode, depth: number): StaticString[] | undefined {
  switch (value.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      return union(variants(value.consequent, sourceCode, depth + 1), variants(value.alternate, sourceCode, depth + 1));
    case AST_NODE_TYPES.LogicalExpression:
      if (value.operator === '&&') return undefined;
      return union(variants(value.left, sourceCode, depth + 1), variants(value.right, sourceCode, depth + 1));
    case AST_NODE_TYPES.TemplateLiteral: {
      let acc: StaticString[] = [{ text: '', complete: true }];
      for (const [i, quasi] of value.quasis.entries()) {
        acc = product(acc, [{ text: quasi.value.cooked ?? quasi.value.raw, complete: true }]);
        const expr = value.expressions[i];
        if (expr) acc = product(acc, variants(expr, sourceCode, depth + 1) ?? [UNKNOWN_STRING]);
        if (acc.length > MAX_VARIANTS) return undefined;
      }
      return acc;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (value.operator !== '+') return undefined;
      const left = variants(value.left, sourceCode, depth + 1);
      const right = variants(value.right, sourceCode, depth + 1);
      if (!left && !right) return undefined;
      const all = product(left ?? [UNKNOWN_STRING], right ?? [UNKNOWN_STRING]);
      return all.length > MAX_VARIANTS ? undefined : all;
    }
    default: {
      const s = staticString(value, sourceCode, depth + 1);
      return s ? [s] : undefined;
    }
  }
}

/** Both sides' alternatives; an unknown side is one hole (`process.env.HOST ?? 'api.gemini.com'`). */
function union(a: StaticString[] | undefined, b: StaticString[] | undefined): StaticString[] | undefined {
  if (!a && !b) return undefined;
  const all = [...(a ?? [UNKNOWN_STRING]), ...(b ?? [UNKNOWN_STRING])];
  return all.length > MAX_VARIANTS ? undefined : all;
}

function product(a: readonly StaticString[], b: readonly StaticString[]): StaticString[] {
  const out: StaticString[] = [];
  for (const x of a) for (const y of b) out.push(concatStatic([x, y]));
  return out;
}
