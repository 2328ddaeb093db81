import { describe, expect, it } from 'vitest';
import { codeSecretAssignments, parseLogPatch, unquoteGitPath } from '../../src/scanner/history.js';

const SHA1 = 'a'.repeat(40);
const SHA2 = 'b'.repeat(40);

describe('parseLogPatch', () => {
  it('collects the added lines per commit and file, with their line numbers', () => {
    const output = [
      `\u0001${SHA1}\u00002024-01-02T03:04:05+00:00`,
      '',
      'diff --git a/config/.env b/config/.env',
      'new file mode 100644',
      'index 0000000..1111111',
      '--- /dev/null',
      '+++ b/config/.env',
      '@@ -0,0 +1,2 @@',
      '+A=1',
      '+B=2',
      'diff --git a/src/a.js b/src/a.js',
      'index 1111111..2222222 100644',
      '--- a/src/a.js',
      '+++ b/src/a.js',
      '@@ -3 +3 @@ export function f() {',
      '-old',
      '+new',
      '@@ -10,0 +11,2 @@',
      '+++ a line of content that starts with two plus signs',
      '\\ No newline at end of file',
      '+last',
      `\u0001${SHA2}\u00002024-01-03T00:00:00+00:00`,
      '',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git a/img.png b/img.png',
      'Binary files a/img.png and b/img.png differ',
      '',
    ].join('\n');
    const commits = parseLogPatch(output);
    expect(commits.map((c) => [c.sha, c.authorDate, [...c.files.entries()]])).toEqual([
      [
        SHA1,
        '2024-01-02T03:04:05+00:00',
        [
          ['config/.env', [{ line: 1, text: 'A=1' }, { line: 2, text: 'B=2' }]],
          ['src/a.js', [{ line: 3, text: 'new' }, { line: 11, text: '++ a line of content that starts with two plus signs' }, { line: 12, text: 'last' }]],
        ],
      ],
      [SHA2, '2024-01-03T00:00:00+00:00', []],
    ]);
  });

  it('reads quoted and space-holding path names, and a \\x01 inside added text is not a commit', () => {
    const output = [
      `\u0001${SHA1}\u00002024-01-02T03:04:05+00:00`,
      '',
      'diff --git "a/my \\"odd\\" \\303\\274.env" "b/my \\"odd\\" \\303\\274.env"',
      '+++ "b/my \\"odd\\" \\303\\274.env"\t',
      '@@ -0,0 +1 @@',
      '+\u0001not a commit',
      'diff --git a/with space.txt b/with space.txt',
      '+++ b/with space.txt\t',
      '@@ -0,0 +1 @@',
      '+x',
    ].join('\n');
    const [commit] = parseLogPatch(output);
    expect([...(commit?.files.keys() ?? [])]).toEqual(['my "odd" ü.env', 'with space.txt']);
    expect(commit?.files.get('my "odd" ü.env')).toEqual([{ line: 1, text: '\u0001not a commit' }]);
  });
});

describe('unquoteGitPath', () => {
  it('undoes C-style quoting and octal UTF-8 bytes, and leaves plain names alone', () => {
    // a control character is shown escaped, never printed raw
    expect(unquoteGitPath('"a\\tb\\\\c\\"d"')).toBe('a\\x09b\\c"d');
    expect(unquoteGitPath('"\\303\\274ber"')).toBe('über');
    expect(unquoteGitPath('plain/name.txt')).toBe('plain/name.txt');
  });

  it('shows the bytes of a name that is not UTF-8 escaped, instead of losing them', () => {
    expect(unquoteGitPath('"conf\\377.env"')).toBe('conf\\xff.env');
    expect(unquoteGitPath('"caf\\351/\\303\\274.js"')).toBe('caf\\xe9/ü.js');
  });
});

describe('codeSecretAssignments', () => {
  const secret = 'N3vX8qLz5Rt1Wp7Ky2Hc9Bm4Df';
  const lines = (...texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));

  it('finds secrets assigned to Gemini-named secret names in JavaScript and TypeScript', () => {
    const texts = [
      `const GEMINI_API_SECRET = '${secret}';`,
      `  geminiSecret: "${secret}",`,
      `const s: string = process.env.GEMINI_API_SECRET ?? \`${secret}\`;`,
      `this.geminiApiSecret = '${secret}';`,
    ];
    const found = codeSecretAssignments(lines(...texts), false);
    expect(found.map((f) => [f.line, f.column, f.endColumn])).toEqual(texts.map((t, i) => [i + 1, t.indexOf(secret) + 1, t.indexOf(secret) + 1 + secret.length]));
  });

  it('needs a secret-like name, a Gemini context and a secret-shaped value', () => {
    expect(codeSecretAssignments(lines(`const apiSecret = '${secret}';`), false)).toEqual([]);
    expect(codeSecretAssignments(lines(`const apiSecret = '${secret}';`), true)).toHaveLength(1);
    expect(codeSecretAssignments(lines(`const cacheKey = '${secret}';`, `const secretName = '${secret}';`), true)).toEqual([]);
    expect(codeSecretAssignments(lines("const GEMINI_API_SECRET = 'your-api-secret-goes-here-x';", "const GEMINI_SECRET = 'ThisIsMyVeryLongSecretValue';"), true)).toEqual([]);
  });
});
