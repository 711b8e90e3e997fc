import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/detect/registry.js';
import type { Rule } from '../../src/detect/rule.js';
import { testRule } from '../../src/detect/selftest.js';

/** An inspect export of one container with the given host binds. */
function inspect(binds: string[]): string {
  return JSON.stringify([
    {
      Id: 'f'.repeat(64),
      Name: '/agent',
      Config: { Image: 'example/agent:1.0', Cmd: ['run'] },
      State: { Status: 'running', StartedAt: '2026-01-02T03:04:05Z' },
      HostConfig: { Binds: binds, Privileged: false },
    },
  ]);
}

function withFixtures(files: Record<string, string>, positive: string[], negative: string[]) {
  const root = mkdtempSync(join(tmpdir(), 'stowaway-selftest-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const base = findRule('container-runtime-socket-mount')!;
  const rule: Rule = { ...base, card: { ...base.card, validation: { positive, negative } } };
  return { root, rule };
}

describe('rules test', () => {
  it('passes a rule that fires on its positive and not on its negative', async () => {
    const { root, rule } = withFixtures(
      {
        'p.json': inspect(['/var/run/docker.sock:/var/run/docker.sock']),
        'n.json': inspect(['/srv/data:/data']),
      },
      ['p.json'],
      ['n.json'],
    );
    const results = await testRule(rule, root);
    expect(results.map((r) => [r.expect, r.hits, r.problem])).toEqual([
      ['positive', 1, undefined],
      ['negative', 0, undefined],
    ]);
  });

  it('fails the fixtures that do not behave, saying why', async () => {
    const { root, rule } = withFixtures(
      {
        'p.json': inspect(['/srv/data:/data']),
        'n.json': inspect(['/run/docker.sock:/var/run/docker.sock']),
        'junk.bin': '\u0000\u0001\u0002',
      },
      ['p.json', 'missing.json', 'junk.bin'],
      ['n.json'],
    );
    const problems = (await testRule(rule, root)).map((r) => r.problem);
    expect(problems).toEqual([
      'rule did not fire',
      'fixture not found',
      'no reader recognized the fixture',
      expect.stringMatching(/^rule fired: agent .*docker\.sock/),
    ]);
  });

  it('applies a stowaway.yaml inside a folder fixture and does not read it as evidence', async () => {
    const { root, rule } = withFixtures(
      {
        'p/inspect.json': inspect(['/opt/agent.sock:/agent.sock']),
        'p/stowaway.yaml': 'lists:\n  runtime-sockets: [/opt/agent.sock]\n',
        'n/inspect.json': inspect(['/opt/agent.sock:/agent.sock']),
      },
      ['p'],
      ['n'],
    );
    const results = await testRule(rule, root);
    expect(results.map((r) => r.problem)).toEqual([undefined, undefined]);
  });

  it('fails a fixture with records it cannot read', async () => {
    const exec = JSON.stringify({
      Type: 'container',
      Action: 'exec_start: sh',
      Actor: { ID: 'c'.repeat(64), Attributes: { name: 'web', image: 'nginx' } },
      time: 1767322800,
      timeNano: 1767322800000000000,
    });
    const root = mkdtempSync(join(tmpdir(), 'stowaway-selftest-'));
    writeFileSync(join(root, 'events.ndjson'), `${exec}\n{"Type": "contai\n`);
    const base = findRule('container-exec')!;
    const validation = { positive: ['events.ndjson'], negative: ['events.ndjson'] };
    const rule: Rule = { ...base, card: { ...base.card, validation } };
    const problems = (await testRule(rule, root)).map((r) => r.problem);
    expect(problems).toEqual([
      '1 records of the fixture could not be read',
      '1 records of the fixture could not be read',
    ]);
  });
});
