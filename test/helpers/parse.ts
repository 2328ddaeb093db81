// Parses code the way ESLint does (typescript-eslint parser, scope analysis, parent links) and
// hands the SourceCode to a callback, so analysis helpers are tested on exactly what rules see.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

export type SourceCode = Readonly<TSESLint.SourceCode>;

/** Parses `code` and returns its SourceCode (with scopes) after ESLint's full setup. */
export function parse(code: string, filename = 'file.ts'): SourceCode {
  let captured: SourceCode | undefined;
  let error: unknown;
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.mts', '**/*.cts'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: {
          capture: {
            rules: {
              capture: {
                create(context) {
                  return {
                    'Program:exit'() {
                      try {
                        captured = context.sourceCode as unknown as SourceCode;
                      } catch (e) {
                        error = e;
                      }
                    },
                  };
                },
              },
            },
          },
        },
        rules: { 'capture/capture': 'error' },
      },
    ],
    filename,
  );
  if (error) throw error;
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
  if (!captured) throw new Error('no SourceCode captured');
  return captured;
}

/** The first node of `type` (in source order) whose text equals `text`, if given. */
export function findNode<T extends TSESTree.Node['type']>(
  sourceCode: SourceCode,
  type: T,
  text?: string,
): Extract<TSESTree.Node, { type: T }> {
  const found = findNodes(sourceCode, type).find((n) => text === undefined || sourceCode.getText(n) === text);
  if (!found) throw new Error(`no ${type}${text ? ` with text ${text}` : ''}`);
  return found;
}

/** All nodes of `type` in source order. */
export function findNodes<T extends TSESTree.Node['type']>(sourceCode: SourceCode, type: T): Extract<TSESTree.Node, { type: T }>[] {
  const out: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === type) out.push(node);
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) value.forEach((v) => v && typeof v === 'object' && 'type' in v && visit(v as TSESTree.Node));
      else if (value && typeof value === 'object' && 'type' in value) visit(value as TSESTree.Node);
    }
  };
  visit(sourceCode.ast);
  return out.sort((a, b) => a.range[0] - b.range[0]) as Extract<TSESTree.Node, { type: T }>[];
}
