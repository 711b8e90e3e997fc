import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/detect/engine.js';
import { loadPack } from '../../../src/detect/pack/load.js';
import { matcher } from '../../../src/detect/rule.js';
import { api } from '../../helpers/observations.js';
import { defaultSettings } from '../../helpers/rules.js';

const CARD = `
title: Test rule
severity: medium
confidence: 0.5
attack: [T1609]
dataSources: [audit log]
goal: Test.
strategy: Test.
blindSpots: [none]
falsePositives: [none]
validation: { positive: [a], negative: [b] }
response: ["Look at {entity} ({user})."]
`;

function packDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stowaway-pack-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const DATA_RULE = `id: k8s-test
${CARD}
kinds: [api]
when:
  all:
    - { field: verb, equals: create }
    - { field: requestObject.roleRef.name, equals: cluster-admin }
requires:
  field: requestObject
  scope: { field: resource, equals: clusterrolebindings }
  reason: audit level Metadata carries no request body
emit:
  summary: "{user} bound {requestObject.subjects.name} to cluster-admin"
  subject: actor
  key: "{name}"
  escalate:
    - when: { field: requestObject.subjects.name, equals: system:anonymous }
      severity: critical
`;

function run(dir: string, observations: ReturnType<typeof api>[]) {
  const engine = new Engine(loadPack([], dir), defaultSettings());
  for (const obs of observations) engine.observe(obs);
  return engine.finish();
}

const binding = (subject: string, body = true) =>
  api({
    verb: 'create',
    resource: 'clusterrolebindings',
    name: 'b1',
    user: 'alice',
    requestObject: body
      ? { roleRef: { name: 'cluster-admin' }, subjects: [{ name: subject }] }
      : null,
  });

describe('data rules', () => {
  const dir = packDir({ 'kubernetes/k8s-test.yaml': DATA_RULE });

  it('reports a match with its summary, subject, key and escalation', () => {
    const { hits } = run(dir, [binding('bob'), binding('system:anonymous')]);
    expect(hits.map((h) => h.hit.summary)).toEqual([
      'alice bound bob to cluster-admin',
      'alice bound system:anonymous to cluster-admin',
    ]);
    expect(hits[0]!.hit).toMatchObject({ subject: { identity: 'alice' }, key: 'b1' });
    expect(hits.map((h) => h.hit.severity)).toEqual([undefined, 'critical']);
    expect(hits[0]!.hit.vars).toMatchObject({ user: 'alice' });
  });

  it('counts a body it needs and does not have as not evaluable', () => {
    const { hits, notEvaluable } = run(dir, [binding('bob', false), binding('eve', false)]);
    expect(hits).toEqual([]);
    expect(notEvaluable).toEqual([
      {
        rule: 'k8s-test',
        path: 'audit.log',
        count: 2,
        reason: 'audit level Metadata carries no request body',
      },
    ]);
  });
});

describe('the pack loader', () => {
  it.each([
    ['a file named after another id', { 'x/other.yaml': DATA_RULE }, /name it k8s-test.yaml/],
    ['a card without logic', { 'x/k8s-lone.yaml': `id: k8s-lone\n${CARD}` }, /no logic registered/],
    ['a bad severity', { 'x/k8s-test.yaml': DATA_RULE.replace('medium', 'severe') }, /severity/],
    ['a bad ATT&CK id', { 'x/k8s-test.yaml': DATA_RULE.replace('T1609', 'TA0001') }, /ATT&CK/],
    [
      'a test with two operators',
      { 'x/k8s-test.yaml': DATA_RULE.replace('equals: create', 'equals: create, in: [a]') },
      /exactly one operator/,
    ],
    [
      'a data rule without emit',
      { 'x/k8s-test.yaml': DATA_RULE.slice(0, DATA_RULE.indexOf('requires:')) },
      /kinds, when and emit together/,
    ],
  ])('refuses %s, naming the file', (_, files, message) => {
    expect(() => loadPack([], packDir(files))).toThrow(message);
  });

  it('joins a card to its logic, and refuses logic without a card', () => {
    const logic = matcher('k8s-lone', ['api'], () => null);
    const dir = packDir({ 'x/k8s-lone.yaml': `id: k8s-lone\n${CARD}` });
    expect(loadPack([logic], dir).map((r) => [r.card.id, r.kinds])).toEqual([
      ['k8s-lone', ['api']],
    ]);
    expect(() => loadPack([logic, matcher('k8s-orphan', ['api'], () => null)], dir)).toThrow(
      /'k8s-orphan' has no rule file/,
    );
  });
});
