// Package consistency: every rule is findable by its id alone (file, doc, test), carries the
// metadata the configs are derived from, and sits in exactly the configs that metadata says.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin, { configs, meta, rules } from '../src/index.js';

const root = join(import.meta.dirname, '..');
const ids = readdirSync(join(root, 'src', 'rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'catalog.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('plugin object', () => {
  it('names itself after the package and uses the gemini-guard namespace', () => {
    expect(meta).toEqual({ name: 'eslint-plugin-gemini-guard', version: pkg.version, namespace: 'gemini-guard' });
    expect(plugin.meta).toBe(meta);
    expect(plugin.configs).toBe(configs);
  });

  it('registers exactly the rule files in src/rules', () => {
    expect(Object.keys(rules).sort()).toEqual(ids);
    expect(ids.length).toBeGreaterThanOrEqual(9);
  });
});

describe.each(ids)('rule %s', (id) => {
  const rule = (rules as Record<string, (typeof rules)[keyof typeof rules]>)[id]!;

  it('has a doc, a test and a docs URL pointing at the doc', () => {
    const doc = readFileSync(join(root, 'docs', 'rules', `${id}.md`), 'utf8');
    expect(doc.startsWith(`# gemini-guard/${id}\n`)).toBe(true);
    expect(doc).toContain('## Examples');
    expect(doc).toContain('## When Not To Use It');
    expect(readdirSync(join(root, 'test', 'rules'))).toContain(`${id}.test.ts`);
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
  });

  it('declares type, description, messages and a closed schema', () => {
    expect(['problem', 'suggestion', 'layout']).toContain(rule.meta.type);
    expect(rule.meta.docs?.description).toMatch(/^[A-Z].*\.$/);
    for (const message of Object.values(rule.meta.messages)) expect(message).toMatch(/[.)]$/);
    const schema = Array.isArray(rule.meta.schema) ? rule.meta.schema : [rule.meta.schema];
    for (const option of schema) {
      if (option && typeof option === 'object' && 'properties' in option) {
        expect(option.additionalProperties).toBe(false);
        for (const property of Object.values(option.properties as Record<string, { description?: string }>)) {
          expect(property.description).toBeTruthy();
        }
      }
    }
  });

  it('sits in the configs its metadata says', () => {
    const name = `gemini-guard/${id}`;
    const level = rule.meta.docs?.recommended;
    expect(configs.recommended.rules?.[name]).toBe(level || undefined);
    expect(configs.strict.rules?.[name]).toBe(level ? 'error' : undefined);
    expect(configs.all.rules?.[name]).toBe('error');
  });
});

describe('configs', () => {
  it('register the plugin itself under its namespace', () => {
    for (const config of [configs.recommended, configs.strict, configs.all]) {
      expect(config.plugins?.['gemini-guard']).toBe(plugin);
    }
  });
});
