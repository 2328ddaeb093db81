// The shipped configs on TypeScript projects, through the BUILT package and real eslint.config.js
// files: a bot that follows the README (`configs.recommended` alone) gets its .ts/.mts files linted,
// and a project with typescript-eslint's typed linting keeps every finding it had, with ours added.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first (these tests load the built package).');

const TS_BOT = join(root, 'test', 'fixtures', 'ts-bot');
const TYPED_BOT = join(root, 'test', 'fixtures', 'typed-bot');

interface Message {
  ruleId: string | null;
  line: number;
  column: number;
  fatal?: boolean;
  message: string;
}
interface Result {
  filePath: string;
  messages: Message[];
}
type ESLintLike = new (options: Record<string, unknown>) => { lintFiles(patterns: string[]): Promise<Result[]> };

const versions: [string, ESLintLike][] = [
  ['ESLint 10', ESLint10 as unknown as ESLintLike],
  ['ESLint 9', ESLint9 as unknown as ESLintLike],
];

/** `file:line:column rule` for every message (fatal parse errors included), files relative to `dir`. */
function summary(dir: string, results: Result[], keep: (ruleId: string | null) => boolean = () => true): string[] {
  return results
    .flatMap((r) => r.messages.filter((m) => m.fatal || keep(m.ruleId)).map((m) => `${relative(dir, r.filePath)}:${m.line}:${m.column} ${m.fatal ? `FATAL ${m.message}` : m.ruleId}`))
    .sort();
}

const ours = (ruleId: string | null): boolean => ruleId?.startsWith('gemini-guard/') ?? false;

describe.each(versions)('the shipped configs on TypeScript projects (%s)', (_label, ESLint) => {
  it('lints .ts, .mts and .js files of a project whose eslint.config.js holds configs.recommended alone', async () => {
    const eslint = new ESLint({ cwd: TS_BOT, overrideConfigFile: join(TS_BOT, 'eslint.config.js') });
    const results = await eslint.lintFiles(['src']);
    expect(results.map((r) => relative(TS_BOT, r.filePath)).sort()).toEqual(['src/bot.ts', 'src/feed.mts', 'src/ticker.js']);
    expect(summary(TS_BOT, results)).toEqual([
      'src/bot.ts:8:26 gemini-guard/no-insecure-transport',
      'src/feed.mts:2:35 gemini-guard/no-insecure-transport',
      'src/ticker.js:1:35 gemini-guard/no-insecure-transport',
    ]);
  });

  it('adds its findings to a typed-linting setup (recommendedTypeChecked + project service) without taking anything away', async () => {
    const withUs = await new ESLint({ cwd: TYPED_BOT, overrideConfigFile: join(TYPED_BOT, 'eslint.config.js') }).lintFiles(['src']);
    // the same project without gemini-guard: every typescript-eslint finding must survive our config
    const without = await new ESLint({
      cwd: TYPED_BOT,
      overrideConfigFile: true,
      overrideConfig: [
        ...tseslint.configs.recommendedTypeChecked,
        { languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: TYPED_BOT } } },
      ],
    }).lintFiles(['src']);
    const theirs = summary(TYPED_BOT, without);
    // typed linting really ran (a floating promise needs type information), and nothing failed to parse
    expect(theirs).toEqual(['src/bot.ts:12:1 @typescript-eslint/no-floating-promises']);
    expect(summary(TYPED_BOT, withUs, (id) => !ours(id))).toEqual(theirs);
    expect(summary(TYPED_BOT, withUs, ours)).toEqual([
      'src/bot.ts:7:27 gemini-guard/no-insecure-transport',
      'src/legacy.js:1:36 gemini-guard/no-insecure-transport',
    ]);
  });
});
