import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { Observation } from '../../model/observation.js';
import { NotThisFormat, type ReadContext, type Reader } from '../reader.js';
import { jsonLines } from '../shared/json-records.js';
import { jsonHead } from './json-head.js';
import { jsonValues } from './json-values.js';
import { kubeHead, type KubeHead } from './kube-head.js';
import {
  isReadableKind,
  newTally,
  notAnalyzedReason,
  objectObservations,
  type ObjectTally,
} from './kube-objects.js';
import { yamlDocuments } from './yaml-documents.js';

/**
 * `kubectl get pods|events -o json|yaml` exports (and their `-w` watch
 * streams), workload manifests, and `podman generate kube` output: pods and
 * pod templates become `config` observations (one per container), Events
 * become `lifecycle` observations.
 */
export const kubectlReader: Reader = {
  id: 'kubectl',
  description:
    'kubectl get pods/events/workloads -o json or -o yaml (List, PodList, EventList, ' +
    'manifests, podman generate kube)',
  exportCommand: 'kubectl get pods,events -A -o json > cluster.json',
  sniff: (head) => claims(kubeHead(head)),
  async *read(content, ctx, head) {
    const tally = newTally();
    const format = kubeHead(head)?.format ?? 'json';
    if (format === 'yaml') yield* fromYaml(content, ctx, tally);
    else yield* fromJson(content, ctx, head, tally);
    finish(tally, ctx);
  },
};

/** Claims inputs whose objects it reads, and lists whose item kinds the head does not show. */
export function claims(found: KubeHead | null): boolean {
  if (found === null) return false;
  if (found.kinds.some(isReadableKind)) return true;
  return found.kinds.length === 0 && found.list !== null && isReadableKind(found.list);
}

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
 * Objects of kinds not analyzed are said once, by kind; an input holding
 * nothing else is not this reader's after all.
 * Example: "not analyzed: 2 Service, 1 ConfigMap".
 */
function finish(tally: ObjectTally, ctx: ReadContext): void {
  if (tally.other.size === 0) return;
  const kinds = [...tally.other.keys()].sort();
  if (tally.read === 0) {
    throw new NotThisFormat(notAnalyzedReason(kinds.length === 1 ? kinds[0]! : 'objects', kinds));
  }
  const counts = kinds.map((kind) => `${tally.other.get(kind)} ${kind}`).join(', ');
  ctx.warn(null, `not analyzed: ${counts}`);
}
