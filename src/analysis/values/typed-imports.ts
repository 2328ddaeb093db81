import { createRequire } from 'node:module';
import type * as TsEslintParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { ParserServices, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type * as Eslint from 'eslint';
import type * as ts from 'typescript';
import { isFunctionNode } from '../ast-utils.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

// The parser (with the whole TypeScript compiler) and ESLint load only when a typed program is
// there to follow: loading the plugin, or a scan without typed linting, never pays for them.
const require = createRequire(import.meta.url);

/**
 * Typed linting (`parserOptions.project` / `projectService`): the type checker knows where an
 * imported binding is declared, so a base URL constant, a signing helper or a client class in
 * another file can be read in the editor as the scanner reads it in its cross-file phase. The
 * declaring file is parsed once (without type information) into its own `SourceCode`; its nodes
 * are then resolved in their own scopes (see {@link sourceCodeOf}). Without a program nothing
 * changes.
 */

// Programs of files parsed here, with their SourceCode: scope questions about their nodes go there.
const foreignByProgram = new WeakMap<TSESTree.Program, SourceCode>();
// The SourceCode of each declaring file, per TypeScript program and file name.
const parsedFiles = new WeakMap<ts.Program, Map<string, SourceCode | null>>();
let foreignFiles = 0;

/** The SourceCode that owns `node`: `sourceCode` itself, or a declaring file parsed for typed imports. */
export function sourceCodeOf(node: TSESTree.Node, sourceCode: SourceCode): SourceCode {
  if (foreignFiles === 0) return sourceCode;
  let root: TSESTree.Node = node;
  while (root.parent) root = root.parent;
  if (root === sourceCode.ast) return sourceCode;
  return (root.type === AST_NODE_TYPES.Program && foreignByProgram.get(root)) || sourceCode;
}

function programOf(sourceCode: SourceCode): { program: ts.Program; services: ParserServices } | undefined {
  const services = sourceCode.parserServices as Partial<ParserServices> | undefined;
  const program = services?.program;
  return program && services.esTreeNodeToTSNodeMap ? { program, services: services as ParserServices } : undefined;
}

function setParents(node: TSESTree.Node, parent: TSESTree.Node | undefined): void {
  const stack: [TSESTree.Node, TSESTree.Node | undefined][] = [[node, parent]];
  while (stack.length > 0) {
    const [current, up] = stack.pop()!;
    if (up) (current as { parent?: TSESTree.Node }).parent = up;
    for (const key of visitorKeys[current.type] ?? []) {
      const child = (current as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        if (c && typeof c === 'object' && typeof (c as TSESTree.Node).type === 'string') stack.push([c as TSESTree.Node, current]);
      }
    }
  }
}

function parsedFile(program: ts.Program, file: ts.SourceFile): SourceCode | undefined {
  let files = parsedFiles.get(program);
  if (!files) {
    files = new Map();
    parsedFiles.set(program, files);
  }
  const cached = files.get(file.fileName);
  if (cached !== undefined) return cached ?? undefined;
  let result: SourceCode | null;
  try {
    const { parseForESLint } = require('@typescript-eslint/parser') as typeof TsEslintParser;
    const { SourceCode: EslintSourceCode } = require('eslint') as typeof Eslint;
    const parsed = parseForESLint(file.text, { filePath: file.fileName, sourceType: 'module', ecmaVersion: 'latest', range: true, loc: true, tokens: true, comment: true });
    setParents(parsed.ast, undefined);
    result = new EslintSourceCode({
      text: file.text,
      ast: parsed.ast as never,
      scopeManager: parsed.scopeManager as never,
      visitorKeys: parsed.visitorKeys as never,
      parserServices: parsed.services,
    }) as unknown as SourceCode;
    foreignByProgram.set(parsed.ast, result);
    foreignFiles++;
  } catch {
    result = null; // a file the parser rejects is simply not followed
  }
  files.set(file.fileName, result);
  return result ?? undefined;
}

/** The ESTree node of a declaration's initialiser, function or class in its parsed file. */
function declarationValue(declaration: ts.Declaration, foreign: SourceCode): TSESTree.Node | undefined {
  const start = declaration.getStart();
  let found: TSESTree.Node | undefined;
  const stack: TSESTree.Node[] = [foreign.ast];
  while (stack.length > 0 && !found) {
    const node = stack.pop()!;
    if (node.range[1] < start || node.range[0] > declaration.end) continue;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.range[0] === (declaration as ts.VariableDeclaration).name?.getStart() && node.init) found = node.init;
    else if ((isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassDeclaration) && node.range[0] <= start && start <= node.range[1] && isDeclarationOf(node, declaration)) found = node;
    else for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) if (c && typeof c === 'object' && typeof (c as TSESTree.Node).type === 'string') stack.push(c as TSESTree.Node);
    }
  }
  return found;
}

function isDeclarationOf(node: TSESTree.Node, declaration: ts.Declaration): boolean {
  const name = (declaration as ts.FunctionDeclaration).name;
  const id = (node as TSESTree.FunctionDeclaration).id;
  return name !== undefined && id !== null && id !== undefined && id.range[0] === name.getStart();
}

/**
 * The value an imported identifier is bound to in the file that declares it, found through the
 * type checker: a `const`'s initialiser, a function, a class. `undefined` without type information,
 * for declarations outside the program's source files (packages), and for anything else.
 */
export function typedImportValue(id: TSESTree.Identifier, sourceCode: SourceCode): TSESTree.Node | undefined {
  const typed = programOf(sourceCode);
  if (!typed) return undefined;
  try {
    const checker = typed.program.getTypeChecker();
    const tsNode = typed.services.esTreeNodeToTSNodeMap.get(id as never) as ts.Node | undefined;
    if (!tsNode) return undefined;
    let symbol = checker.getSymbolAtLocation(tsNode);
    // an import specifier's symbol is an alias of the exported one (bit 2097152: ts.SymbolFlags.Alias)
    if (symbol && symbol.flags & 2097152) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    const file = declaration?.getSourceFile();
    if (!declaration || !file || file.isDeclarationFile || typed.program.isSourceFileFromExternalLibrary(file)) return undefined;
    if (file === (typed.services.esTreeNodeToTSNodeMap.get(sourceCode.ast as never) as ts.Node | undefined)?.getSourceFile()) return undefined;
    const foreign = parsedFile(typed.program, file);
    return foreign ? declarationValue(declaration, foreign) : undefined;
  } catch {
    // the checker on a broken program: no value, never a failed lint run
    return undefined;
  }
}
