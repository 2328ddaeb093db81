import type { TSESLint } from '@typescript-eslint/utils';
import { memoForFile } from './memo.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

// \u{1F600}, \u0067 and \x67: the escapes that can spell a letter in a string, template or identifier
const ESCAPE = /\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g;
const HAS_ESCAPE = /\\[ux]/;

function decode(text: string): string {
  return text.replace(ESCAPE, (whole, braced: string | undefined, four: string | undefined, two: string | undefined) => {
    const code = parseInt(braced ?? four ?? two ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * The file's text with every `\u`/`\x` escape replaced by the character it stands for, or
 * `undefined` when the text has none (most files). Computed once per file.
 */
function decodedText(sourceCode: SourceCode): string | undefined {
  return memoForFile(sourceCode, 'decodedText', () => (HAS_ESCAPE.test(sourceCode.text) ? decode(sourceCode.text) : undefined));
}

/**
 * Whether the file's text can hold what `pattern` looks for: a match in the text as written, or in
 * the text with its escapes decoded (`'api.\x67emini.com'` spells a Gemini host without the letters).
 * The rules' cheap first question; a file with escapes pays for one decoding, not for the analysis.
 */
export function textMayMatch(sourceCode: SourceCode, pattern: RegExp): boolean {
  if (pattern.test(sourceCode.text)) return true;
  const decoded = decodedText(sourceCode);
  return decoded !== undefined && pattern.test(decoded);
}
