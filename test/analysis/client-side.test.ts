import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import {
  bareEnvName,
  envReadSites,
  hasUseClientDirective,
  isInUseServerCode,
  matchingGlob,
  publicEnvName,
} from '../../src/analysis/exposure/index.js';
import { findNode, parse } from '../helpers/parse.js';

describe('publicEnvName', () => {
  it('splits the bundler prefixes off', () => {
    expect(publicEnvName('NEXT_PUBLIC_GEMINI_API_KEY', 'process.env')).toEqual({ prefix: 'NEXT_PUBLIC_', bare: 'GEMINI_API_KEY' });
    expect(publicEnvName('VITE_GEMINI_API_SECRET', 'import.meta.env')).toEqual({ prefix: 'VITE_', bare: 'GEMINI_API_SECRET' });
    expect(publicEnvName('REACT_APP_X', 'process.env')?.prefix).toBe('REACT_APP_');
    expect(publicEnvName('EXPO_PUBLIC_X', 'process.env')?.prefix).toBe('EXPO_PUBLIC_');
    expect(publicEnvName('NUXT_PUBLIC_X', 'process.env')?.prefix).toBe('NUXT_PUBLIC_');
    expect(publicEnvName('GATSBY_X', 'process.env')?.prefix).toBe('GATSBY_');
  });

  it('counts PUBLIC_ only where a bundler gives it meaning', () => {
    expect(publicEnvName('PUBLIC_X', 'import.meta.env')?.prefix).toBe('PUBLIC_');
    expect(publicEnvName('PUBLIC_X', '$env/static/public')?.prefix).toBe('PUBLIC_');
    expect(publicEnvName('PUBLIC_X', 'process.env')).toBeUndefined();
  });

  it('never treats Deno reads, private modules, bare prefixes or plain names as public', () => {
    expect(publicEnvName('NEXT_PUBLIC_X', 'Deno.env')).toBeUndefined();
    expect(publicEnvName('PUBLIC_X', '$env/static/private')).toBeUndefined();
    expect(publicEnvName('VITE_', 'import.meta.env')).toBeUndefined();
    expect(publicEnvName('GEMINI_API_SECRET', 'process.env')).toBeUndefined();
    expect(bareEnvName('GEMINI_API_SECRET', 'process.env')).toBe('GEMINI_API_SECRET');
    expect(bareEnvName('VITE_GEMINI_API_SECRET', 'import.meta.env')).toBe('GEMINI_API_SECRET');
  });
});

describe('envReadSites', () => {
  it('lists member reads, destructuring, Deno and SvelteKit reads once each', () => {
    const sc = parse(
      [
        "import { PUBLIC_A } from '$env/static/public';",
        "import { env } from '$env/dynamic/public';",
        'const { B, C: c } = process.env;',
        'const d = import.meta.env.D;',
        "const e = process.env['E'];",
        "const f = Deno.env.get('F');",
        'const g = env.PUBLIC_G;',
        'const h = Bun.env.H;',
        'use(B, c, d);',
        "process.env.W = 'written';",
      ].join('\n'),
    );
    expect(envReadSites(sc).map((s) => `${s.via}:${s.name}`)).toEqual([
      '$env/static/public:PUBLIC_A',
      'process.env:B',
      'process.env:C',
      'import.meta.env:D',
      'process.env:E',
      'Deno.env:F',
      '$env/dynamic/public:PUBLIC_G',
      'Bun.env:H',
    ]);
  });

  it('reports destructured reads at the property', () => {
    const sc = parse('const { NEXT_PUBLIC_X: x } = process.env;');
    const [site] = envReadSites(sc);
    expect(site?.node.type).toBe(AST_NODE_TYPES.Property);
  });
});

describe('directives', () => {
  it("finds 'use client' only in the directive prologue", () => {
    expect(hasUseClientDirective(parse("'use client';\nexport {};"))).toBe(true);
    expect(hasUseClientDirective(parse("'use strict';\n\"use client\";\nexport {};"))).toBe(true);
    expect(hasUseClientDirective(parse("const a = 1;\n'use client';"))).toBe(false);
    expect(hasUseClientDirective(parse("('use client');"))).toBe(false);
  });

  it("tells 'use server' files and functions", () => {
    const file = parse("'use server';\nexport async function a() { return process.env.X; }");
    expect(isInUseServerCode(findNode(file, AST_NODE_TYPES.MemberExpression, 'process.env.X'), file)).toBe(true);
    const fn = parse("async function a() { 'use server'; return process.env.X; }\nconst b = process.env.Y;");
    expect(isInUseServerCode(findNode(fn, AST_NODE_TYPES.MemberExpression, 'process.env.X'), fn)).toBe(true);
    expect(isInUseServerCode(findNode(fn, AST_NODE_TYPES.MemberExpression, 'process.env.Y'), fn)).toBe(false);
  });
});

describe('matchingGlob', () => {
  const cwd = path.resolve('/project');
  it('matches relative and absolute file names against cwd-relative globs', () => {
    expect(matchingGlob(path.join(cwd, 'src', 'web', 'App.tsx'), cwd, ['src/web/**'])).toBe('src/web/**');
    expect(matchingGlob('src/web/App.tsx', cwd, ['lib/**', 'src/**/*.tsx'])).toBe('src/**/*.tsx');
    expect(matchingGlob(path.join(cwd, 'src', 'server.ts'), cwd, ['src/web/**'])).toBeUndefined();
    expect(matchingGlob(path.join(cwd, '.next', 'x.js'), cwd, ['**/*.js'])).toBe('**/*.js');
  });

  it('skips empty globs and matches nothing without globs', () => {
    expect(matchingGlob('a.ts', cwd, [])).toBeUndefined();
    expect(matchingGlob('a.ts', cwd, [''])).toBeUndefined();
  });
});
