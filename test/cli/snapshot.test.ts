import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, runCli } from '../helpers/cli.js';

// Relative paths, as a user types them: the table wraps long paths, so an
// absolute checkout path would change the layout from one machine to another.
const DEMO = relative(process.cwd(), join(PROJECT, 'fixtures/demo'));
const INTEL = relative(process.cwd(), join(PROJECT, 'fixtures/intel/demo-blocklist.txt'));

describe('output snapshots (change only on purpose: vitest -u)', () => {
  it.each([
    { name: 'table report of the demo', args: ['analyze', DEMO, '--intel', INTEL] },
    { name: 'high and above only', args: ['analyze', DEMO, '--min-severity', 'high'] },
    { name: 'rules list', args: ['rules', 'list'] },
  ])('$name', async ({ args }) => {
    const result = await runCli(args);
    expect({
      code: result.code,
      stdout: result.stdout,
      stderr: result.stderr,
    }).toMatchSnapshot();
  });
});
