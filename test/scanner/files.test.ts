import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { largeGitIndex, listPaths, readSource } from '../../src/scanner/files.js';
import { workingTreeSource } from '../../src/scanner/scan.js';


function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-files-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('listPaths', () => {
  it('respects .gitignore outside git, and skips node_modules', () => {
    const dir = project({ '.gitignore': 'secret.env\nbuild/\n', 'a.js': '', 'secret.env': '', 'build/x.js': '', 'node_modules/p/i.js': '', 'src/b.ts': '' });
    expect(listPaths({ cwd: dir, paths: [] }).paths.map((p) => p.file)).toEqual(['.gitignore', 'a.js', 'src/b.ts']);
  });

  it('asks git inside a work tree and marks files git does not ignore', () => {
    const dir = project({ '.gitignore': 'ignored.env\n', 'a.js': '', 'ignored.env': '', 'tracked.env': '' });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const { paths } = listPaths({ cwd: dir, paths: [] });
    expect(paths).toEqual([
      { file: '.gitignore', notGitIgnored: true },
      { file: 'a.js', notGitIgnored: true },
      { file: 'tracked.env', notGitIgnored: true },
    ]);
  });

  it('lists the names git gives as they are, and escapes odd ones with their real bytes kept', () => {
    const dir = project({ 'a.js': '', 'ünï/cöde.js': '', 'sp ace.js': '' });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    // every name plain UTF-8: decoded in one piece
    expect(listPaths({ cwd: dir, paths: [] }).paths).toEqual([
      { file: 'a.js', notGitIgnored: true },
      { file: 'sp ace.js', notGitIgnored: true },
      { file: 'ünï/cöde.js', notGitIgnored: true },
    ]);
    // one name with a control character, one that is not UTF-8: each escaped, read through its bytes
    const newline = Buffer.from(join(dir, 'new\nline.js'));
    const latin = Buffer.concat([Buffer.from(join(dir, 'conf')), Buffer.from([0xff]), Buffer.from('.env')]);
    writeFileSync(newline, '');
    writeFileSync(latin, '');
    expect(listPaths({ cwd: dir, paths: [] }).paths).toEqual([
      { file: 'a.js', notGitIgnored: true },
      { file: 'conf\\xff.env', notGitIgnored: true, raw: latin },
      { file: 'new\\x0aline.js', notGitIgnored: true, raw: newline },
      { file: 'sp ace.js', notGitIgnored: true },
      { file: 'ünï/cöde.js', notGitIgnored: true },
    ]);
  });

  it('applies include and exclude globs', () => {
    const dir = project({ 'src/a.ts': '', 'src/a.test.ts': '', 'docs/x.md': '' });
    expect(listPaths({ cwd: dir, paths: [], include: ['src/**'], exclude: ['**/*.test.ts'] }).paths.map((p) => p.file)).toEqual(['src/a.ts']);
  });

  it('survives a symlink loop', () => {
    const dir = project({ 'a/x.js': '' });
    symlinkSync(join(dir, 'a'), join(dir, 'a', 'loop'));
    const result = listPaths({ cwd: dir, paths: [] });
    expect(result.paths.map((p) => p.file)).toEqual(['a/x.js']);
    expect(result.skipped).toEqual([{ file: 'a/loop', reason: 'symlink-loop' }]);
  });
});

