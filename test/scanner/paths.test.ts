import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readSource } from '../../src/scanner/files.js';
import { displayName, ruleFileName, scanRoot } from '../../src/scanner/paths.js';
import { looksMinified } from '../../src/scanner/prefilter.js';

describe('displayName', () => {
  it('prints UTF-8 names as they are, and every byte that is not UTF-8 or is a control character as \\xHH', () => {
    expect(displayName(Buffer.from('src/über.js'))).toBe('src/über.js');
    expect(displayName(Buffer.concat([Buffer.from('conf'), Buffer.from([0xff]), Buffer.from('.env')]))).toBe('conf\\xff.env');
    expect(displayName(Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0xc3, 0xbc])]))).toBe('caf\\xe9ü');
    expect(displayName(Buffer.from('a\nb\u001b[31m'))).toBe('a\\x0ab\\x1b[31m');
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
