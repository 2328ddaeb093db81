import type { TSESLint } from '@typescript-eslint/utils';

/** How another file uses one of this file's exports (found by the scanner's cross-file phase). */
export interface ExportUse {
  role: 'apiKey' | 'apiSecret' | 'signature' | 'payload' | 'nonce';
  /** `path/to/file.ts:12`, for messages. */
  site: string;
}

/**
 * Facts about a file that only other files reveal. ESLint alone never sets them; the scanner
 * passes them as `settings['gemini-guard']` so the rules see across files without a second
 * implementation.
 */
export interface CrossFileSettings {
  /** Fully known string values of imported bindings, keyed `<specifier>#<exported name>`. */
  importedValues?: Record<string, string>;
  /** How other files use this file's exports, keyed by export name (`default` for the default export). */
  exportUses?: Record<string, ExportUse[]>;
}

const registry = new WeakMap<object, CrossFileSettings>();
const EMPTY: CrossFileSettings = {};

/** Records a file's cross-file settings (called once per rule `create`; cheap). */
export function registerFileSettings(sourceCode: Readonly<TSESLint.SourceCode>, settings: unknown): void {
  if (!settings || typeof settings !== 'object' || registry.has(sourceCode.ast)) return;
  registry.set(sourceCode.ast, settings as CrossFileSettings);
}

/** The cross-file settings of a file, or an empty object. */
export function fileSettings(sourceCode: Readonly<TSESLint.SourceCode>): CrossFileSettings {
  return registry.get(sourceCode.ast) ?? EMPTY;
}
