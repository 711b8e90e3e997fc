// Copies the data files that sit beside the sources (rule files, shipped
// settings) into dist/, where the compiled code looks for them.
import { cpSync, statSync } from 'node:fs';

cpSync('src', 'dist', {
  recursive: true,
  filter: (path) => statSync(path).isDirectory() || path.endsWith('.yaml'),
});
