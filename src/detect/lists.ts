import ipaddr from 'ipaddr.js';
import { parseImageRef } from '../model/image-ref.js';
import type { ListSpec, ListType } from '../settings/schema.js';

/**
 * Named lists shared across rules (sensitive paths, dangerous capabilities,
 * trusted images, system identities, …), compiled once per run from the
 * shipped defaults and the user's stowaway.yaml. A rule asks whether a value
 * is in a list; the list's type says what "in" means.
 */
export class Lists {
  private readonly tests = new Map<string, (value: string) => boolean>();
  private readonly specs: ReadonlyMap<string, ListSpec>;

  constructor(specs: ReadonlyMap<string, ListSpec>) {
    this.specs = specs;
    for (const [name, spec] of specs) {
      this.tests.set(name, compile(name, spec));
      if (spec.type === 'patterns') this.searches.set(name, searchOf(spec.values.map(patternOf)));
    }
  }

  /** Whether `value` is in list `name`. Throws on an unknown list: a rule bug. */
  has(name: string, value: string): boolean {
    return this.test(name)(value);
  }

  /** The membership test itself, for rules that ask often. */
  test(name: string): (value: string) => boolean {
    const test = this.tests.get(name);
    if (!test) throw new Error(`no list named '${name}'`);
    return test;
  }

  /** A list's entries, as written. */
  values(name: string): readonly string[] {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`no list named '${name}'`);
    return spec.values;
  }

  typeOf(name: string): ListType | null {
    return this.specs.get(name)?.type ?? null;
  }

  /**
   * The text the first matching pattern of a patterns list found, or null.
   * Example: search("miner-patterns", "./xmrig -o pool") gives "xmrig".
   */
  search(name: string, value: string): string | null {
    const search = this.searches.get(name);
    if (!search) throw new Error(`no patterns list named '${name}'`);
    return search(value);
  }

  private readonly searches = new Map<string, (value: string) => string | null>();
}

function compile(name: string, spec: ListSpec): (value: string) => boolean {
  switch (spec.type) {
    case 'words': {
      const set = new Set(spec.values.map((v) => v.toLowerCase()));
      return (value) => set.has(value.toLowerCase());
    }
    case 'paths':
      return pathTest(spec.values);
    case 'patterns': {
      const patterns = spec.values.map(patternOf);
      return remembered((value) => patterns.some((p) => p.test(value)));
    }
    case 'globs':
      return remembered(globTest(spec.values));
    case 'images':
      return remembered(imageTest(spec.values));
    case 'ranges':
      return rangeTest(name, spec.values);
  }
}

function searchOf(patterns: RegExp[]): (value: string) => string | null {
  return remembered((value) => {
    for (const pattern of patterns) {
      const m = pattern.exec(value);
      if (m) return m[0];
    }
    return null;
  });
}

/** Short values remembered per list; past it the memory starts again. */
const REMEMBERED = 4096;
/** Longer values (commands, file contents) rarely repeat: they are not remembered. */
const REMEMBERED_LENGTH = 512;

/**
 * A test that remembers its answers for short values: a log repeats the
 * same user agents, images and names millions of times, and a dozen
 * regular expressions per value is the cost of a rule pack.
 */
function remembered<T>(test: (value: string) => T): (value: string) => T {
  const known = new Map<string, T>();
  return (value) => {
    if (value.length > REMEMBERED_LENGTH) return test(value);
    if (known.has(value)) return known.get(value)!;
    const answer = test(value);
    if (known.size >= REMEMBERED) known.clear();
    known.set(value, answer);
    return answer;
  };
}

/** A path or anything below it. Example: "/etc" holds "/etc/kubernetes/pki". */
function pathTest(roots: readonly string[]): (value: string) => boolean {
  const set = new Set(roots.map(trimSlash));
  return (value) => {
    let path = trimSlash(value);
    for (;;) {
      if (set.has(path)) return true;
      const cut = path.lastIndexOf('/');
      if (cut <= 0) return false;
      path = path.slice(0, cut);
    }
  };
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

const LITERAL = /^\/(.*)\/([dgimsuy]*)$/s;

/** A pattern written /source/flags. Example: "/\\bxmrig\\b/i". */
export function patternOf(entry: string): RegExp {
  const literal = LITERAL.exec(entry);
  if (!literal) throw new Error(`'${entry}' is not a /pattern/flags regular expression`);
  return new RegExp(literal[1]!, literal[2]!.replace('g', ''));
}

/** Globs with * wildcards, without case. Example: "registry.k8s.io/*". */
function globTest(globs: readonly string[]): (value: string) => boolean {
  const exact = new Set<string>();
  const wild: RegExp[] = [];
  for (const glob of globs) {
    if (!glob.includes('*')) exact.add(glob.toLowerCase());
    else wild.push(globPattern(glob));
  }
  return (value) => {
    const lower = value.toLowerCase();
    return exact.has(lower) || wild.some((p) => p.test(lower));
  };
}

/**
 * A glob as a pattern: `*` stays within one path segment, `**` crosses
 * them. Example: "registry.k8s.io/*" holds "registry.k8s.io/pause" but not
 * "registry.k8s.io/x/y"; "*.example/**" does not hold "evil.io/a.example/b".
 */
export function globPattern(glob: string): RegExp {
  const source = glob
    .toLowerCase()
    .split('**')
    .map((wide) =>
      wide
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`);
}

/**
 * Image references against image globs, both fully qualified first. An
 * entry without a tag or digest holds every tag and digest of its names.
 * Example: "nginx" holds "docker.io/library/nginx:1.25";
 * "registry.k8s.io/**" holds "registry.k8s.io/sig-storage/csi-attacher:v4".
 */
function imageTest(entries: readonly string[]): (value: string) => boolean {
  const compiled = entries.map((entry) => {
    const ref = parseImageRef(entry);
    return {
      name: globPattern(ref.name),
      tag: ref.tag === null ? null : globPattern(ref.tag),
      digest: ref.digest,
    };
  });
  return (value) => {
    const ref = parseImageRef(value);
    const tag = ref.tag ?? (ref.digest === null ? 'latest' : '');
    return compiled.some(
      (e) =>
        e.name.test(ref.name) &&
        (e.tag === null || e.tag.test(tag)) &&
        (e.digest === null || e.digest === ref.digest),
    );
  };
}

/** Addresses in any of the networks. Example: "10.0.0.0/8" holds "10.1.2.3". */
function rangeTest(name: string, entries: readonly string[]): (value: string) => boolean {
  const ranges = entries.map((entry) => rangeOf(name, entry));
  return remembered((value) => inRanges(ranges, value));
}

function inRanges(ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][], value: string): boolean {
  if (!ipaddr.isValid(value)) return false;
  let address = ipaddr.parse(value);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  return ranges.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
}

function rangeOf(name: string, entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  try {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    throw new Error(`list '${name}': '${entry}' is not an IP address or CIDR network`);
  }
}

/** Capability names compared without prefix or case. Example: "CAP_SYS_ADMIN" → "SYS_ADMIN". */
export function capabilityName(cap: string): string {
  return cap.toUpperCase().replace(/^CAP_/, '');
}
