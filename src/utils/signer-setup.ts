import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { containsNode } from '../analysis/ast-utils.js';
import { isModuleMember, moduleRef } from '../analysis/values/bindings.js';
import { SIGNER_MODULE } from '../analysis/nonces/index.js';
import { memoForFile } from '../analysis/memo.js';
import { guarded } from './create-rule.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What a suggestion needs from the reference signer (`eslint-plugin-gemini-guard/signer`). */
export interface SignerSetupRequest {
  /** The signer module's export to call: `createGeminiSigner`, `createIncrementalNonce`, … */
  factory: string;
  /** The module-level variable that holds what the factory returns: `geminiSigner`, `geminiNonce`. */
  variable: string;
  /** The factory call's argument text (default: none). */
  args?: string;
  /** The node the suggestion edits: the variable must mean ours there, and the setup must not land inside it. */
  at: TSESTree.Node;
  /** The linted file's name (`.cjs`/`.cts` files get `require`). */
  filename: string;
}

/**
 * Suggestions per file and variable that add the signer setup (each one's edit spans the code up
 * to its finding). Call {@link signerSetup} last, once nothing else can refuse the suggestion: a
 * call takes a place in the quota.
 */
export const SETUP_SUGGESTIONS_PER_FILE = 20;

/** Builds the setup edits for one fix; empty when the variable already exists. */
export type SignerSetupEdits = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];

/**
 * The edits that make `const <variable> = <factory>(<args>);` exist at the top of the module, for
 * the rules' "use the reference signer" suggestions (no-unsigned-private-request's signer,
 * valid-nonce's nonce source):
 * - an existing module-level `const <variable> = <factory>(…)` of the signer module is reused
 *   (no edits);
 * - the factory is taken from an existing import (maybe renamed) or `require` of the signer module,
 *   added to an existing named import of it, or imported anew — `require` in CommonJS files;
 * - the import and the declaration go after the leading imports (or requires), else before the
 *   first statement after the directives.
 * @returns `undefined` when a name clash (the variable or the factory name bound to something
 * else) makes the edit unsafe, or when the file already has {@link SETUP_SUGGESTIONS_PER_FILE}
 * suggestions that add the setup: then the rule offers no suggestion.
 */
export function signerSetup(sourceCode: SourceCode, request: SignerSetupRequest): SignerSetupEdits | undefined {
  const { factory, variable, at } = request;
  const layout = moduleLayout(sourceCode);

  // an existing module-level `const <variable> = <factory>()` is reused; anything else by that name blocks
  const existing = layout.declarators.get(variable);
  if (existing) {
    const init = existing.init;
    if (init?.type !== AST_NODE_TYPES.CallExpression || !isModuleMember(moduleRef(init.callee, sourceCode), SIGNER_MODULE, factory)) return undefined;
  }
  const seen = lookup(sourceCode, at, variable);
  if (seen && (!existing || seen.defs[0]?.node !== existing)) return undefined;
  if (existing) return () => [];

  // the factory: already imported (maybe renamed) or required, or to be imported
  let local: string | undefined;
  let namedImport: TSESTree.ImportDeclaration | undefined;
  for (const s of layout.signerImports) {
    for (const spec of s.specifiers) {
      if (spec.type === AST_NODE_TYPES.ImportSpecifier && spec.importKind !== 'type') {
        namedImport = s;
        const imported = spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : String(spec.imported.value);
        if (imported === factory) local = spec.local.name;
      }
    }
  }
  if (!local) {
    // `const { createGeminiSigner } = require(…)`, or the name taken by something else
    const bound = lookup(sourceCode, at, factory);
    if (bound) {
      const def = bound.defs[0]?.node;
      const init = def?.type === AST_NODE_TYPES.VariableDeclarator ? def.init : undefined;
      if (!init || !isModuleMember(moduleRef(init, sourceCode), SIGNER_MODULE)) return undefined;
      local = factory;
    }
  }

  const cjs = sourceCode.ast.sourceType === 'script' || /\.c[jt]s$/.test(request.filename) || layout.commonJs;
  const lines: string[] = [];
  let addSpecifier: TSESTree.ImportSpecifier | undefined;
  if (!local) {
    const lastSpecifier = namedImport?.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === AST_NODE_TYPES.ImportSpecifier).pop();
    if (lastSpecifier && !cjs) addSpecifier = lastSpecifier;
    else lines.push(cjs ? `const { ${factory} } = require('${SIGNER_MODULE}');` : `import { ${factory} } from '${SIGNER_MODULE}';`);
    local = factory;
  }
  lines.push(`const ${variable} = ${local}(${request.args ?? ''});`);

  // after the leading imports (or requires), else before the first statement after the directives
  const anchorAfter = cjs ? layout.lastLeadingRequire : layout.lastLeadingImport;
  const first = layout.firstStatement;
  if (!anchorAfter && !first) return undefined;
  if (anchorAfter && containsNode(anchorAfter, at)) return undefined;
  // ESLint turns a suggestion's edits into one replacement spanning from the setup to the finding:
  // every such suggestion repeats the code in between, so a file with hundreds of findings would
  // build hundreds of copies of itself. Past the first few, a finding gets none; once one is
  // applied, the variable exists and the others need only their own edit.
  // (counted per variable, so per rule: one rule's findings never use up another's suggestions)
  const built = memoForFile(sourceCode, `signerSetupSuggestions:${variable}`, () => ({ count: 0 }));
  if (built.count >= SETUP_SUGGESTIONS_PER_FILE) return undefined;
  built.count++;

  return (fixer) => {
    const fixes: TSESLint.RuleFix[] = [];
    if (addSpecifier) fixes.push(fixer.insertTextAfter(addSpecifier, `, ${factory}`));
    fixes.push(anchorAfter ? fixer.insertTextAfter(anchorAfter, `\n${lines.join('\n')}`) : fixer.insertTextBefore(first!, `${lines.join('\n')}\n`));
    return fixes;
  };
}

