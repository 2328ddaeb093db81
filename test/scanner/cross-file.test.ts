import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { crossFileFacts } from '../../src/scanner/cross-file.js';
import { scanProject, workingTreeSource, type SourceProvider } from '../../src/scanner/scan.js';
import type { SourceFile } from '../../src/scanner/types.js';

describe('crossFileFacts', () => {
  it('decodes only the imported modules that can export a constant, and folds their URL constants into the importer', () => {
    const onDisk: Record<string, string> = {
      'src/config.js': "export const BASE = 'https://api.gemini.com';\n",
      'src/util.js': 'export default function noop() {}\n',
      'src/market.js': "export function ticker() { return 'btcusd'; }\n",
    };
    // the imported modules come undecoded (as the scanner's prefilter leaves most files), so the
    // cross-file phase has to read them back through readText, with its own byte prefilter
    const sources: SourceFile[] = [
      { file: 'src/client.js', text: "import { BASE } from './config.js';\nimport noop from './util.js';\nimport { ticker } from './market.js';\nfetch(BASE + '/v1/balances'); // gemini\n" },
      { file: 'src/config.js' },
      { file: 'src/util.js' },
      { file: 'src/market.js' },
    ];
    const decoded: string[] = [];
    const facts = crossFileFacts(sources, (file, prefilter) => {
      const text = onDisk[file];
      if (text === undefined || (prefilter && !prefilter(Buffer.from(text)))) return undefined;
      decoded.push(file);
      return text;
    });
    expect(decoded).toEqual(['src/config.js']);
    expect(facts.settings.get('src/client.js')).toEqual({ importedValues: { './config.js#BASE': 'https://api.gemini.com' } });
  });
});

describe('the scan reads each file once, modules imported ahead of their turn included', () => {
  function folder(files: Record<string, string | Buffer>): string {
    const dir = mkdtempSync(join(tmpdir(), 'gg-cross-read-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return dir;
  }

  /** A scan of `dir` in this thread that counts the reads of each file. */
  async function countedScan(dir: string) {
    const disk = workingTreeSource({ cwd: dir, root: dir, paths: [] });
    const reads = new Map<string, number>();
    const provider: SourceProvider = {
      ...disk,
      read(file, maxFileSize, prefilter) {
        reads.set(file, (reads.get(file) ?? 0) + 1);
        return disk.read(file, maxFileSize, prefilter);
      },
    };
    const result = await scanProject({ cwd: dir, root: dir, paths: [], provider, jobs: 1 });
    return { result, reads: Object.fromEntries(reads) };
  }

  it('gives an importer the constants of modules listed after it, from one read of each, with the findings a read at their turn gives', async () => {
    // `a-client.js` comes first; the modules it imports are read for it before the loop gets to them
    const dir = folder({
      'a-client.js': [
        "import { BALANCES_PATH } from './z-paths.js';",
        "import { GEMINI_HOST } from './y-host.js';",
        "import { parse } from './x-util.js';",
        "import table from './w-table.json';",
        "import { BLOB } from './v-blob.js';",
        'export function balances() {',
        '  return fetch(GEMINI_HOST + BALANCES_PATH).then(parse);',
        '}',
        '',
      ].join('\n'),
      // not Gemini-related, but exports a path: decoded for the importer, never kept for the loop
      'z-paths.js': "export const BALANCES_PATH = '/v1/balances';\n",
      // Gemini-related: its text goes to the loop as well
      'y-host.js': "export const GEMINI_HOST = 'https://api.gemini.com';\n",
      // exports no constant: not decoded at all
      'x-util.js': 'export function parse(r) { return r.json(); }\n',
      'w-table.json': '{ "export const": 1 }\n',
      // can export a constant but is binary: the loop's outcome is still "unrelated", not a skip
      'v-blob.js': Buffer.concat([Buffer.from('export const BLOB = 1;\n'), Buffer.alloc(64), Buffer.from([0xff, 0xfe, 0x00])]),
    });
    const { result, reads } = await countedScan(dir);
    expect(reads).toEqual({ 'a-client.js': 1, 'v-blob.js': 1, 'w-table.json': 1, 'x-util.js': 1, 'y-host.js': 1, 'z-paths.js': 1 });
    // the GET goes to a private endpoint only through the imported path: unsigned, and not a POST
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['gemini-guard/no-unsigned-private-request', 'a-client.js', 7, 16],
      ['gemini-guard/no-unsigned-private-request', 'a-client.js', 7, 16],
    ]);
    expect(result.findings.every((f) => f.message.includes('/v1/balances'))).toBe(true);
    expect(result.skipped).toEqual([]);
    expect(result.stats).toMatchObject({ filesSeen: 6, filesScanned: 6, filesParsed: 2 });
  });

  it('never reads a declaration file or a data file for its exports: each is read once, by the loop', async () => {
    const dir = folder({
      'a-client.js': "import { BALANCES } from './z-types.d';\nimport { ORDERS } from './y-urls.json';\nfetch(BALANCES); // gemini\nfetch(ORDERS);\n",
      // a value in a declaration file (no such thing in a real one) is not the module's value
      'z-types.d.ts': "export const BALANCES = 'https://api.gemini.com/v1/balances';\n",
      'y-urls.json': '{ "note": "export const ORDERS = \'https://api.gemini.com/v1/orders\'" }\n',
    });
    const { result, reads } = await countedScan(dir);
    expect(reads).toEqual({ 'a-client.js': 1, 'y-urls.json': 1, 'z-types.d.ts': 1 });
    expect(result.findings).toEqual([]);
    expect(result.stats).toMatchObject({ filesSeen: 3, filesScanned: 3, filesParsed: 1 });
  });

  it('reads again only what the loop has already passed and left undecoded', async () => {
    // `a-paths.js` is read (undecoded) before `b-client.js` imports it: its text is read back
    const dir = folder({
      'a-paths.js': "export const BALANCES_PATH = '/v1/balances';\n",
      'b-client.js': "import { BALANCES_PATH } from './a-paths.js';\nfetch('https://api.gemini.com' + BALANCES_PATH);\n",
    });
    const { result, reads } = await countedScan(dir);
    expect(reads).toEqual({ 'a-paths.js': 2, 'b-client.js': 1 });
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['gemini-guard/no-unsigned-private-request', 'b-client.js', 2, 7],
      ['gemini-guard/no-unsigned-private-request', 'b-client.js', 2, 7],
    ]);
  });
});
