import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { classifyCredentialName } from '../../gemini/credentials.js';
import { unwrap } from '../ast-utils.js';
import { resolveIdentifier } from '../values/bindings.js';
import { memoForFile } from '../memo.js';
import { geminiPayloads } from '../requests/payloads.js';
import type { ExportUse } from './settings.js';
import { geminiHeaderSinks, signatureFlows, traceValueSources } from '../signing/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** An imported binding whose value (or, for a function, return value) plays a Gemini role here. */
export interface ImportUse {
  /** The module specifier as written. */
  source: string;
  /** The exported name (`default` for default imports). */
  imported: string;
  role: ExportUse['role'];
  /** 1-based line of the use, for messages in the exporting file. */
  line: number;
  /** `value`: the binding itself is used; `call`: its return value is. */
  via: 'value' | 'call';
}

function isCallArgument(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(node as TSESTree.CallExpressionArgument);
}

/**
 * Which imported bindings reach Gemini roles in this file: the `X-GEMINI-*` header values (a
 * signing helper's return value, an imported key), the key of a Gemini signing HMAC (an imported
 * secret constant), and payload nonces (an imported nonce value). The scanner turns these into
 * `exportUses` settings for the exporting files.
 */
export function importUses(sourceCode: SourceCode): ImportUse[] {
  return memoForFile(sourceCode, 'importUses', () => {
    const uses: ImportUse[] = [];
    const seen = new Set<string>();
    const record = (from: TSESTree.Node, role: ExportUse['role'], roots: Iterable<TSESTree.Node>): void => {
      for (const node of roots) {
        let id: TSESTree.Identifier | undefined;
        let via: ImportUse['via'] = 'value';
        if (node.type === AST_NODE_TYPES.Identifier) id = node;
        else if (node.type === AST_NODE_TYPES.CallExpression && unwrap(node.callee).type === AST_NODE_TYPES.Identifier) {
          id = unwrap(node.callee) as TSESTree.Identifier;
          via = 'call';
        }
        if (!id) continue;
        const binding = resolveIdentifier(id, sourceCode);
        if (binding.kind !== 'import' || !binding.source.startsWith('.')) continue;
        const key = `${binding.source}#${binding.imported}#${role}#${via}#${from.loc.start.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        uses.push({ source: binding.source, imported: binding.imported, role, line: from.loc.start.line, via });
      }
    };
    for (const sink of geminiHeaderSinks(sourceCode)) {
      if (sink.remote) continue;
      const sources = [...traceValueSources(sink.valueNode, sourceCode)];
      // An identifier only counts as the header's value when it is not merely an argument of some
      // call on the way (`sign(payload, SECRET)`: SECRET is not the signature).
      record(sink.valueNode, sink.kind, sources.filter((n) => n.type !== AST_NODE_TYPES.Identifier || !isCallArgument(n)));
      if (sink.kind === 'signature') {
        // …but a secret-named import passed to the call that makes the signature is the signing key.
        const secretArgs = sources.filter((n) => n.type === AST_NODE_TYPES.Identifier && isCallArgument(n) && classifyCredentialName(n.name) === 'apiSecret');
        record(sink.valueNode, 'apiSecret', secretArgs);
      }
    }
    for (const flow of signatureFlows(sourceCode)) {
      if (flow.hmac.keyNode) record(flow.hmac.keyNode, 'apiSecret', traceValueSources(flow.hmac.keyNode, sourceCode));
    }
    for (const payload of geminiPayloads(sourceCode)) {
      if (payload.nonce) record(payload.nonce.valueNode, 'nonce', [unwrap(payload.nonce.valueNode)]);
    }
    return uses;
  });
}

