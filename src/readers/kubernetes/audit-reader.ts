import type { Head } from '../../evidence/open.js';
import type { Observation } from '../../model/observation.js';
import { obj } from '../../util/text.js';
import { NotThisFormat, type Reader } from '../reader.js';
import {
  apiObservation,
  eventTime,
  isAuditApiVersion,
  isAuditEvent,
  notAuditMessage,
} from './audit-event.js';
import { auditPodConfigs } from './audit-pods.js';
import { auditCandidates, isAksAuditRecord } from './audit-records.js';
import { RequestGroups, type Request } from './audit-requests.js';
import { headLines, isAuditLine, layoutOf } from './audit-layout.js';
import { isCloudAuditHead } from './cloud-exports.js';
import { jsonHead } from './json-head.js';

/**
 * The Kubernetes API server's audit log, and the cloud exports that carry it
 * (GKE Cloud Logging; EKS CloudWatch and its S3 exports; AKS diagnostics, from
 * Event Hubs or storage-account archives). Each request becomes
 * one `api` observation however many stages it was logged at; a write of a
 * pod or workload whose body was logged also becomes `config` observations
 * of its containers. Every event counts as a record.
 */
export const auditReader: Reader = {
  id: 'k8s-audit',
  description:
    'Kubernetes API-server audit log (audit.k8s.io v1/v1beta1: JSON lines, arrays, ' +
    'EventList; GKE Cloud Logging, EKS CloudWatch and S3, AKS diagnostic exports and archives)',
  exportCommand:
    'kube-apiserver --audit-log-path=/var/log/kubernetes/audit.log --audit-policy-file=policy.yaml',
  sniff: sniffAudit,
  async *read(content, ctx, head) {
    // Records that are no events wait until an event shows the input is an
    // audit log after all; with none, the whole input is not one.
    const pending: [number, string][] = [];
    let events = 0;
    const groups = new RequestGroups();
    const lines = layoutOf(head) === 'lines';
    for await (const batch of auditCandidates(content, ctx, lines)) {
      const out: Observation[] = [];
      for (const found of batch) {
        const event = obj(found.value);
        if (event === null || !isAuditEvent(event)) {
          const message = notAuditMessage(found.value);
          if (events === 0 && pending.length < MAX_PENDING) pending.push([found.line, message]);
          else ctx.skip(found.line, message);
          continue;
        }
        if (events === 0) for (const [line, message] of pending.splice(0)) ctx.skip(line, message);
        events += 1;
        ctx.record();
        for (const request of groups.add(event, found)) observationsOf(request, ctx.path, out);
      }
      if (out.length > 0) yield out;
    }
    const rest: Observation[] = [];
    for (const request of groups.drain()) observationsOf(request, ctx.path, rest);
    if (rest.length > 0) yield rest;
    if (events === 0) {
      throw new NotThisFormat(pending[0]?.[1] ?? 'JSON that holds no Kubernetes audit event');
    }
  },
};

/** How many non-events are held back before they are reported anyway. */
const MAX_PENDING = 1000;

function sniffAudit(head: Head): boolean {
  const layout = layoutOf(head);
  if (layout === null) return false;
  if (layout === 'lines' && headLines(head).some(isAuditLine)) return true;
  if (isCloudAuditHead(head)) return true;
  const shape = jsonHead(head);
  if (shape === null) return false;
  const { root, first } = shape;
  if (root !== null && isAuditEvent(root)) return true;
  if (first !== null && isAuditEvent(first)) return true;
  if (root !== null && isAuditApiVersion(root['apiVersion']) && root['kind'] === 'EventList') {
    return true;
  }
  return isAksAuditRecord(first) || (layout === 'lines' && isAksAuditRecord(root));
}

/** Appends the observations one request gives: its `api` call, and any containers it writes. */
function observationsOf(request: Request, path: string, out: Observation[]): void {
  const time = eventTime(request.event, request.fallbackTime);
  const source = { path, line: request.line };
  const api = apiObservation(request.event, source, time, request.stages);
  if (request.duplicate) api.notes = [...(api.notes ?? []), 'duplicate-audit-id'];
  out.push(api);
  for (const config of auditPodConfigs(request.event, api, time)) out.push(config);
}
