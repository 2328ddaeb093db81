import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { buildFlatConfigs, type ConfigName } from './configs/index.js';
import { rules } from './rules/index.js';

// by the package's own name (its exports list package.json): the same from dist/, from src/, or bundled elsewhere
const pkg = createRequire(import.meta.url)('eslint-plugin-gemini-guard/package.json') as { name: string; version: string };

/** The namespace users write in front of rule ids: `gemini-guard/<rule-id>`. */
export const namespace = 'gemini-guard';

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};

// Configs refer to the plugin object itself, so they are attached after it exists.
Object.assign(plugin.configs, buildFlatConfigs(namespace, plugin as unknown as TSESLint.FlatConfig.Plugin, rules));

// Named exports mirror the default export, so tools that load the module namespace (for example
// `require()` of this ES module) see the same plugin shape.
export const { meta, configs } = plugin;
export { rules };
export default plugin;
