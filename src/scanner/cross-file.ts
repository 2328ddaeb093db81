import { createRequire } from 'node:module';
import type * as TsMorphModule from 'ts-morph';
import type { Node as MorphNode, Project, SourceFile as MorphFile } from 'ts-morph';
import type { CrossFileSettings } from '../analysis/cross-file/index.js';
import type { ScannerSettings } from './detectors/eslint-rules.js';
import { fileKind, indexOfLiteral, isCode, literal, looksMinified, mayConcernGemini } from './prefilter.js';
import type { SourceFile } from './types.js';

/** Facts about files that only other files reveal, handed to the rules as settings. */
export interface CrossFileFacts {
  settings: Map<string, ScannerSettings>;
  /** Files that fail the keyword prefilter but are imported by Gemini code (signing helpers, config). */
  extraCandidates: Set<string>;
}

type TsMorph = typeof TsMorphModule;
let tsMorph: TsMorph | undefined;
function loadTsMorph(): TsMorph {
  tsMorph ??= createRequire(import.meta.url)('ts-morph') as TsMorph;
  return tsMorph;
}

const EXPORTS_URL_CONSTANT = /\bexport\s+const\s+[\w$]+\s*(?::[^=]+)?=\s*[^;\n]*(?:(?:https?|wss?):\/\/|['"`]\/)/;
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"'\n]+)\1/g;

/**
 * Reads a file the prefilter left undecoded. With `prefilter`, bytes it rejects are not decoded
 * (`undefined`): an importer such as ccxt's index imports hundreds of modules, and decoding them
 * all only to find no exported URL constant cost more than the rest of the scan.
 */
export type TextReader = (file: string, prefilter?: (bytes: Buffer) => boolean) => string | undefined;

const EXPORT_CONST = literal('export const');

/** Whether a module's bytes can export a constant (what the cross-file phase reads a module for). */
export function mayExportConstant(bytes: Buffer): boolean {
  return indexOfLiteral(bytes, EXPORT_CONST) !== -1;
}

/**
 * Whether the cross-file phase can ever want a file's exported constants: only JavaScript and
 * TypeScript modules that are not declaration files (what an import resolves to otherwise is
 * passed over unread), so the first read asks {@link mayExportConstant} of these alone.
 */
export function mayBeReadForExports(path: string): boolean {
  return isCode(fileKind(path)) && !isDeclarationFile(path);
}

/**
 * Declaration files (`.d.ts`, `.d.mts`, `.d.cts`) hold no values and make no requests: as importers
 * their settings would never be used (ccxt's `ccxt.d.ts` alone re-read ~200 modules per copy), and
 * as imported modules they cannot export a constant's value (`export declare const X: string`).
 */
function isDeclarationFile(path: string): boolean {
  return /\.d\.[cm]?ts$/i.test(path);
}

/** Posix join + normalisation of `a/b/../c`. */
function joinPosix(dir: string, relative: string): string {
  const parts = dir === '' ? [] : dir.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

/** Resolves a relative specifier from `importer` to a scanned file (TS-style `.js` → `.ts` too). */
export function resolveRelative(importer: string, specifier: string, files: ReadonlyMap<string, unknown>): string | undefined {
  const dir = importer.includes('/') ? importer.slice(0, importer.lastIndexOf('/')) : '';
  const base = joinPosix(dir, specifier);
  const candidates = [base, base.replace(/\.(m|c)?js$/, '.$1ts'), base.replace(/\.jsx$/, '.tsx')];
  for (const candidate of candidates) {
    for (const ext of EXTENSIONS) {
      const path = candidate + ext;
      if (files.has(path)) return path;
    }
  }
  return undefined;
}

/**
 * The ts-morph phase, before linting. For every Gemini-related JS/TS file (the prefilter's
 * candidates) it follows relative imports one level, and string constants the imported modules
 * export (base URLs, hosts, paths) are handed to the importer's rules as `importedValues`. Only
 * modules that visibly export such a constant are parsed, so the work grows with the number of
 * Gemini-related files, not with the size of the repository. (Imported modules whose exports the
 * importer uses in Gemini roles — signing helpers, secrets, nonces — are found after the first lint
 * pass, from the rules' own analysis, and linted again with that knowledge: see core.ts.)
 */
export function crossFileFacts(sources: readonly SourceFile[], readText?: TextReader): CrossFileFacts {
  const byPath = new Map(sources.map((s) => [s.file, s]));
  const facts: CrossFileFacts = { settings: new Map(), extraCandidates: new Set() };
  const context = crossFileContext(byPath, (path) => byPath.get(path), readText);
  for (const candidate of sources) {
    if (!isCrossFileCandidate(candidate)) continue;
    const settings = context.settingsFor(candidate);
    if (settings) facts.settings.set(candidate.file, settings);
  }
  return facts;
}

/** Whether the cross-file phase looks at a file's imports: Gemini-related JS/TS code that is parsed. */
export function isCrossFileCandidate(s: SourceFile): s is SourceFile & { text: string } {
  return s.text !== undefined && isCode(fileKind(s.file)) && !isDeclarationFile(s.file) && mayConcernGemini(s.text) && !looksMinified(s.text);
}

/** The cross-file phase one importer at a time (see {@link crossFileFacts}). */
export interface CrossFileContext {
  /** The settings the rules get for this importer (the string constants its relative imports export), if any. */
  settingsFor(candidate: SourceFile & { text: string }): ScannerSettings | undefined;
}

/**
 * The cross-file phase for importers that come one at a time, as files are read: `files` says
 * which paths exist (what relative imports resolve to), `known` gives what was read of a file so
 * far (its text, or that it cannot export a constant); a module not read yet is read for it.
 */
export function crossFileContext(files: ReadonlyMap<string, unknown>, known: (path: string) => SourceFile | undefined, readText?: TextReader): CrossFileContext {
  const texts = new Map<string, string>();
  let project: Project | undefined;
  const parsed = new Map<string, MorphFile | undefined>();
  const morph = (path: string): MorphFile | undefined => {
    if (!parsed.has(path)) {
      const text = texts.get(path);
      let file: MorphFile | undefined;
      try {
        // ts-morph (and its TypeScript) loads only when some module exports a URL constant.
        // `noLib`: the constant folder resolves only the module's own `const`s, so TypeScript's
        // standard library declarations (parsed for every look-up otherwise) are never needed.
        project ??= new (loadTsMorph().Project)({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true, noLib: true } });
        file = text === undefined ? undefined : project.createSourceFile(`/${path}`, text, { overwrite: true });
      } catch {
        file = undefined;
      }
      parsed.set(path, file);
    }
    return parsed.get(path);
  };
  const exportedStrings = new Map<string, Map<string, string>>();
  const stringsOf = (path: string): Map<string, string> => {
    let map = exportedStrings.get(path);
    if (!map) {
      map = new Map();
      const file = morph(path);
      if (file) {
        try {
          collectExportedStrings(file, map);
        } catch {
          // an odd module costs its constants, never the scan
        }
      }
      exportedStrings.set(path, map);
    }
    return map;
  };
  // what a module's bytes said, when it had to be read for an importer before its own turn
  const unexporting = new Set<string>();

  return {
    settingsFor(candidate) {
      const importedValues: Record<string, string> = {};
      for (const match of candidate.text.matchAll(IMPORT_SPECIFIER)) {
        const specifier = match[2]!;
        const target = resolveRelative(candidate.file, specifier, files);
        if (!target || target === candidate.file || unexporting.has(target)) continue;
        if (!mayBeReadForExports(target)) {
          unexporting.add(target);
          continue;
        }
        const seen = known(target);
        // the first read already saw the bytes: no `export const`, nothing to read again for
        if (seen?.noExportConst) continue;
        const targetText = texts.get(target) ?? seen?.text ?? readText?.(target, mayExportConstant);
        // Cheap first: only modules that visibly export a URL-like constant get a ts-morph parse.
        if (targetText === undefined || !targetText.includes('export const') || !EXPORTS_URL_CONSTANT.test(targetText) || looksMinified(targetText)) {
          unexporting.add(target);
          continue;
        }
        texts.set(target, targetText);
        for (const [name, value] of stringsOf(target)) importedValues[`${specifier}#${name}`] = value;
      }
      return Object.keys(importedValues).length > 0 ? ({ importedValues } satisfies CrossFileSettings as ScannerSettings) : undefined;
    },
  };
}

// Only URL-like constants cross files as values: base URLs and paths are what requests need,
// and a credential-looking value must be reported where it is written, not where it is imported.
const URL_LIKE = /^(?:(?:https?|wss?):\/\/|\/)/i;

/** Exported string constants of a module: `export const X = '…'`, concatenations of such, `export default '…'`. */
function collectExportedStrings(file: MorphFile, out: Map<string, string>): void {
  const { Node } = loadTsMorph();
  for (const [name, declarations] of file.getExportedDeclarations()) {
    const declaration = declarations[0];
    if (!declaration || !Node.isVariableDeclaration(declaration)) continue;
    const init = declaration.getInitializer();
    const value = init ? evaluateString(init, 0) : undefined;
    if (value !== undefined && URL_LIKE.test(value)) out.set(name, value);
  }
}

/** A small constant folder for string expressions (literals, templates without holes, `+`, const identifiers). */
function evaluateString(node: MorphNode, depth: number): string | undefined {
  if (depth > 10) return undefined;
  const { Node, SyntaxKind } = loadTsMorph();
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node)) return evaluateString(node.getExpression(), depth + 1);
  if (Node.isTemplateExpression(node)) {
    let text = node.getHead().getLiteralText();
    for (const span of node.getTemplateSpans()) {
      const part = evaluateString(span.getExpression(), depth + 1);
      if (part === undefined) return undefined;
      text += part + span.getLiteral().getLiteralText();
    }
    return text;
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const left = evaluateString(node.getLeft(), depth + 1);
    const right = evaluateString(node.getRight(), depth + 1);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  if (Node.isIdentifier(node)) {
    const declaration = node.getSymbol()?.getDeclarations()[0];
    if (declaration && Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.getDeclarationKind() === 'const') {
      const init = declaration.getInitializer();
      return init ? evaluateString(init, depth + 1) : undefined;
    }
  }
  return undefined;
}
