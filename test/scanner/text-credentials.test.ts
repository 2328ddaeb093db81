import { describe, expect, it } from 'vitest';
import { scanTextForCredentials } from '../../src/scanner/detectors/text-credentials.js';
import type { FileKind } from '../../src/scanner/prefilter.js';
import { API_SECRETS } from '../helpers/secrets.js';

const SECRET = API_SECRETS[0];
const OTHER = API_SECRETS[1];

/** Where the detector finds secrets in `text`: `line:column` of each, in order. */
function found(text: string, kind: FileKind): string[] {
  return scanTextForCredentials(text, kind).map((f) => `${f.line}:${f.column}`);
}

describe('text credentials: secrets in the list form of Compose environments', () => {
  it('finds `- GEMINI_API_SECRET=…`, bare or quoted', () => {
    const compose = ['services:', '  bot:', '    image: node:20', '    environment:', `      - GEMINI_API_SECRET=${SECRET}`, `      - "GEMINI_API_SECRET_2=${OTHER}"`, "      - 'LOG_LEVEL=debug'"].join('\n');
    expect(found(compose, 'yaml')).toEqual(['5:27', '6:30']);
  });

  it('finds a secret-named entry in a Compose file that names Gemini elsewhere', () => {
    const compose = ['services:', '  gemini-bot:', '    environment:', `      - API_SECRET=${SECRET}`].join('\n');
    expect(found(compose, 'yaml')).toEqual(['4:20']);
  });

  it('stays silent on placeholders, interpolations and other exchanges', () => {
    const compose = ['services:', '  bot:', '    environment:', '      - GEMINI_API_SECRET=your-api-secret', '      - GEMINI_API_SECRET=${GEMINI_API_SECRET}', '      - GEMINI_API_SECRET=XXXXXXXXXXXXXXXXXXXXXXXXXXXX'].join('\n');
    expect(found(compose, 'yaml')).toEqual([]);
    expect(found(['services:', '  bot:', '    environment:', `      - BINANCE_API_SECRET=${SECRET}`].join('\n'), 'yaml')).toEqual([]);
  });
});

describe('text credentials: shell profiles and .npmrc-style files', () => {
  it('finds `export VAR=…` in a shell profile, quoted or not', () => {
    const profile = ['# ~/.bashrc', 'export PATH="$HOME/bin:$PATH"', `export GEMINI_API_SECRET=${SECRET}`, `export GEMINI_API_SECRET="${OTHER}"`].join('\n');
    expect(found(profile, 'text')).toEqual(['3:26', '4:27']);
  });

  it('finds fish `set -gx VAR value`', () => {
    expect(found(`set -gx GEMINI_API_SECRET ${SECRET}`, 'text')).toEqual(['1:27']);
  });

  it('finds `key=value` lines of an .npmrc-style file', () => {
    const npmrc = ['registry=https://registry.npmjs.org/', `gemini_api_secret=${SECRET}`, `gemini-api-secret = ${OTHER}`].join('\n');
    expect(found(npmrc, 'text')).toEqual(['2:19', '3:21']);
  });

  it('stays silent on placeholders, an npm auth token and other services', () => {
    expect(found(['export GEMINI_API_SECRET=changeme', 'export GEMINI_API_SECRET="$(pass show gemini/secret)"'].join('\n'), 'text')).toEqual([]);
    expect(found(`//registry.npmjs.org/:_authToken=${SECRET}`, 'text')).toEqual([]);
    expect(found(`export AWS_SECRET_ACCESS_KEY=${SECRET}`, 'text')).toEqual([]);
    // Google's Gemini AI uses GEMINI_API_KEY too; a key name is not a secret name
    expect(found('export GEMINI_API_KEY=AIzaSyD3xAmPlEkEy0000000000000000000000', 'text')).toEqual([]);
  });
});

describe('text credentials: a secret-named key with its value on another line', () => {
  it('finds YAML block and folded scalars', () => {
    expect(found(['gemini:', '  api_secret: >-', `    ${SECRET}`].join('\n'), 'yaml')).toEqual(['3:5']);
    expect(found(['gemini:', '  api_secret: |', `    ${SECRET}`, '  api_key: account-XXXXXXXXXXXXXXXXXXXX'].join('\n'), 'yaml')).toEqual(['3:5']);
  });

  it('finds a YAML plain scalar continued on the next line', () => {
    expect(found(['gemini:', '  api_secret:', `    "${SECRET}"`].join('\n'), 'yaml')).toEqual(['3:6']);
  });

  it('finds pretty-printed JSON with the key on one line and the value on the next', () => {
    const json = ['{', '  "gemini": {', '    "apiSecret":', `      "${SECRET}",`, '    "sandbox": true', '  }', '}'].join('\n');
    expect(found(json, 'json')).toEqual(['4:8']);
  });

  it('finds a Kubernetes env entry: `- name: GEMINI_API_SECRET` then `value: …`', () => {
    const deployment = ['containers:', '  - name: bot', '    env:', '      - name: GEMINI_API_SECRET', `        value: "${SECRET}"`].join('\n');
    expect(found(deployment, 'yaml')).toEqual(['5:17']);
  });

  it('does not carry a key over to an unrelated line', () => {
    expect(found(['gemini:', '  api_secret:', `  other: ${SECRET}`].join('\n'), 'yaml')).toEqual([]);
    expect(found(['gemini:', '  api_secret:', '', '  # rotated monthly', `  sandbox_id: ${SECRET}`].join('\n'), 'yaml')).toEqual([]);
    // the value must sit deeper than its key
    expect(found(['gemini:', '  api_secret:', `  ${SECRET}`].join('\n'), 'yaml')).toEqual([]);
    expect(found(['env:', '  - name: GEMINI_API_SECRET', '    valueFrom:', '      secretKeyRef: { name: gemini, key: secret }', '  - name: OTHER', `    value: "${SECRET}"`].join('\n'), 'yaml')).toEqual([]);
  });

  it('stays silent on placeholders and on other exchanges in files that never name Gemini', () => {
    expect(found(['gemini:', '  api_secret: >-', '    <YOUR_GEMINI_API_SECRET>'].join('\n'), 'yaml')).toEqual([]);
    expect(found(['kraken:', '  api_secret: |', `    ${SECRET}`].join('\n'), 'yaml')).toEqual([]);
    expect(found(['env:', '  - name: KRAKEN_API_SECRET', `    value: "${SECRET}"`].join('\n'), 'yaml')).toEqual([]);
  });
});

describe('text credentials: findings never carry the secret', () => {
  it('redacts the value in every message', () => {
    const text = ['gemini:', '  api_secret: >-', `    ${SECRET}`, 'environment:', `  - GEMINI_API_SECRET=${OTHER}`].join('\n');
    const findings = scanTextForCredentials(text, 'yaml');
    expect(findings).toHaveLength(2);
    for (const f of findings) {
      expect(f.message).not.toContain(SECRET);
      expect(f.message).not.toContain(OTHER);
    }
  });
});
