import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { ParserServices, TSESLint } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { GEMINI_API_KEY_PATTERN, GEMINI_API_KEY_PREFIX_PATTERN } from '../gemini/credentials.js';
import { memoForFile } from './memo.js';
import { fileSettings } from './cross-file/settings.js';
import { textMayMatch } from './text-prefilter.js';

const MENTIONS_GEMINI = new RegExp(`gemini|${GEMINI_API_KEY_PATTERN}`, 'i');

/**
 * The cheap first question every rule asks before any analysis: can this file concern the Gemini
 * exchange at all? Yes when its text mentions Gemini or holds something shaped like a Gemini key,
 * or when the scanner's cross-file phase says other files use its exports in Gemini requests (a
 * signing helper or a secrets module need not say "gemini"). Answered once per file.
 */
export function fileMayConcernGemini(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return memoForFile(sourceCode, 'fileMayConcernGemini', () => {
    const settings = fileSettings(sourceCode);
    if (settings.exportUses && Object.keys(settings.exportUses).length > 0) return true;
    return textMayMatch(sourceCode, MENTIONS_GEMINI) || importsTextMatching(sourceCode, MENTIONS_GEMINI);
  });
}

/**
 * Under typed linting: whether a file of the program that this file imports from says what
 * `pattern` looks for (its base URL or signing helper may live there; see values/typed-imports.ts).
 * Without type information, `false`.
 */
function importsTextMatching(sourceCode: Readonly<TSESLint.SourceCode>, pattern: RegExp): boolean {
  const services = sourceCode.parserServices as Partial<ParserServices> | undefined;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return false;
  try {
    const checker = program.getTypeChecker();
    for (const statement of sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !String(statement.source.value).startsWith('.')) continue;
      const specifier = map.get(statement.source as never) as ts.Node | undefined;
      const declaration = specifier && checker.getSymbolAtLocation(specifier)?.valueDeclaration;
      if (declaration && pattern.test(declaration.getSourceFile().text)) return true;
    }
  } catch {
    // a broken program: no typed facts
  }
  return false;
}

/** True when the scanner told this file that other files use its exports in Gemini roles. */
export function hasRemoteUses(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const uses = fileSettings(sourceCode).exportUses;
  return uses !== undefined && Object.keys(uses).length > 0;
}

// "gemini", a Gemini key, or the start of one that the analysis may join from pieces
// ('account-' + body, `master-${body}`, 'account' + '-…'); escapes decoded too (textMayMatch).
const MAY_HOLD_GEMINI_TEXT = new RegExp(`gemini|${GEMINI_API_KEY_PATTERN}|${GEMINI_API_KEY_PREFIX_PATTERN}(?:-(?:['"\`]|\\$\\{)|['"\`]\\s*\\+\\s*['"\`]-)`, 'i');

/**
 * The shared prefilter of the rules that report only Gemini credentials and Gemini code
 * (no-hardcoded-credentials, no-credential-logging, no-client-side-credentials): false when
 * nothing in the file can be Gemini evidence, a Gemini-named variable or a Gemini key — not even
 * a key joined from pieces — and the scanner passed no cross-file facts for it. Such a file costs
 * those rules one regex test, once per file, and no listener at all. Unlike
 * {@link fileMayConcernGemini} it lets pieces of keys through, for rules that join strings.
 */
export function fileMayHoldGeminiCode(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return memoForFile(sourceCode, 'fileMayHoldGeminiCode', () => {
    const { exportUses, importedValues } = fileSettings(sourceCode);
    if ((exportUses && Object.keys(exportUses).length > 0) || (importedValues && Object.keys(importedValues).length > 0)) return true;
    return textMayMatch(sourceCode, MAY_HOLD_GEMINI_TEXT) || importsTextMatching(sourceCode, MAY_HOLD_GEMINI_TEXT);
  });
}
