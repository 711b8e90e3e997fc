import type { Head } from '../../evidence/open.js';
import { str } from '../../util/text.js';
import { isAuditApiVersion } from './audit-event.js';
import { jsonHead, PRESENT } from './json-head.js';

/**
 * What the head of an input shows of the Kubernetes objects in it, JSON or
 * YAML: the kinds of its objects (of a list's items when it is a list) and
 * the list's own kind. Only inputs with an `apiVersion` qualify, so that
 * other JSON and YAML (container inspect arrays, compose files) never do.
 * Example: `kubectl get pods -o yaml` → { kinds: ["Pod"], list: "List" }.
 */
export interface KubeHead {
  format: 'json' | 'yaml';
  /** Kinds of the objects, or of the first items of a list; may be empty. */
  kinds: string[];
  /** The list's kind ("List", "PodList", …), or null for plain objects. */
  list: string | null;
}

export function kubeHead(head: Head): KubeHead | null {
  const text = head.text;
  if (text === null) return null;
  const start = text.search(/\S/);
  if (start < 0) return null;
  if (text[start] === '{' || text[start] === '[') return jsonKubeHead(head);
  return yamlKubeHead(text);
}

function jsonKubeHead(head: Head): KubeHead | null {
  const shape = jsonHead(head);
  if (shape === null) return null;
  const { root, first } = shape;
  if (shape.rootIsArray) {
    const kind = first !== null && isKubeObject(first) ? str(first['kind']) : null;
    return kind === null ? null : { format: 'json', kinds: [kind], list: 'List' };
  }
  if (root === null || !isApiVersion(root['apiVersion'])) return null;
  const kind = str(root['kind']);
  const hasItems = root['items'] === PRESENT || Array.isArray(root['items']);
  if (kind !== null && !kind.endsWith('List')) return { format: 'json', kinds: [kind], list: null };
  if (kind === null && !hasItems) return null;
  if (kind !== null && kind !== 'List') {
    return { format: 'json', kinds: [kind.slice(0, -4)], list: kind };
  }
  const itemKind = str(first?.['kind']);
  return { format: 'json', kinds: itemKind === null ? [] : [itemKind], list: 'List' };
}

function isKubeObject(value: Record<string, unknown>): boolean {
  return isApiVersion(value['apiVersion']) && str(value['kind']) !== null;
}

/**
 * Example: "v1", "apps/v1", "batch/v1beta1". Written so that matching stays
 * linear on a hostile value (no two adjacent repeats can share characters).
 */
const API_VERSION = /^(?:[\w.-]+\/)?v\d+(?:(?:alpha|beta)\d+)?$/;

/** Not audit.k8s.io, whose Events are audit records. */
function isApiVersion(value: unknown): boolean {
  return typeof value === 'string' && API_VERSION.test(value) && !isAuditApiVersion(value);
}

/** `apiVersion:` at the top of a document, or of a list item (`- apiVersion:`). */
const YAML_API_VERSION = /^(?:- |  )?apiVersion:[ \t]*["']?([\w./-]+)["']?[ \t]*$/gm;
/** `kind:` of a document (column 0) and of a list's items (indented by two). */
const YAML_KIND = /^(- |  )?kind:[ \t]*["']?([A-Za-z]+)["']?[ \t]*$/gm;

function yamlKubeHead(text: string): KubeHead | null {
  const versions = [...text.matchAll(YAML_API_VERSION)];
  if (!versions.some((m) => API_VERSION.test(m[1]!))) return null;
  const top: string[] = [];
  const items: string[] = [];
  for (const m of text.matchAll(YAML_KIND)) (m[1] ? items : top).push(m[2]!);
  const list = top.find((k) => k.endsWith('List')) ?? (/^items:/m.test(text) ? 'List' : null);
  if (list === null) return top.length > 0 ? { format: 'yaml', kinds: unique(top), list } : null;
  const kinds = list === 'List' ? unique(items) : [list.slice(0, -4)];
  return { format: 'yaml', kinds, list };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
