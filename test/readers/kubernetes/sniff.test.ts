import { describe, expect, it } from 'vitest';
import { scanHead, PRESENT } from '../../../src/readers/kubernetes/json-head.js';
import { identify, jsonl } from './helpers.js';

const auditEvent = {
  auditID: 'a1',
  stage: 'ResponseComplete',
  verb: 'get',
  requestURI: '/api/v1/pods',
  stageTimestamp: '2024-03-01T10:00:00Z',
};
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', annotations: { note: 'x'.repeat(200) } },
  spec: { containers: [{ name: 'c', image: 'i' }] },
};
/** Pads a list past the 64 KiB head, so that sniffing sees only its start. */
const many = <T>(item: T): T[] => Array.from({ length: 400 }, () => item);

/** A GKE Cloud Logging entry of a Kubernetes request. */
const gkeEntry = {
  insertId: 'e1',
  timestamp: '2024-03-01T10:20:00.140907Z',
  protoPayload: {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    serviceName: 'k8s.io',
    methodName: 'io.k8s.core.v1.pods.create',
    resourceName: 'core/v1/namespaces/dev/pods/web',
  },
};

describe('sniffing: who claims what', () => {
  it.each([
    { name: 'audit JSON lines', text: jsonl(auditEvent, auditEvent), want: 'k8s-audit' },
    {
      name: 'an audit event without apiVersion',
      text: JSON.stringify(auditEvent, null, 2),
      want: 'k8s-audit',
    },
    { name: 'an audit array', text: JSON.stringify([auditEvent]), want: 'k8s-audit' },
    {
      name: 'an audit EventList',
      text: JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [] }),
      want: 'k8s-audit',
    },
    {
      name: 'an AKS export',
      text: JSON.stringify({
        records: [{ category: 'kube-audit', properties: { log: JSON.stringify(auditEvent) } }],
      }),
      want: 'k8s-audit',
    },
    {
      name: 'a big AKS export (head cut mid-record)',
      text: JSON.stringify(
        { records: many({ category: 'kube-audit', properties: { log: '{}' } }) },
        null,
        1,
      ),
      want: 'k8s-audit',
    },
    {
      name: 'an audit log whose first line was cut',
      text: `ResponseComplete"}\n${jsonl(auditEvent)}`,
      want: 'k8s-audit',
    },
    {
      name: 'audit lines whose first line is no event',
      text: jsonl({ kind: 0 }, auditEvent),
      want: 'k8s-audit',
    },
    {
      name: 'an array with one event a line',
      text: `[\n${JSON.stringify(auditEvent)},\n${JSON.stringify(auditEvent)}\n]\n`,
      want: 'k8s-audit',
    },
    { name: 'a Pod', text: JSON.stringify(pod, null, 2), want: 'kubectl' },
    {
      name: 'a core EventList',
      text: JSON.stringify({ apiVersion: 'v1', kind: 'EventList', items: [] }),
      want: 'kubectl',
    },
    {
      name: 'a big kubectl List (kind after the items)',
      text: JSON.stringify({ apiVersion: 'v1', items: many(pod), kind: 'List' }, null, 4),
      want: 'kubectl',
    },
    {
      name: 'a big PodList (kind first)',
      text: JSON.stringify({ kind: 'PodList', apiVersion: 'v1', items: many(pod) }, null, 2),
      want: 'kubectl',
    },
    { name: 'pods as JSON lines', text: jsonl(pod, pod), want: 'kubectl' },
    {
      name: 'a pod YAML',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n',
      want: 'kubectl',
    },
    {
      name: 'podman generate kube',
      text: '# Created with podman-4.3.1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n',
      want: 'kubectl',
    },
    {
      name: 'a YAML List',
      text: 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {}\nkind: List\n',
      want: 'kubectl',
    },
    {
      name: 'a NodeList',
      text: JSON.stringify({ apiVersion: 'v1', kind: 'NodeList', items: [{ metadata: {} }] }),
      want: 'kubectl',
    },
    {
      name: 'a List of nodes',
      text: JSON.stringify({
        apiVersion: 'v1',
        items: [{ apiVersion: 'v1', kind: 'Node' }],
        kind: 'List',
      }),
      want: 'kubectl',
    },
    {
      name: 'a Secret',
      text: JSON.stringify({ kind: 'Secret', apiVersion: 'v1', data: {} }),
      want: 'kubectl',
    },
    {
      name: 'a Service in YAML',
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n',
      want: 'kubectl',
    },
    {
      name: 'a GKE Cloud Logging array',
      text: JSON.stringify([gkeEntry], null, 2),
      want: 'k8s-audit',
    },
    { name: 'GKE entries one a line', text: jsonl(gkeEntry), want: 'k8s-audit' },
    {
      name: 'a GKE export larger than the head',
      text: JSON.stringify([gkeEntry, { padding: 'x'.repeat(70_000) }], null, 2),
      want: 'k8s-audit',
    },
    {
      name: 'aws logs filter-log-events output',
      text: JSON.stringify({
        events: [{ timestamp: 1709288400140, message: JSON.stringify(auditEvent) }],
        searchedLogStreams: [],
      }),
      want: 'k8s-audit',
    },
    {
      name: 'CloudWatch Logs Insights lines',
      text: jsonl({
        '@timestamp': '2024-03-01 10:20:00.140',
        '@message': JSON.stringify(auditEvent),
      }),
      want: 'k8s-audit',
    },
    {
      name: 'kubectl events whose message quotes an audit ID',
      text: JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [{ apiVersion: 'v1', kind: 'Event', message: 'saw "auditID": "x"' }],
      }),
      want: 'kubectl',
    },
    {
      name: 'CloudWatch events of another log',
      text: JSON.stringify({ events: [{ timestamp: 1, message: 'I0301 apiserver started' }] }),
      want: 'unknown',
    },
  ])('$name → $want', ({ text, want }) => {
    expect(identify(text)).toBe(want);
  });

  it.each([
    {
      name: 'kubectl version',
      text: JSON.stringify({
        clientVersion: { major: '1', gitVersion: 'v1.32.4' },
        kustomizeVersion: 'v5',
      }),
      want: 'skip:kubectl version output, not evidence',
    },
    {
      name: 'kubectl version in YAML',
      text: 'clientVersion:\n  gitVersion: v1.32.4\nkustomizeVersion: v5.5.0\n',
      want: 'skip:kubectl version output, not evidence',
    },
    {
      name: 'a JSON object whose kind is a number',
      text: '{"kind": 0}',
      want: 'skip:not a Kubernetes audit event ("kind": 0; no auditID, verb or requestURI)',
    },
  ])('$name is recognized and skipped with its reason', ({ text, want }) => {
    expect(identify(text)).toBe(want);
  });

  it.each([
    {
      name: 'a docker inspect array',
      text: JSON.stringify([{ Id: 'abc', Config: { Image: 'x' } }], null, 2),
    },
    { name: 'docker events lines', text: jsonl({ Type: 'container', Action: 'start', id: 'abc' }) },
    { name: 'a compose file', text: 'services:\n  web:\n    image: nginx\n' },
    { name: 'a YAML with kind but no apiVersion', text: 'kind: Pod\nname: x\n' },
    { name: 'an empty file', text: '' },
    { name: 'plain text', text: 'hello\n' },
  ])('$name is left to others', ({ text }) => {
    expect(identify(text)).toBe('unknown');
  });
});

describe('sniffing: a head cut mid-document', () => {
  it('rebuilds the root and the first item of a list', () => {
    const text = '{"apiVersion": "v1", "items": [{"kind": "Pod", "metadata": {"kind": "x"}}, {"kin';
    expect(scanHead(text)).toEqual({
      lines: false,
      root: { apiVersion: 'v1', items: PRESENT },
      rootIsArray: false,
      first: { kind: 'Pod', metadata: PRESENT },
    });
  });

  it('ignores braces and quotes inside strings', () => {
    const text = '[{"note": "a \\"}{[\\" b", "auditID": "x", "verb": "get"}, {"x';
    expect(scanHead(text).first).toEqual({ note: 'a "}{[" b', auditID: 'x', verb: 'get' });
  });

  it('survives a head that ends inside a string', () => {
    const head = scanHead('{"kind": "Po');
    expect(head).toEqual({
      lines: false,
      root: { kind: PRESENT },
      rootIsArray: false,
      first: null,
    });
  });
});
