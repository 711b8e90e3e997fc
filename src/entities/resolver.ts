import type { Observation } from '../model/observation.js';
import { subjectOf, type Subject } from '../model/subject.js';
import { keysOf } from './keys.js';
import { UnionFind } from './union-find.js';

/**
 * Where findings go whose evidence names no container, pod, image or
 * address: a log file exported without the container's name, say.
 */
export const UNATTRIBUTED = 'container:unattributed';

export type EntityKind = 'container' | 'pod' | 'image' | 'node' | 'identity' | 'address';

export interface Entity {
  id: string;
  kind: EntityKind;
  names: string[];
  /** Input formats that mention the entity. Example: ["podman-inspect", "image-archive"]. */
  sources: string[];
  /** Entities this one depends on, e.g. the image a container runs. */
  related: string[];
}

/**
 * Joins the names containers, pods and images are known by across sources,
 * so that findings from an inspect, an event stream and an image archive land
 * on one entity. Fed every observation as it streams; asked afterwards.
 */
export class EntityResolver {
  private readonly workloads = new UnionFind();
  private readonly images = new UnionFind();
  private readonly formats = new Map<string, Set<string>>();
  private readonly relations = new Set<string>();
  private readonly owners = new Map<string, Set<string>>();

  observe(obs: Observation, format: string): void {
    // Flows name addresses, not workloads; they join at lookup time.
    if (obs.kind === 'flow') return;
    this.learn(subjectOf(obs), format);
  }

  learn(subject: Subject, format: string | null): void {
    const keys = keysOf(subject);
    this.join(this.workloads, keys.workload, format);
    if (keys.nameOfId) this.nameId(keys.nameOfId, keys.workload[0]!);
    this.join(this.images, keys.image, format);
    const w = keys.workload[0];
    const i = keys.image[0];
    if (w && i) this.relations.add(`${w}\u0000${i}`);
    if (w) for (const address of keys.addresses) this.own(address, w);
  }

  /** The entity a subject belongs to, as an id. Example: "container:4e4aaba029bc". */
  resolve(subject: Subject): string {
    this.settle();
    const keys = keysOf(subject);
    if (keys.workload.length > 0) {
      this.join(this.workloads, keys.workload, null);
      return this.workloadId(this.workloads.find(keys.workload[0]!));
    }
    if (keys.image.length > 0) {
      this.join(this.images, keys.image, null);
      return this.imageId(this.images.find(keys.image[0]!));
    }
    for (const address of keys.addresses) {
      const owner = this.ownerOf(address);
      if (owner) return owner;
    }
    if (keys.addresses[0]) return `address:${keys.addresses[0]}`;
    if (keys.identity) return `identity:${keys.identity}`;
    return UNATTRIBUTED;
  }

  /** Entities for the given ids, with names, sources and relations. */
  describe(ids: Iterable<string>): Map<string, Entity> {
    this.settle();
    const wanted = new Set(ids);
    const out = new Map<string, Entity>();
    this.collect(this.workloads, (root) => this.workloadId(root), out);
    this.collect(this.images, (root) => this.imageId(root), out);
    for (const rel of this.relations) {
      const [w, i] = rel.split('\u0000') as [string, string];
      const from = out.get(this.workloadId(this.workloads.find(w)));
      const to = this.imageId(this.images.find(i));
      if (from && !from.related.includes(to)) from.related.push(to);
    }
    for (const id of wanted) if (!out.has(id)) out.set(id, bare(id));
    for (const e of out.values()) e.related.sort();
    return out;
  }

  private join(sets: UnionFind, keys: string[], format: string | null): void {
    const first = keys[0];
    if (first === undefined) return;
    if (!joined(sets, keys)) this.groupCache.delete(sets);
    sets.add(first);
    for (let k = 1; k < keys.length; k++) sets.union(first, keys[k]!);
    if (format) {
      const seen = this.formats.get(first);
      if (seen) seen.add(format);
      else this.formats.set(first, new Set([format]));
    }
  }

  /** Container IDs by the runtime name they bore. */
  private readonly idsByName = new Map<string, Set<string>>();
  private settled = false;

  private nameId(name: string, idKey: string): void {
    const ids = this.idsByName.get(name) ?? new Set<string>();
    ids.add(idKey);
    this.idsByName.set(name, ids);
  }

