import { createRequire } from 'node:module';

/**
 * The parser the shipped configs set: TypeScript files go through `@typescript-eslint/parser`,
 * JavaScript through ESLint's own default parser (espree), so adding our config to a plain
 * JavaScript project changes nothing about how it is parsed, and a TypeScript project lints
 * `.ts` files out of the box.
 *
 * A config object can name one parser for all its files and a later object replaces an earlier
 * one's, so a project that already configures typescript-eslint would lose its parser to ours when
 * our config comes after its own. To keep that project's setup intact this parser follows the
 * options that setup passes: when typed linting is on (`project`, `projectService` or `programs`
 * in `parserOptions`, which ESLint merges across config objects) every file — JavaScript too — goes
 * to `@typescript-eslint/parser` with those options, exactly as typescript-eslint's own base config
 * does, so type-aware rules keep their type information.
 */

const require = createRequire(import.meta.url);

type ParseResult = { ast: unknown } & Record<string, unknown>;
interface ParserLike {
  parseForESLint?: (code: string, options?: Record<string, unknown>) => ParseResult;
  parse?: (code: string, options?: Record<string, unknown>) => unknown;
}

let typescriptParser: ParserLike | undefined;
let espree: ParserLike | undefined;

function loadTypeScriptParser(): ParserLike {
  // resolved from this package: npm hoists it next to the project's own typescript-eslint copy when
  // the versions agree, so both configs then name the very same parser module
  typescriptParser ??= require('@typescript-eslint/parser') as ParserLike;
  return typescriptParser;
}

function loadEspree(): ParserLike {
  // ESLint's own default parser, resolved from the ESLint that loads us (a peer dependency)
  espree ??= createRequire(require.resolve('eslint'))('espree') as ParserLike;
  return espree;
}

const TYPESCRIPT_FILE = /\.(?:ts|mts|cts|tsx)$/i;

/** True when the project turned on typescript-eslint's typed linting. */
function typedLinting(options: Record<string, unknown>): boolean {
  return Boolean(options.project || options.projectService || options.programs);
}

/** Where the parser is for a file, given the options ESLint passes (they include `filePath`). */
function parserFor(options: Record<string, unknown>): 'typescript' | 'espree' {
  const filePath = typeof options.filePath === 'string' ? options.filePath : '';
  return TYPESCRIPT_FILE.test(filePath) || typedLinting(options) ? 'typescript' : 'espree';
}

/** The parser module of `configs.recommended`, `strict` and `all` (see the file comment). */
export const geminiGuardParser = {
  meta: { name: 'eslint-plugin-gemini-guard/parser' },
  parseForESLint(code: string, options: Record<string, unknown> = {}): ParseResult {
    if (parserFor(options) === 'typescript') return loadTypeScriptParser().parseForESLint!(code, options);
    // a `.jsx` file is JSX whatever the project's options say, as TypeScript decides for `.tsx`
    const filePath = typeof options.filePath === 'string' ? options.filePath : '';
    const features = (options.ecmaFeatures ?? {}) as Record<string, unknown>;
    const espreeOptions = /\.jsx$/i.test(filePath) ? { ...options, ecmaFeatures: { ...features, jsx: true } } : options;
    // espree only returns the tree: ESLint then analyses scopes itself, as with no parser set
    return { ast: loadEspree().parse!(code, espreeOptions) };
  },
};