describe('largeGitIndex', () => {
  it('tells a large git tree from the size of its index, from the root or a folder in it', () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/module-${i}.js`, `export const m${i} = ${i};\n`]));
    const dir = project(files);
    // a folder that is not in a work tree (the OS temp folder is not inside a git repository)
    expect(largeGitIndex(dir, 1)).toBe(false);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    // no index before the first `git add`
    expect(largeGitIndex(dir, 1)).toBe(false);
    execFileSync('git', ['add', '.'], { cwd: dir });
    // 40 entries of 62 bytes and a name each
    expect(largeGitIndex(dir, 40 * 62)).toBe(true);
    expect(largeGitIndex(join(dir, 'src'), 40 * 62)).toBe(true);
    expect(largeGitIndex(dir, 64 * 1024)).toBe(false);
  });

  it('is what a scan of the whole root asks before listing, and only such a scan', () => {
    const dir = project({ 'a.js': '', 'src/b.js': '' });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '.'], { cwd: dir });
    // a low threshold is not the scanner's (64 KB): the index of two files is far below it
    expect(workingTreeSource({ cwd: dir, paths: [] }).listsMany?.()).toBe(false);
    expect(largeGitIndex(dir, 1)).toBe(true);
    // named files or folders (a pre-commit hook passing the staged files): never asked
    expect(workingTreeSource({ cwd: dir, paths: ['a.js'] }).listsMany).toBeUndefined();
    expect(workingTreeSource({ cwd: dir, paths: ['src'] }).listsMany).toBeUndefined();
    expect(workingTreeSource({ cwd: dir, paths: ['.'] }).listsMany).toBeTypeOf('function');
    // a list given by the caller (--since): never asked
    expect(workingTreeSource({ cwd: dir, paths: [] }, () => ({ paths: [], skipped: [] })).listsMany).toBeUndefined();
  });

  it('does not guess where git would look elsewhere: GIT_DIR, or a worktree whose .git is a file', () => {
    const dir = project({ 'a.js': '' });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '.'], { cwd: dir });
    expect(largeGitIndex(dir, 1)).toBe(true);
    for (const variable of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) {
      vi.stubEnv(variable, join(dir, '.git'));
      try {
        expect(largeGitIndex(dir, 1), variable).toBe(false);
      } finally {
        vi.unstubAllEnvs();
      }
    }
    const worktree = project({ '.git': 'gitdir: /elsewhere/.git/worktrees/w\n', 'b.js': '' });
    expect(largeGitIndex(worktree, 1)).toBe(false);
  });
});

describe('readSource', () => {
  it('reads UTF-8 and UTF-16 with a BOM', () => {
    const dir = project({
      'a.txt': 'gemini',
      'b.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('gemini', 'utf16le')]),
      'c.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('gemini')]),
    });
    expect(readSource(dir, 'a.txt')).toEqual({ text: 'gemini' });
    expect(readSource(dir, 'b.txt')).toEqual({ text: 'gemini' });
    expect(readSource(dir, 'c.txt')).toEqual({ text: 'gemini' });
  });

  it('skips binary, oversized, invalid UTF-8, vanished and non-regular files with a reason', () => {
    const dir = project({ 'bin.dat': Buffer.from([1, 2, 0, 3]), 'big.js': 'x'.repeat(100), 'bad.txt': Buffer.from([0x61, 0xc3, 0x28]) });
    mkdirSync(join(dir, 'folder'));
    expect(readSource(dir, 'bin.dat')).toEqual({ file: 'bin.dat', reason: 'binary' });
    expect(readSource(dir, 'big.js', 10)).toEqual({ file: 'big.js', reason: 'too-large', detail: '100 bytes' });
    expect(readSource(dir, 'bad.txt')).toEqual({ file: 'bad.txt', reason: 'invalid-utf8' });
    expect(readSource(dir, 'gone.js')).toEqual({ file: 'gone.js', reason: 'vanished' });
    expect(readSource(dir, 'folder')).toEqual({ file: 'folder', reason: 'unreadable', detail: 'not a regular file' });
  });

  it('reads files of any size one after another into its shared buffer without mixing them up', () => {
    // sizes around and far beyond the buffer's first allocation (64 KiB), small after large
    const sizes = [10, 70_000, 3, 1_500_000, 65_536, 0, 200_000, 17];
    const contents = sizes.map((n, i) => `${'gemini-'.repeat(Math.ceil(n / 7)).slice(0, n)}`.replace(/^.{0,2}/, (m) => `${i}`.slice(0, m.length)));
    const dir = project(Object.fromEntries(contents.map((c, i) => [`f${i}.txt`, c])));
    const texts = sizes.map((_, i) => readSource(dir, `f${i}.txt`));
    expect(texts).toEqual(contents.map((text) => ({ text })));
  });

  it('reads a name with dot segments, and names relative to a relative cwd, where path.resolve puts them', () => {
    const dir = project({ 'a.js': 'gemini a', 'src/b.js': 'gemini b', '.hidden/...js': 'gemini c' });
    expect(readSource(dir, 'src/../a.js')).toEqual({ text: 'gemini a' });
    expect(readSource(dir, './src//b.js')).toEqual({ text: 'gemini b' });
    expect(readSource(dir, '.hidden/...js')).toEqual({ text: 'gemini c' });
    expect(readSource(join(dir, 'src'), '../a.js')).toEqual({ text: 'gemini a' });
    expect(readSource(relative(process.cwd(), dir), 'src/b.js')).toEqual({ text: 'gemini b' });
    expect(readSource(`${dir}/src/..`, 'a.js')).toEqual({ text: 'gemini a' });
  });

  it('tells UTF-16 without a byte-order mark by its zero bytes, and text with a stray zero byte from it', () => {
    const dir = project({
      'le.js': Buffer.from('const gemini = 1;\n', 'utf16le'),
      'be.js': Buffer.from('const gemini = 1;\n', 'utf16le').swap16(),
      'nul.js': Buffer.concat([Buffer.from('// gemini '), Buffer.from([0]), Buffer.from('\nconst a = 1;\n'.repeat(20))]),
    });
    expect(readSource(dir, 'le.js')).toEqual({ text: 'const gemini = 1;\n' });
    expect(readSource(dir, 'be.js')).toEqual({ text: 'const gemini = 1;\n' });
    expect(readSource(dir, 'nul.js')).toEqual({ text: `// gemini \u0000${'\nconst a = 1;\n'.repeat(20)}` });
  });

  it('leaves bytes the prefilter rejects undecoded, and decodes the rest', () => {
    const dir = project({ 'a.js': 'export const BASE = 1;', 'b.js': 'module.exports = 1;' });
    const wanted = (bytes: Buffer) => bytes.includes('export const');
    expect(readSource(dir, 'a.js', undefined, wanted)).toEqual({ text: 'export const BASE = 1;' });
    expect(readSource(dir, 'b.js', undefined, wanted)).toEqual({ unrelated: true });
  });
});
