// Fuzz: generated JavaScript Gemini clients through every rule (espree) and the scanner core.
// Replay a failure: see test/fuzz/harness.ts.
import { describe } from 'vitest';
import { fuzzGeneratedPrograms } from './properties.js';

describe('fuzzing generated JavaScript Gemini clients', () => {
  fuzzGeneratedPrograms(false, 2000);
});
