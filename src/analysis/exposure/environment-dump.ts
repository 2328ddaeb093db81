import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../ast-utils.js';
import { moduleRef } from '../values/bindings.js';
import { envReadSites } from './client-side.js';
import { credentialKind } from './credentials.js';
import { memoForFile } from '../memo.js';
import { envObject, resolveValueNode, type EnvRead } from '../values/values.js';
import { swallowed } from '../../utils/guard.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A whole environment object found in a value: `process.env` itself, not one variable of it. */
export interface EnvironmentDump {
  /** The `process.env` (or `import.meta.env`, `Bun.env`) expression. */
  node: TSESTree.Node;
  via: EnvRead['via'];
}

// calls that print every value of the object they are given
const DUMPING_GLOBALS = new Set(['JSON.stringify', 'Object.entries', 'Object.values', 'Object.assign', 'structuredClone']);

/**
 * The whole environment object a logged value prints, if it prints one: `process.env`, a `const`
 * holding it, `{ ...process.env }`, `JSON.stringify(process.env)`, `util.inspect(process.env)`,
 * `Object.entries(process.env)`, or a template literal with one of these inside. `process.env.X`
 * (one variable) and `Object.keys(process.env)` (names only) are not dumps.
 */
export function environmentDumpIn(node: TSESTree.Node, sourceCode: SourceCode): EnvironmentDump | undefined {
  try {
    return dumpIn(node, sourceCode, 0);
  } catch {
    swallowed();
    return undefined; // a rule must never throw
  }
}

function dumpIn(node: TSESTree.Node, sourceCode: SourceCode, depth: number): EnvironmentDump | undefined {
  if (depth > 8) return undefined;
  const current = unwrap(node);
  const via = envObject(current, sourceCode);
  if (via) return { node: current, via };
  switch (current.type) {
    case AST_NODE_TYPES.Identifier: {
      const value = resolveValueNode(current, sourceCode);
      return value !== current ? dumpIn(value, sourceCode, depth + 1) : undefined;
    }
    case AST_NODE_TYPES.ObjectExpression:
      for (const p of current.properties) {
        const found = p.type === AST_NODE_TYPES.SpreadElement ? dumpIn(p.argument, sourceCode, depth + 1) : undefined;
        if (found) return found;
      }
      return undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      for (const e of current.expressions) {
        const found = dumpIn(e, sourceCode, depth + 1);
        if (found) return found;
      }
      return undefined;
    case AST_NODE_TYPES.CallExpression: {
      const ref = moduleRef(unwrap(current.callee), sourceCode);
      const name = ref ? (ref.source === '<global>' ? ref.path.join('.') : `${ref.source}:${ref.path.join('.')}`) : undefined;
      const dumps = name !== undefined && (DUMPING_GLOBALS.has(name) || name === 'util:inspect' || name === 'node:util:inspect' || name === 'util:format' || name === 'node:util:format');
      if (!dumps) return undefined;
      for (const arg of current.arguments) {
        const found = dumpIn(arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg, sourceCode, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The name of a Gemini exchange API secret (or, failing that, API key) the file reads from the
 * environment object `via` — what a dump of that object would print. `undefined` when the file
 * reads none (a Google Gemini AI `GEMINI_API_KEY` is not one: see `credentialKind`).
 */
export function geminiCredentialReadFrom(via: EnvRead['via'], sourceCode: SourceCode): string | undefined {
  const byKind = memoForFile(sourceCode, 'geminiCredentialsInEnv', () => {
    const found = new Map<string, { apiSecret?: string; apiKey?: string }>();
    for (const site of envReadSites(sourceCode)) {
      // `const { GEMINI_API_SECRET } = process.env`: the variable the destructuring binds
      const read = site.node.type === AST_NODE_TYPES.Property ? site.node.value : site.node;
      const kind = credentialKind(read, sourceCode)?.kind;
      if (kind !== 'apiSecret' && kind !== 'apiKey') continue;
      const entry = found.get(site.via) ?? {};
      entry[kind] ??= site.name;
      found.set(site.via, entry);
    }
    return found;
  });
  const entry = byKind.get(via);
  return entry?.apiSecret ?? entry?.apiKey;
}
