import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readSource } from '../../src/scanner/files.js';
import { displayName, isNormalName, isPlainFolder, joinBytes, listedFromBytes, listedUnder, ruleFileName, scanRoot } from '../../src/scanner/paths.js';
import { looksMinified } from '../../src/scanner/prefilter.js';

describe('displayName', () => {
  it('prints UTF-8 names as they are, and every byte that is not UTF-8 or is a control character as \\xHH', () => {
    expect(displayName(Buffer.from('src/über.js'))).toBe('src/über.js');
    expect(displayName(Buffer.concat([Buffer.from('conf'), Buffer.from([0xff]), Buffer.from('.env')]))).toBe('conf\\xff.env');
    expect(displayName(Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0xc3, 0xbc])]))).toBe('caf\\xe9ü');
    expect(displayName(Buffer.from('a\nb\u001b[31m'))).toBe('a\\x0ab\\x1b[31m');
  });
});

describe('listedUnder', () => {
  it('lists a name under a plain cwd exactly as joining, printing and relativising its absolute path does', () => {
    const names = [
      Buffer.from('src/a.js'),
      Buffer.from('.env'),
      Buffer.from('dir with spaces/über.ts'),
      Buffer.from('back\\slash.js'),
      Buffer.from('...'),
      Buffer.from('a/.hidden/b.js'),
      Buffer.concat([Buffer.from('conf'), Buffer.from([0xff]), Buffer.from('.env')]),
      Buffer.from('line\nbreak.js'),
      Buffer.from('esc\u001b[31m.js'),
      // names git never prints, which take the long way
      Buffer.from('a/./b.js'),
      Buffer.from('a/../b.js'),
      Buffer.from('a//b.js'),
      Buffer.from('a/'),
      Buffer.from('..'),
    ];
    for (const cwd of ['/work/app', '/']) {
      expect(isPlainFolder(cwd)).toBe(true);
      for (const name of names) {
        for (const notGitIgnored of [true, undefined]) {
          expect(listedUnder(cwd, name, notGitIgnored), `${cwd} ${JSON.stringify(name.toString('latin1'))}`).toEqual(listedFromBytes(cwd, joinBytes(cwd, name), notGitIgnored));
        }
      }
    }
  });

  it('is not taken for a cwd whose name is not plain UTF-8 or holds a control character', () => {
    expect(isPlainFolder('/work/caf\u00e9')).toBe(true);
    expect(isPlainFolder('/work/a\nb')).toBe(false);
    expect(isPlainFolder('/work/\ud800')).toBe(false);
  });
});

describe('isNormalName', () => {
  it('says yes exactly for relative names that posix normalising leaves as they are', () => {
    const names = ['a.js', 'src/a.js', '.env', '.github/workflows/ci.yml', 'a..b/c', '...', 'x/.../y', '..a', 'a/..b', '', '.', '..', './a', 'a/./b', 'a/../b', 'a/..', 'a/.', '/a', 'a/', 'a//b', 'src/'];
    for (const name of names) {
      const normal = name !== '' && !name.startsWith('/') && !name.endsWith('/') && posix.normalize(name) === name && name !== '.' && name !== '..';
      expect(isNormalName(name), name).toBe(normal);
    }
  });
});

describe('scanRoot', () => {
  it('is the cwd when every path lies inside it, else the deepest folder holding them all', () => {
    expect(scanRoot('/work/app', [])).toBe('/work/app');
    expect(scanRoot('/work/app', ['src', '/work/app/lib'])).toBe('/work/app');
    expect(scanRoot('/tmp/other', ['/work/app'])).toBe('/work/app');
    expect(scanRoot('/work/app', ['../lib/a', '../lib/b'])).toBe('/work/lib');
  });

  it('gives rules a name without leading ../ segments', () => {
    expect(ruleFileName('../../repo/src/a.js')).toBe('repo/src/a.js');
    expect(ruleFileName('src/a.js')).toBe('src/a.js');
  });
});

describe('readSource on special files', () => {
  it.runIf(process.platform === 'linux')('caps a read by the bytes actually read: a /proc file whose stat size is 0 is too large', () => {
    expect(readSource('/proc/self', 'status', 16, undefined, { root: '/proc/self' })).toEqual({ file: 'status', reason: 'too-large', detail: 'more than 16 bytes' });
  });

  it('checks the root for symbolic links only: a regular file of the cwd is read whatever the root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-paths-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'a.js'), 'gemini');
    expect(readSource(dir, 'a.js', undefined, undefined, { root: join(dir, 'sub') })).toEqual({ text: 'gemini' });
  });
});

describe('looksMinified', () => {
  it('takes the whole file as evidence: long string literals (data: URIs) do not make a file minified', () => {
    const icon = `const ICON = 'data:image/png;base64,${'A'.repeat(25_000)}';`;
    expect(looksMinified(['const a = 1;', icon, 'const b = 2;'].join('\n'))).toBe(false);
    expect(looksMinified(`${'function a(b){return b&&b.c?b.c(1):0};'.repeat(1_000)}\n`)).toBe(true);
  });
});
