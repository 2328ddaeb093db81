import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { signerSetup } from '../../src/utils/signer-setup.js';
import { parse } from '../helpers/parse.js';

// The setup edits both "use the reference signer" suggestions share (no-unsigned-private-request,
// valid-nonce); the rules' tests cover them through the rules, these pin the shared cases.

const fixer = {
  insertTextAfter: (node: TSESTree.Node, text: string) => ({ range: [node.range[1], node.range[1]], text }),
  insertTextBefore: (node: TSESTree.Node, text: string) => ({ range: [node.range[0], node.range[0]], text }),
} as unknown as TSESLint.RuleFixer;

/** The code after the setup for `geminiSigner`, used at the last statement; `null` when refused. */
function withSetup(code: string, filename = 'file.js'): string | null {
  const sourceCode = parse(code, filename);
  const at = sourceCode.ast.body[sourceCode.ast.body.length - 1]!;
  const setup = signerSetup(sourceCode, { factory: 'createGeminiSigner', variable: 'geminiSigner', args: 'opts', at, filename });
  if (!setup) return null;
  let out = code;
  for (const fix of [...setup(fixer)].sort((a, b) => b.range[0] - a.range[0])) out = out.slice(0, fix.range[0]) + fix.text + out.slice(fix.range[1]);
  return out;
}

describe('signerSetup', () => {
  it('imports the factory after the last leading import and declares the variable', () => {
    expect(withSetup("import axios from 'axios';\nuse();")).toBe(
      "import axios from 'axios';\nimport { createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';\nconst geminiSigner = createGeminiSigner(opts);\nuse();",
    );
  });

  it('adds the factory to an existing import of the signer module', () => {
    expect(withSetup("import { createIncrementalNonce } from 'eslint-plugin-gemini-guard/signer';\nuse();")).toBe(
      "import { createIncrementalNonce, createGeminiSigner } from 'eslint-plugin-gemini-guard/signer';\nconst geminiSigner = createGeminiSigner(opts);\nuse();",
    );
  });

  it('requires the factory in a CommonJS file, after the leading requires and the directive', () => {
    expect(withSetup("'use strict';\nconst axios = require('axios');\nuse();", 'file.cjs')).toBe(
      "'use strict';\nconst axios = require('axios');\nconst { createGeminiSigner } = require('eslint-plugin-gemini-guard/signer');\nconst geminiSigner = createGeminiSigner(opts);\nuse();",
    );
  });

  it('reuses an existing signer and adds nothing', () => {
    const code = "import { createGeminiSigner as make } from 'eslint-plugin-gemini-guard/signer';\nconst geminiSigner = make(opts);\nuse();";
    expect(withSetup(code)).toBe(code);
  });

  it('refuses when the variable or the factory name is taken by something else', () => {
    expect(withSetup('const geminiSigner = somethingElse();\nuse();')).toBeNull();
    expect(withSetup("import { createGeminiSigner } from './my-signer.js';\nuse();")).toBeNull();
  });
});