  /**
   * Once observing is over, a name borne by one container joins the
   * name-only records (a log named after it) to that container; a name
   * borne by several stays an entity of its own rather than a guess.
   */
  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    for (const [name, ids] of this.idsByName) {
      for (const id of ids) this.namesById.set(id, [...(this.namesById.get(id) ?? []), name]);
      if (ids.size !== 1) continue;
      this.workloads.add(name);
      this.workloads.union(name, [...ids][0]!);
    }
    this.groupCache.delete(this.workloads);
  }

  private readonly namesById = new Map<string, string[]>();

  /** The runtime names the IDs among `keys` bore, for an entity's names. */
  private namesOfIds(keys: string[]): string[] {
    return keys.flatMap((k) => this.namesById.get(k) ?? []).filter((n) => !keys.includes(n));
  }

  private own(address: string, workloadKey: string): void {
    const set = this.owners.get(address) ?? new Set<string>();
    set.add(workloadKey);
    this.owners.set(address, set);
  }

  /** NOTE: addresses are joined without time; an address held by two workloads is ambiguous. */
  private ownerOf(address: string): string | null {
    const keys = this.owners.get(address);
    if (!keys) return null;
    const roots = new Set([...keys].map((k) => this.workloads.find(k)));
    return roots.size === 1 ? this.workloadId([...roots][0]!) : null;
  }

  private collect(sets: UnionFind, idOf: (root: string) => string, out: Map<string, Entity>): void {
    for (const [root, keys] of sets.groups()) {
      const id = idOf(root);
      const sources = new Set<string>();
      for (const k of keys) for (const f of this.formats.get(k) ?? []) sources.add(f);
      out.set(id, {
        id,
        kind: id.slice(0, id.indexOf(':')) as EntityKind,
        names: namesOf([...keys, ...this.namesOfIds(keys)]),
        sources: [...sources].sort(),
        related: [],
      });
    }
  }

  private workloadId(root: string): string {
    return idFromKeys(this.groupOf(this.workloads, root));
  }

  private imageId(root: string): string {
    return idFromKeys(this.groupOf(this.images, root));
  }

  private groupCache = new WeakMap<UnionFind, Map<string, string[]>>();

  private groupOf(sets: UnionFind, root: string): string[] {
    // Groups are computed once lookups start; observing is over by then.
    let groups = this.groupCache.get(sets);
    if (!groups || !groups.has(root)) {
      groups = sets.groups();
      this.groupCache.set(sets, groups);
    }
    return groups.get(root) ?? [root];
  }
}

function joined(sets: UnionFind, keys: string[]): boolean {
  if (!sets.has(keys[0]!)) return false;
  const root = sets.find(keys[0]!);
  return keys.every((k) => sets.has(k) && sets.find(k) === root);
}

function idFromKeys(keys: string[]): string {
  const sorted = [...keys].sort();
  const pick = (prefix: string): string | undefined =>
    sorted.find((k) => k.startsWith(prefix))?.slice(2);
  const pod = pick('p:');
  if (pod) return `pod:${pod}`;
  const cid = pick('c:');
  if (cid) return `container:${cid}`;
  const name = pick('n:');
  if (name) return `container:${name}`;
  const digest = pick('i:');
  if (digest) return `image:${digest}`;
  return `image:${pick('m:') ?? 'unknown'}`;
}

/** People's names first (pod, container, image reference), then IDs. */
const NAME_ORDER = ['p:', 'n:', 'm:', 'c:', 'i:'];

function namesOf(keys: string[]): string[] {
  const names = new Set<string>();
  const rank = (k: string): number => NAME_ORDER.indexOf(k.slice(0, 2));
  const ordered = [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of ordered) {
    const value = key.slice(2);
    if (key.startsWith('c:')) names.add(`${value}…`);
    else if (key.startsWith('i:')) names.add(`${value.slice(0, 19)}…`);
    else names.add(value);
  }
  return [...names];
}

function bare(id: string): Entity {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon) as EntityKind;
  const name = id === UNATTRIBUTED ? '(not named in the evidence)' : id.slice(colon + 1);
  return { id, kind, names: [name], sources: [], related: [] };
}
