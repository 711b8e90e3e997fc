import { describe, expect, it } from 'vitest';
import type { RawHit } from '../../src/detect/engine.js';
import type { AdsCard } from '../../src/detect/rule.js';
import { EntityResolver } from '../../src/entities/resolver.js';
import { buildFindings } from '../../src/findings/build.js';
import { rank } from '../../src/findings/rank.js';
import type { Severity } from '../../src/model/severity.js';

function card(id: string, severity: Severity): AdsCard {
  return {
    id,
    title: id,
    severity,
    confidence: 0.8,
    attack: ['T1611'],
    dataSources: [],
    goal: '',
    strategy: '',
    blindSpots: [],
    falsePositives: [],
    validation: { positive: [], negative: [] },
    response: ['stop {entity} ({path})'],
  };
}

function hit(
  rule: string,
  severity: Severity,
  container: string,
  line: number,
  time: string | null,
): RawHit {
  return {
    card: card(rule, severity),
    kinds: rule.startsWith('img') ? ['image-file'] : ['config'],
    hit: {
      subject: rule.startsWith('img')
        ? { imageId: `sha256:${'ab'.repeat(32)}` }
        : { containerName: container },
      summary: `${rule} on ${container}`,
      evidence: [{ path: 'e.json', line }],
      key: rule.endsWith('x') ? String(line) : '',
      vars: { path: `/p${line}` },
    },
    time,
    ts: time ? Date.parse(time) : null,
  };
}

const HITS: RawHit[] = [
  hit('privileged', 'high', 'ghost', 3, '2026-01-01T00:00:03Z'),
  hit('caps', 'medium', 'caps', 7, '2026-01-01T00:00:01Z'),
  hit('exec', 'medium', 'ghost', 9, '2026-01-01T00:00:09Z'),
  hit('execx', 'medium', 'web', 11, '2026-01-01T00:00:02Z'),
  hit('execx', 'medium', 'web', 12, null),
  hit('img-preload', 'critical', 'ghost', 1, null),
  hit('mount', 'low', 'web', 5, '2026-01-01T00:00:05Z'),
];

function ranked(hits: RawHit[]) {
  const resolver = new EntityResolver();
  resolver.learn({ containerName: 'ghost', imageId: `sha256:${'ab'.repeat(32)}` }, 'inspect');
  for (const name of ['caps', 'web']) resolver.learn({ containerName: name }, 'inspect');
  const entities = resolver.describe(hits.map((h) => resolver.resolve(h.hit.subject)));
  const findings = buildFindings(hits, resolver, (id) => entities.get(id)?.names[0] ?? id);
  return rank(findings, entities);
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('rank', () => {
  it('orders findings and entities the same whatever order hits arrive in', () => {
    const want = ranked(HITS);
    for (let seed = 1; seed <= 20; seed++) {
      const got = ranked(shuffled(HITS, seed));
      expect(got.findings.map((f) => f.id)).toEqual(want.findings.map((f) => f.id));
      expect(got.entities.map((e) => e.id)).toEqual(want.entities.map((e) => e.id));
    }
  });

  it('ranks the container that inherits its image findings first', () => {
    const { entities, findings } = ranked(HITS);
    expect(entities[0]!.names[0]).toBe('ghost');
    expect(entities[0]!.score).toBeGreaterThan(entities.find((e) => e.kind === 'image')!.score);
    expect(findings[0]!.entity).toBe(entities[0]!.id);
  });

  it('keeps separate keys apart and merges evidence of one key', () => {
    const { findings } = ranked(HITS);
    const web = findings.filter((f) => f.rule === 'execx');
    expect(web).toHaveLength(2);
    const twice = ranked([...HITS, hit('privileged', 'high', 'ghost', 4, '2026-01-01T00:00:00Z')]);
    const priv = twice.findings.find((f) => f.rule === 'privileged')!;
    expect(priv.evidence).toEqual([
      { path: 'e.json', line: 3 },
      { path: 'e.json', line: 4 },
    ]);
    expect(priv.time).toEqual({ first: '2026-01-01T00:00:00Z', last: '2026-01-01T00:00:03Z' });
    expect(priv.response).toEqual(['stop ghost (/p3)']);
  });
});
