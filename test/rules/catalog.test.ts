import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { RULE_CATALOG } from '../../src/rules/catalog.js';

// The catalog is generated from the rules' sources (npm run generate) so that the scanner can know
// the rules without loading them; here it is checked against the rules as they load.
describe('rule catalog', () => {
  it('names every rule of the plugin, and nothing else', () => {
    expect(Object.keys(RULE_CATALOG).sort()).toEqual(Object.keys(plugin.rules).sort());
  });

  it('gives each rule the level its meta.docs.recommended gives, as configs.recommended has it', () => {
    for (const [id, rule] of Object.entries(plugin.rules)) {
      expect(RULE_CATALOG[id as keyof typeof RULE_CATALOG].recommended, id).toBe(rule.meta.docs?.recommended ?? false);
      expect(plugin.configs.recommended.rules?.[`gemini-guard/${id}`], id).toBe(rule.meta.docs?.recommended);
    }
  });
});
