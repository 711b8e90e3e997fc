import type { Observation } from '../../../../model/observation.js';
import type { Source } from '../../../../model/source.js';
import type { Emit, RuleInstance, RuleLogic } from '../../../rule.js';
import { parseImageRef, taggedName } from './image-ref.js';

/**
 * NOTE: references and digests tracked are capped so that a hostile
 * inventory cannot grow memory without bound; past the caps new ones are
 * ignored. Real clusters run far fewer distinct images.
 */
const MAX_REFS = 10_000;
const MAX_DIGESTS_PER_REF = 16;

interface Seen {
  /** Where the digest was first seen. */
  source: Source;
  time: string | null;
  where: string;
}

/**
 * One tag, several digests: the same image reference pulled as different
 * content by different pods or containers (a tag moved under running
 * workloads, or a node served a different image). Pinned references
 * (name@sha256:…) name their content and are skipped.
 */
export const kubectlTagDigestDrift: RuleLogic = {
  id: 'kubectl-tag-digest-drift',
  kinds: ['config'],
  create: () => new TagDrift(),
};

class TagDrift implements RuleInstance {
  private readonly refs = new Map<string, Map<string, Seen>>();

  observe(obs: Observation): void {
    if (obs.kind !== 'config' || !obs.image || !obs.imageDigest) return;
    if ((obs.notes ?? []).includes('audit-request')) return;
    const ref = parseImageRef(obs.image);
    if (ref === null || ref.digest !== null) return;
    const name = taggedName(ref);
    let digests = this.refs.get(name);
    if (!digests) {
      if (this.refs.size >= MAX_REFS) return;
      digests = new Map();
      this.refs.set(name, digests);
    }
    if (digests.has(obs.imageDigest) || digests.size >= MAX_DIGESTS_PER_REF) return;
    digests.set(obs.imageDigest, { source: obs.source, time: obs.time, where: whereOf(obs) });
  }

  finish(emit: Emit): void {
    for (const [name, digests] of this.refs) {
      if (digests.size < 2) continue;
      const seen = [...digests.entries()];
      const list = seen.map(([digest, s]) => `${digest.slice(0, 19)}… in ${s.where}`);
      emit({
        subject: { imageNames: [name] },
        summary: `${name} resolves to ${digests.size} digests: ${list.join('; ')}`,
        evidence: seen.map(([, s]) => s.source),
        time: seen[0]![1].time,
        key: name,
        // A latest tag is meant to move; a version tag that moves is the surprise.
        ...(name.endsWith(':latest') ? { severity: 'low' as const } : {}),
        vars: { image: name, digests: seen.map(([d]) => d).join(', ') },
      });
    }
  }
}

/** Example: "pod dev/web-1", "container web". */
function whereOf(obs: Extract<Observation, { kind: 'config' }>): string {
  if (obs.pod) return `pod ${obs.pod.namespace}/${obs.pod.name}`;
  return `container ${obs.name ?? obs.container?.slice(0, 12) ?? '?'}`;
}
