import { describe, expect, it } from 'vitest';
import { mayExportConstant } from '../../src/scanner/cross-file.js';
import { indexOfLiteral, literal, mayConcernGeminiBytes } from '../../src/scanner/prefilter.js';

const KEY = 'account-Tq4Wn8Zr2Lp6Xv0Bk3Jd';

// A deterministic generator, so that a failure names a sample that can be replayed.
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Text made of `literals`, whole or cut anywhere (so that partial and overlapping matches abound), and filler. */
function nearMisses(literals: readonly string[], random: () => number, length: number): Buffer {
  const pieces = ['e', 'x', ' ', '-', 'a', 'unt', 'G', '\0', '\n', ...literals];
  let out = '';
  while (out.length < length) {
    const piece = pieces[Math.floor(random() * pieces.length)]!;
    if (random() < 0.5) {
      out += piece;
    } else {
      const from = Math.floor(random() * piece.length);
      out += piece.slice(from, from + 1 + Math.floor(random() * piece.length));
    }
  }
  return Buffer.from(out, 'latin1');
}

describe('indexOfLiteral', () => {
  const literals = ['export const', 'account-', 'master-', 'gemini', 'Gemini', 'GEMINI', 'ab'];

  it('gives exactly what Buffer#indexOf gives, from every offset, on text full of near misses', () => {
    const random = generator(14);
    const wrong: string[] = [];
    let found = 0;
    for (let round = 0; round < 300; round++) {
      const bytes = nearMisses(literals, random, 1 + Math.floor(random() * 120));
      for (const text of literals) {
        const lit = literal(text);
        for (let from = 0; from <= bytes.length + 1; from++) {
          const expected = bytes.indexOf(lit.bytes, from);
          if (expected !== -1) found++;
          if (indexOfLiteral(bytes, lit, from) !== expected) wrong.push(`${JSON.stringify(bytes.toString('latin1'))} ${text} from ${from}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(found).toBeGreaterThan(1_000);
  });

  it('finds a literal at the very start and the very end, and not one cut short by the end', () => {
    const lit = literal('export const');
    expect(indexOfLiteral(Buffer.from('export const A = 1;'), lit)).toBe(0);
    expect(indexOfLiteral(Buffer.from('// export const'), lit)).toBe(3);
    expect(indexOfLiteral(Buffer.from('// export cons'), lit)).toBe(-1);
    expect(indexOfLiteral(Buffer.from('xport const A'), lit)).toBe(-1);
    expect(indexOfLiteral(Buffer.from('expert const; export  const; module.exports = { const: 1 }'), lit)).toBe(-1);
  });
});

describe('byte prefilters', () => {
  it('mayExportConstant answers as a plain substring search does', () => {
    const random = generator(7);
    const answers = new Set<boolean>();
    for (let round = 0; round < 500; round++) {
      const bytes = nearMisses(['export const', 'export default', 'module.exports'], random, Math.floor(random() * 200));
      answers.add(mayExportConstant(bytes));
      expect(mayExportConstant(bytes), bytes.toString('latin1')).toBe(bytes.includes('export const'));
    }
    expect([...answers].sort()).toEqual([false, true]);
  });

  it('mayConcernGeminiBytes answers as the spellings and the key shape searched one by one do', () => {
    const reference = (bytes: Buffer): boolean => {
      if (['gemini', 'Gemini', 'GEMINI'].some((n) => bytes.includes(n))) return true;
      const text = bytes.toString('latin1');
      return /(?<![A-Za-z0-9])(?:account|master)-[A-Za-z0-9]{20}(?![A-Za-z0-9])/.test(text);
    };
    const random = generator(21);
    let keys = 0;
    for (let round = 0; round < 500; round++) {
      const bytes = nearMisses(['gemini', 'Gemini', 'GEMINI', 'GEMINi', 'account-', 'master-', KEY, `x${KEY}`, `${KEY}9`, 'Tq4Wn8Zr2Lp6Xv0Bk3Jd'], random, Math.floor(random() * 160));
      if (!/gemini/i.test(bytes.toString('latin1')) && reference(bytes)) keys++;
      expect(mayConcernGeminiBytes(bytes), bytes.toString('latin1')).toBe(reference(bytes));
    }
    // the samples hold keys without any spelling of gemini, so the key shape check is what answers
    expect(keys).toBeGreaterThan(10);
  });

  it('mayConcernGeminiBytes finds a key wherever it lies among dense dashes (the search per prefix then takes over)', () => {
    const reference = (bytes: Buffer): boolean => /(?<![A-Za-z0-9])(?:account|master)-[A-Za-z0-9]{20}(?![A-Za-z0-9])/.test(bytes.toString('latin1'));
    const fillers = ['-', 'M-1-2 ', '|---|', '-a-', 'count-', 'ster-x'];
    const random = generator(33);
    const answers = new Set<boolean>();
    for (let round = 0; round < 200; round++) {
      const filler = fillers[round % fillers.length]!;
      // past the 1,024 dashes after which density is judged, or not
      const before = filler.repeat(Math.floor(random() * 3000));
      const after = filler.repeat(Math.floor(random() * 100));
      const middle = random() < 0.5 ? ` ${KEY} ` : random() < 0.5 ? `x${KEY}` : ` ${KEY.slice(0, -1)} `;
      const bytes = Buffer.from(before + middle + after, 'latin1');
      answers.add(reference(bytes));
      expect(mayConcernGeminiBytes(bytes), `${filler} x${before.length / filler.length} ${middle}`).toBe(reference(bytes));
    }
    expect([...answers].sort()).toEqual([false, true]);
  });
});
