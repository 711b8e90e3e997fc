import type { Recognizer } from '../reader.js';
import { isAuditEvent, notAuditMessage } from './audit-event.js';
import { jsonHead, PRESENT } from './json-head.js';

/**
 * Kubernetes inputs that are known but not read, each skipped with why.
 * They come after every reader, so they only see what no reader claimed;
 * Kubernetes objects of any kind are the kubectl reader's.
 */

/** `kubectl version -o json|yaml`. Example: {"clientVersion":{"gitVersion":"v1.32.4",…}}. */
const kubectlVersion: Recognizer = {
  id: 'kubectl-version',
  sniff(head) {
    const root = jsonHead(head)?.root;
    if (root) return isPresent(root['clientVersion']) || isPresent(root['serverVersion']);
    return head.text !== null && /^(?:clientVersion|serverVersion):\s*$/m.test(head.text);
  },
  reason: () => 'kubectl version output, not evidence',
};

/**
 * A JSON object with a `kind` but neither an apiVersion nor an audit
 * event's fields, such as `{"kind": 0}`: most likely a damaged or foreign
 * record offered as an audit log.
 */
const notAudit: Recognizer = {
  id: 'k8s-not-audit',
  sniff(head) {
    const shape = jsonHead(head);
    const root = shape?.root;
    if (!root || shape.rootIsArray || !('kind' in root) || 'apiVersion' in root) return false;
    return !isAuditEvent(root);
  },
  reason: (head) => notAuditMessage(jsonHead(head)?.root ?? null),
};

function isPresent(value: unknown): boolean {
  return value === PRESENT || (typeof value === 'object' && value !== null);
}

export const RECOGNIZERS: Recognizer[] = [kubectlVersion, notAudit];
