import { describe, expect, it } from 'vitest';
import { crossFileFacts } from '../../src/scanner/cross-file.js';
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
