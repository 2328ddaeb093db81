import type { TSESLint } from '@typescript-eslint/utils';
import { memoForFile } from './memo.js';
import { fileSettings } from './settings.js';

const MENTIONS_GEMINI = /gemini|(?:account|master)-[0-9A-Za-z]{20}/i;

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
    return MENTIONS_GEMINI.test(sourceCode.text);
  });
}

/** True when the scanner told this file that other files use its exports in Gemini roles. */
export function hasRemoteUses(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const uses = fileSettings(sourceCode).exportUses;
  return uses !== undefined && Object.keys(uses).length > 0;
}
