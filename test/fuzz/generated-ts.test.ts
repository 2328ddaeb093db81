// Fuzz: generated TypeScript Gemini clients through every rule (@typescript-eslint/parser) and the
// scanner core. Replay a failure: see test/fuzz/harness.ts.
import { describe } from 'vitest';
import { fuzzGeneratedPrograms } from './properties.js';

describe('fuzzing generated TypeScript Gemini clients', () => {
  fuzzGeneratedPrograms(true, 1250);
});