/** The variable `name` as seen from `node`, if any scope declares it. */
function lookup(sourceCode: SourceCode, node: TSESTree.Node, name: string): TSESLint.Scope.Variable | undefined {
  for (let scope: TSESLint.Scope.Scope | null = guarded(() => sourceCode.getScope(node), null); scope; scope = scope.upper) {
    const found = scope.set.get(name);
    if (found) return found;
  }
  return undefined;
}

/** What {@link signerSetup} reads of the module's top level, gathered once per file. */
interface ModuleLayout {
  /** Module-level variable declarators by name (the last one of a name). */
  declarators: Map<string, TSESTree.VariableDeclarator>;
  /** Value imports of the signer module. */
  signerImports: TSESTree.ImportDeclaration[];
  /** The first statement after the directives. */
  firstStatement?: TSESTree.ProgramStatement;
  /** The last of the imports that lead the module (after the directives), and of the leading `require` declarations. */
  lastLeadingImport?: TSESTree.ProgramStatement;
  lastLeadingRequire?: TSESTree.ProgramStatement;
  /** No ES module syntax at the top level, and a `require(` in the text. */
  commonJs: boolean;
}

/**
 * The module's top level as {@link signerSetup} needs it. Gathered once per file: a suggestion is
 * built for every finding, and scanning the program body (and its text) per finding is quadratic.
 */
function moduleLayout(sourceCode: SourceCode): ModuleLayout {
  return memoForFile(sourceCode, 'signerSetupLayout', () => {
    const body = sourceCode.ast.body;
    const layout: ModuleLayout = { declarators: new Map(), signerImports: [], commonJs: false };
    let esm = false;
    for (const s of body) {
      if (s.type === AST_NODE_TYPES.ImportDeclaration || s.type === AST_NODE_TYPES.ExportNamedDeclaration || s.type === AST_NODE_TYPES.ExportDefaultDeclaration || s.type === AST_NODE_TYPES.ExportAllDeclaration) esm = true;
      if (s.type === AST_NODE_TYPES.ImportDeclaration && s.source.value === SIGNER_MODULE && s.importKind !== 'type') layout.signerImports.push(s);
      const decl = s.type === AST_NODE_TYPES.ExportNamedDeclaration ? s.declaration : s;
      if (decl?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const d of decl.declarations) if (d.id.type === AST_NODE_TYPES.Identifier) layout.declarators.set(d.id.name, d);
    }
    layout.commonJs = !esm && /\brequire\s*\(/.test(sourceCode.getText());

    let index = 0;
    while (index < body.length && body[index]!.type === AST_NODE_TYPES.ExpressionStatement && (body[index] as TSESTree.ExpressionStatement).directive !== undefined) index++;
    layout.firstStatement = body[index];
    for (let i = index; i < body.length && (body[i]!.type === AST_NODE_TYPES.ImportDeclaration || body[i]!.type === AST_NODE_TYPES.TSImportEqualsDeclaration); i++) layout.lastLeadingImport = body[i];
    for (let i = index; i < body.length && isRequireDeclaration(body[i]!); i++) layout.lastLeadingRequire = body[i];
    return layout;
  });
}

function isRequireDeclaration(s: TSESTree.ProgramStatement): boolean {
  if (s.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  return s.declarations.every((d) => {
    let init = d.init;
    while (init?.type === AST_NODE_TYPES.MemberExpression) init = init.object;
    return init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require';
  });
}
