import { describe, expect, it } from 'vitest';
import * as gemini from '../../src/gemini/index.js';

describe('gemini index', () => {
  it('re-exports the protocol catalog the rules import', () => {
    for (const name of [
      'GEMINI_REST_HOSTS',
      'GEMINI_WS_HOSTS',
      'NOT_GEMINI_HOSTS',
      'isGeminiHost',
      'isKnownNonGeminiHost',
      'parseGeminiUrl',
      'HOLE',
      'splitPath',
      'normalisePath',
      'pathsEqual',
      'GEMINI_ENDPOINTS',
      'matchEndpoint',
      'isPrivatePath',
      'isFundMovingPath',
      'SIGNED_GET_TEMPLATES',
      'minimumRoles',
      'GEMINI_API_KEY_RE',
      'findGeminiApiKeys',
      'isGeminiApiKey',
      'looksLikeGeminiSecret',
      'isPlaceholder',
      'redactCredential',
      'classifyCredentialName',
      'isGeminiNamed',
      'GEMINI_CLIENT_PACKAGES',
      'GOOGLE_GEMINI_AI_PACKAGES',
      'isGeminiClientPackage',
      'isGoogleAiPackage',
      'GEMINI_HEADERS',
      'geminiHeaderKind',
    ]) {
      expect(gemini, name).toHaveProperty(name);
    }
  });
});
