// Compiles the data files that sit beside the sources into dist/: the rule
// pack (every rule file, validated, as one pack.json) and the shipped
// settings (defaults.json), so that a run parses no YAML and loads no
// schema library. A broken rule file fails the build here.
import { writeFileSync } from 'node:fs';

const { readRuleFiles } = await import('../dist/detect/pack/files.js');
const { loadPack, COMPILED_PACK } = await import('../dist/detect/pack/load.js');
const { readDefaultsSource, COMPILED_DEFAULTS } = await import('../dist/settings/load.js');

const entries = readRuleFiles('src/detect/rules');
writeFileSync(`dist/detect/rules/${COMPILED_PACK}`, JSON.stringify(entries));
writeFileSync(
  `dist/settings/${COMPILED_DEFAULTS}`,
  JSON.stringify(readDefaultsSource('src/settings/defaults.yaml')),
);

// Every card must meet its logic: loading the compiled pack checks that now.
const { LOGIC } = await import('../dist/detect/registry.js');
loadPack(LOGIC);
console.log(`rule pack: ${entries.length} rules`);
