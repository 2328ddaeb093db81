import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberName, returnedExpressions, unwrap, type FunctionNode } from '../ast-utils.js';
import { resolveIdentifier } from '../values/bindings.js';
import { constantString, resolveValueNode } from '../values/values.js';

// The byte states of a signature, from the HMAC to the X-GEMINI-SIGNATURE header.
//
// An HMAC yields 48 bytes; every step after it either keeps the state or moves it, and the header
// must end in `hex`. The states form a flat lattice under `unknown` (nothing certain):
//
//                               unknown
//     ┌──────┬──────────┬──────────────┬────────┬──────────┬────────┬────────┐
//   buffer  hex     hex-unpadded   base64  base64url   latin1   binary
//   (raw bytes: Buffer, ArrayBuffer, Uint8Array, a crypto-js WordArray)
//
// - `buffer` → text: `.digest(enc)`, `Buffer#toString(enc)`, `btoa`, `bytesToHex`, crypto-js
//   `enc.X.stringify`, `String.fromCharCode(...bytes)` (binary), a byte-wise `.map(b => …).join('')`
//   (hex when every byte gives two digits, hex-unpadded for `b.toString(16)` alone).
// - text → bytes: `Buffer.from(text, enc)` with the text's own encoding gives `buffer` back.
// - same state: `await`, `const`s, `new Uint8Array(x)`, `[...x]`, `Array.from(x)`, a helper's
//   return value at its only call site, template literals and `String(x)` on the way to the header.
// - anything else: `unknown` — never reported.
// Upper-case hex is a case change on the way to the header, judged there (flows.ts).
//
// Gemini accepts exactly `hex` (lower case, two digits a byte). `base64`, `base64url`, `latin1`,
// `binary` and `hex-unpadded` are certainly wrong; `buffer` reaching the header (a Buffer turned into
// text by a client) and `unknown` are left alone.

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A byte state of the lattice above. */
export type DigestEncoding = 'hex' | 'hex-unpadded' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'buffer' | 'unknown';

/** The state named by a node encoding argument (`'hex'`, `'base64'`, …); `unknown` for anything else. */
export function encodingOf(text: string | undefined): DigestEncoding {
  switch (text?.toLowerCase()) {
    case 'hex':
      return 'hex';
    case 'base64':
      return 'base64';
    case 'base64url':
      return 'base64url';
    case 'latin1':
      return 'latin1';
    case 'binary':
      return 'binary';
    default:
      return 'unknown';
  }
}

/** What a byte-wise mapper turns each byte into, and the `b.toString(16)` call that does it. */
export interface ByteMapping {
  encoding: DigestEncoding;
  /** The `b.toString(16)` call inside the mapper (for a fix adding `.padStart(2, '0')`). */
  toHexCall?: TSESTree.CallExpression;
}

/** `x.toString(16)` with `x` the mapper's parameter. */
function byteToHexCall(node: TSESTree.Node, param: string, sourceCode: SourceCode): TSESTree.CallExpression | undefined {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.CallExpression || n.arguments.length !== 1) return undefined;
  const callee = unwrap(n.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'toString') return undefined;
  const receiver = unwrap(callee.object);
  if (receiver.type !== AST_NODE_TYPES.Identifier || receiver.name !== param) return undefined;
  return constantString(n.arguments[0]!, sourceCode) === '16' ? n : undefined;
}

/** `text.<method>(…args)` → the receiver, when the call is that method with those constant arguments. */
function methodReceiver(node: TSESTree.Node, method: string, args: readonly string[], sourceCode: SourceCode): TSESTree.Node | undefined {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.CallExpression || n.arguments.length !== args.length) return undefined;
  const callee = unwrap(n.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== method) return undefined;
  return n.arguments.every((a, i) => argumentText(a, sourceCode) === args[i]) ? callee.object : undefined;
}

/** The constant text of an argument, negative numbers included (`-2`). */
function argumentText(node: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.UnaryExpression && n.operator === '-' && n.argument.type === AST_NODE_TYPES.Literal && typeof n.argument.value === 'number') return `-${n.argument.value}`;
  return constantString(n, sourceCode);
}

/** What one returned expression of a byte mapper makes of byte `param`. */
function mappedByte(node: TSESTree.Node, param: string, sourceCode: SourceCode): ByteMapping {
  const n = unwrap(node);
  // b.toString(16): one digit for bytes below 0x10
  const bare = byteToHexCall(n, param, sourceCode);
  if (bare) return { encoding: 'hex-unpadded', toHexCall: bare };
  // b.toString(16).padStart(2, '0')
  const padded = methodReceiver(n, 'padStart', ['2', '0'], sourceCode);
  if (padded && byteToHexCall(padded, param, sourceCode)) return { encoding: 'hex' };
  // ('0' + b.toString(16)).slice(-2), `0${b.toString(16)}`.slice(-2), .substr(-2)
  const tail = methodReceiver(n, 'slice', ['-2'], sourceCode) ?? methodReceiver(n, 'substr', ['-2'], sourceCode);
  if (tail) {
    const inner = unwrap(tail);
    if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+' && /^0+$/.test(constantString(inner.left, sourceCode) ?? '') && byteToHexCall(inner.right, param, sourceCode)) return { encoding: 'hex' };
    if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 1 && /^0+$/.test(inner.quasis[0]?.value.cooked ?? '') && inner.quasis[1]?.value.cooked === '' && byteToHexCall(inner.expressions[0]!, param, sourceCode)) return { encoding: 'hex' };
  }
  // (b < 16 ? '0' : '') + b.toString(16)
  if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+' && byteToHexCall(n.right, param, sourceCode)) {
    const left = unwrap(n.left);
    if (left.type === AST_NODE_TYPES.ConditionalExpression && left.test.type === AST_NODE_TYPES.BinaryExpression) {
      const test = left.test;
      const bound = constantString(test.right, sourceCode);
      if ((test.operator === '<' && (bound === '16' || bound === '0x10')) || (test.operator === '<=' && bound === '15')) {
        if (constantString(left.consequent, sourceCode) === '0' && constantString(left.alternate, sourceCode) === '') return { encoding: 'hex' };
      }
    }
  }
  return { encoding: 'unknown' };
}

/**
 * What a byte-wise mapper (`bytes.map(fn)`, `Array.from(bytes, fn)`) turns each byte into: `hex` for
 * two digits a byte (`padStart(2, '0')`, `('0' + …).slice(-2)`, a `< 16` guard), `hex-unpadded` for
 * `b.toString(16)` alone, `unknown` for anything else (a lookup table, a helper).
 */
export function byteMapping(mapper: TSESTree.Node, sourceCode: SourceCode): ByteMapping {
  const direct = unwrap(mapper);
  const binding = direct.type === AST_NODE_TYPES.Identifier ? resolveIdentifier(direct, sourceCode) : undefined;
  const value = binding?.kind === 'function' ? binding.fn : unwrap(resolveValueNode(mapper, sourceCode));
  if (!isFunctionNode(value)) return { encoding: 'unknown' };
  const fn: FunctionNode = value;
  const first = fn.params[0];
  if (!first || first.type !== AST_NODE_TYPES.Identifier) return { encoding: 'unknown' };
  const results = returnedExpressions(fn).map((r) => mappedByte(r, first.name, sourceCode));
  if (results.length === 0) return { encoding: 'unknown' };
  const encodings = new Set(results.map((r) => r.encoding));
  if (encodings.size !== 1) return { encoding: 'unknown' };
  return results[0]!;
}
