import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isGeminiHost } from '../../gemini/hosts.js';
import { HOLE } from '../../gemini/paths.js';
import { memberName, unwrap } from '../ast-utils.js';
import { moduleRef } from '../values/bindings.js';
import { ABSOLUTE_URL as ABSOLUTE, joinUrl, stripQuery } from '../values/url-join.js';
import { resolveValueNode, staticString, type StaticString } from '../values/values.js';

export { joinUrl, type JoinMode } from '../values/url-join.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A request target as far as it is statically known. */
export interface ResolvedUrl {
  /** The whole URL text with {@link HOLE} for unknown parts. */
  text: string;
  complete: boolean;
  /** Lower-case scheme (`https`, `wss`, …) when the URL is absolute. */
  scheme?: string;
  /** Lower-case host without port, when absolute and fully known. */
  host?: string;
  /** Path without query or fragment, when known from its start (absolute URL, or text starting with `/`). */
  path?: string;
  /**
   * For `${unknownBase}/v1/order/new`: the path written after the unknown base. Only trust it
   * where the surrounding code is known to be Gemini exchange code.
   */
  pathAfterUnknownBase?: string;
  /** The host is one of Gemini's API hosts. */
  gemini: boolean;
}


/** Splits URL text (with holes) into scheme, host and path. */
export function parseUrlText(value: StaticString): ResolvedUrl {
  const { text, complete } = value;
  const match = ABSOLUTE.exec(text);
  if (match) {
    const scheme = match[1]!.toLowerCase();
    const authority = match[2]!;
    const rest = match[3]!;
    const hostPart = authority.replace(/^[^@]*@/, '').replace(/:[^:]*$/, '').replace(/\.$/, '').toLowerCase();
    const host = hostPart.includes(HOLE) || hostPart === '' ? undefined : hostPart;
    const pathKnown = !authority.includes(HOLE);
    const url: ResolvedUrl = { text, complete, scheme, gemini: host !== undefined && isGeminiHost(host) };
    if (host !== undefined) url.host = host;
    if (pathKnown) url.path = stripQuery(rest) || '/';
    return url;
  }
  if (text.startsWith('/')) return { text, complete, path: stripQuery(text), gemini: false };
  if (text.startsWith(HOLE)) {
    const rest = text.slice(1);
    if (rest.startsWith('/')) return { text, complete, pathAfterUnknownBase: stripQuery(rest), gemini: false };
  }
  return { text, complete, gemini: false };
}

/**
 * The URL an expression evaluates to: strings (with constants, templates and concatenation),
 * `new URL(path, base)`, `url.href` / `url.toString()` of such an object.
 */
export function resolveUrlString(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): StaticString | undefined {
  if (depth > 16) return undefined;
  const value = resolveValueNode(node, sourceCode);
  if (value.type === AST_NODE_TYPES.NewExpression) {
    const ref = moduleRef(value.callee, sourceCode);
    const isUrl = (ref?.source === '<global>' || ref?.source === 'url') && ref.path.length === 1 && ref.path[0] === 'URL';
    if (!isUrl || !value.arguments[0]) return undefined;
    const path = resolveUrlString(value.arguments[0], sourceCode, depth + 1) ?? { text: HOLE, complete: false };
    const baseArg = value.arguments[1];
    if (!baseArg) return path;
    const base = resolveUrlString(baseArg, sourceCode, depth + 1) ?? { text: HOLE, complete: false };
    return joinUrl(base, path, 'url');
  }
  if (value.type === AST_NODE_TYPES.MemberExpression && memberName(value) === 'href') {
    return resolveUrlString(value.object, sourceCode, depth + 1);
  }
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(value.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'toString' && value.arguments.length === 0) {
      const inner = resolveValueNode(callee.object, sourceCode);
      if (inner.type === AST_NODE_TYPES.NewExpression) return resolveUrlString(inner, sourceCode, depth + 1);
    }
  }
  return staticString(value, sourceCode, depth);
}

/** {@link resolveUrlString} then {@link parseUrlText}. */
export function resolveUrl(node: TSESTree.Node, sourceCode: SourceCode): ResolvedUrl | undefined {
  const s = resolveUrlString(node, sourceCode);
  return s ? parseUrlText(s) : undefined;
}
