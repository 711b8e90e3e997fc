import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { Observation } from '../../model/observation.js';
import type { ReadContext, Reader } from '../reader.js';
import { jsonLines } from '../shared/json-records.js';
import { jsonHead } from './json-head.js';
import { jsonValues } from './json-values.js';
import { kubeHead } from './kube-head.js';
import { newTally, notAnalyzedNote, objectObservations, type ObjectTally } from './kube-objects.js';
import { yamlDocuments } from './yaml-documents.js';

/**
 * `kubectl get … -o json|yaml` exports (and their `-w` watch streams),
 * manifests, and `podman generate kube` output: pods and pod templates
 * become `config` observations (one per container), Events become
 * `lifecycle` observations, and objects of other kinds (Nodes, Services,
 * Roles, …) are counted as records read.
 */
export const kubectlReader: Reader = {
  id: 'kubectl',
  description:
    'kubectl get pods/events/workloads -o json or -o yaml (List, PodList, EventList, ' +
    'manifests, podman generate kube)',
  exportCommand: 'kubectl get pods,events -A -o json > cluster.json',
  sniff: (head) => kubeHead(head) !== null,
  async *read(content, ctx, head) {
    const tally = newTally();
    const format = kubeHead(head)?.format ?? 'json';
    if (format === 'yaml') yield* fromYaml(content, ctx, tally);
    else yield* fromJson(content, ctx, head, tally);
    finish(tally, ctx);
  },
};

async function* fromJson(
  content: Readable,
  ctx: ReadContext,
  head: Head,
  tally: ObjectTally,
): AsyncGenerator<Observation> {
  if (jsonHead(head)?.lines) {
    for await (const record of jsonLines(content, ctx)) {
      yield* objectObservations(record.value, { line: record.line }, ctx, tally);
    }
    return;
  }
  for await (const found of jsonValues(content, ctx)) {
    yield* objectObservations(found.value, found.place, ctx, tally);
  }
}

async function* fromYaml(
  content: Readable,
  ctx: ReadContext,
  tally: ObjectTally,
): AsyncGenerator<Observation> {
  for await (const doc of yamlDocuments(content, ctx)) {
    yield* objectObservations(doc.value, doc.place, ctx, tally);
  }
}

/**
 * Objects of kinds not analyzed are said once, by kind, so that a NodeList
 * read to no observation is not mistaken for an empty one.
 */
function finish(tally: ObjectTally, ctx: ReadContext): void {
  if (tally.other.size > 0) ctx.warn(null, notAnalyzedNote(tally));
}
