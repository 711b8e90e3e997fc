import type { Observation, PodRef } from '../../../../model/observation.js';
import type { Source } from '../../../../model/source.js';
import type { Severity } from '../../../../model/severity.js';
import type { Emit, RuleInstance, RuleLogic } from '../../../rule.js';
import type { Lists } from '../../../lists.js';
import { isLivePod, podName } from './live-pod.js';
import { containerRisks, severityOfScore, type Risk } from './pod-risks.js';

/**
 * Pods tracked at once.
 * NOTE: a larger inventory keeps scoring the pods it already holds and counts
 * the rest as not evaluated; 20,000 pods is a large cluster's whole export.
 */
const MAX_PODS = 20_000;
/** Sources kept per pod: one per container is plenty. */
const MAX_SOURCES = 32;

interface PodScore {
  pod: PodRef;
  risks: Map<string, Risk>;
  trusted: boolean;
  sources: Source[];
  time: string | null;
}

/**
 * Scores each live pod from the settings of all its containers (a risk
 * counts once per pod) and reports, once the inventory is read, every pod
 * whose score is worth a look, with its reasons.
 */
export const kubectlRiskyPod: RuleLogic = {
  id: 'kubectl-risky-pod',
  kinds: ['config'],
  create(ctx) {
    return new RiskyPods(ctx.settings.lists, (path) =>
      ctx.notEvaluable(path, `more than ${MAX_PODS} pods: the rest were not scored`),
    );
  },
};

class RiskyPods implements RuleInstance {
  private readonly pods = new Map<string, PodScore>();

  constructor(
    private readonly lists: Lists,
    private readonly overflow: (path: string) => void,
  ) {}

  observe(obs: Observation): void {
    if (obs.kind !== 'config' || !isLivePod(obs)) return;
    const key = podName(obs.pod);
    let score = this.pods.get(key);
    if (!score) {
      if (this.pods.size >= MAX_PODS) return this.overflow(obs.source.path);
      score = { pod: obs.pod, risks: new Map(), trusted: true, sources: [], time: obs.time };
      this.pods.set(key, score);
    }
    for (const risk of containerRisks(obs, this.lists)) score.risks.set(risk.id, risk);
    score.trusted &&= this.trusted(obs.image);
    if (score.sources.length < MAX_SOURCES) score.sources.push(obs.source);
  }

  finish(emit: Emit): void {
    for (const score of this.pods.values()) {
      const total = [...score.risks.values()].reduce((sum, r) => sum + r.points, 0);
      const severity = severityOfScore(total);
      if (severity === null) continue;
      emit({
        subject: { pod: score.pod },
        summary: summaryOf(score, total),
        evidence: score.sources,
        time: score.time,
        key: 'score',
        severity: score.trusted ? capAtLow(severity) : severity,
        vars: {
          score: String(total),
          kubectl: `kubectl get pod ${score.pod.name} -n ${score.pod.namespace} -o yaml`,
        },
      });
    }
  }

  /** Control-plane and vetted images are privileged by design: they rank low. */
  private trusted(image: string | null): boolean {
    if (image === null) return false;
    return (
      this.lists.has('system-images', image) || this.lists.has('trusted-privileged-images', image)
    );
  }
}

function capAtLow(severity: Severity): Severity {
  return severity === 'info' ? severity : 'low';
}

/** Example: "pod dev/dbg scores 53: privileged, hostPID, mounts host / (trusted image)". */
function summaryOf(score: PodScore, total: number): string {
  const reasons = [...score.risks.values()]
    .sort((a, b) => b.points - a.points || (a.text < b.text ? -1 : 1))
    .map((r) => r.text);
  const trusted = score.trusted ? ' (trusted image)' : '';
  return `pod ${podName(score.pod)} scores ${total}: ${reasons.join(', ')}${trusted}`;
}
