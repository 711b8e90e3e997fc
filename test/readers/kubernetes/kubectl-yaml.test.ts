import { describe, expect, it } from 'vitest';
import { kubectlReader } from '../../../src/readers/kubernetes/kubectl-reader.js';
import { ofKind, readWith } from './helpers.js';

/** `kubectl get pods -o yaml`: a List with its items first and its kind last. */
const LIST = `apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: a
    namespace: dev
  spec:
    hostNetwork: true
    containers:
    - name: app
      image: web:2
- apiVersion: v1
  kind: Pod
  metadata:
    name: b
    namespace: dev
  spec:
    containers:
    - name: app
      image: web:2
kind: List
metadata:
  resourceVersion: ""
`;

/** A manifest file: comments, several documents, a Service among them. */
const MANIFESTS = `# generated for tests
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: web:2
        securityContext:
          runAsUser: 0
---
apiVersion: v1
kind: Service
metadata:
  name: web
---
`;

describe('kubectl YAML', () => {
  it('reads a List and points each pod at its item line', async () => {
    const { observations, stats } = await readWith(kubectlReader, LIST, 'pods.yaml');
    const configs = ofKind(observations, 'config');
    expect(configs.map((c) => [c.pod?.name, c.source.line, c.networkMode])).toEqual([
      ['a', 3, 'host'],
      ['b', 13, null],
    ]);
    expect(stats).toMatchObject({ records: 2, skipped: 0 });
  });

  it('reads manifests document by document, in the default namespace', async () => {
    const { observations, stats } = await readWith(kubectlReader, MANIFESTS, 'app.yaml');
    expect(ofKind(observations, 'config')).toEqual([
      expect.objectContaining({
        pod: { namespace: 'default', name: 'web' },
        user: '0',
        notes: ['pod-template'],
        source: { path: 'app.yaml', line: 3 },
      }),
    ]);
    expect(stats).toMatchObject({ records: 2, skipped: 0 });
    expect(stats.warnings).toEqual([
      { message: 'Kubernetes objects read but not analyzed yet: 1 service' },
    ]);
  });

  it.each([
    {
      name: 'a document that is not YAML',
      bad: 'kind: Pod\n  bad: [unclosed\n',
      message: /not YAML/,
    },
    {
      name: 'a document that is a scalar',
      bad: 'just words\n',
      message: /not a Kubernetes object/,
    },
    { name: 'a document with no kind', bad: 'apiVersion: v1\nmetadata: {}\n', message: /no kind/ },
  ])('skips $name and reads the rest', async ({ bad, message }) => {
    const text = `${MANIFESTS}${bad}---\n${LIST}`;
    const { stats } = await readWith(kubectlReader, text, 'mixed.yaml');
    // The Deployment, the Service (counted, not analyzed) and the List's two pods.
    expect(stats).toMatchObject({ records: 4, skipped: 1 });
    const warning = stats.warnings.find((w) => w.line !== undefined);
    expect(warning?.message).toMatch(message);
    expect(warning?.line).toBe(MANIFESTS.split('\n').length);
  });

  it('does not expand a billion laughs', async () => {
    const bomb = [
      'apiVersion: v1',
      'kind: Pod',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '',
    ].join('\n');
    const { stats } = await readWith(kubectlReader, bomb, 'bomb.yaml');
    expect(stats.skipped).toBe(1);
    expect(stats.warnings[0]?.message).toMatch(/not readable/);
  });
});
