import type { TSESLint } from '@typescript-eslint/utils';

const caches = new WeakMap<object, Map<string, unknown>>();

/**
 * Computes a per-file fact once and shares it between rules: every rule of a lint run sees the
 * same `sourceCode.ast` object, so the cache lives exactly as long as that AST.
 */
export function memoForFile<T>(sourceCode: Readonly<TSESLint.SourceCode>, key: string, compute: () => T): T {
  let cache = caches.get(sourceCode.ast);
  if (!cache) {
    cache = new Map();
    caches.set(sourceCode.ast, cache);
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}
