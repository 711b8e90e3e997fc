import type { Observation } from '../../../model/observation.js';
import type { Subject } from '../../../model/subject.js';
import { MINER_PATTERNS, OFFENSIVE_TOOL_PATTERNS } from '../../lists.js';
import { matcher, type Hit } from '../../rule.js';

/** What a text betrays: a miner, an offensive tool, or nothing. */
export function classifyCommand(text: string): { miner: boolean; match: string } | null {
  for (const p of MINER_PATTERNS) {
    const m = p.exec(text);
    if (m) return { miner: true, match: m[0] };
  }
  for (const p of OFFENSIVE_TOOL_PATTERNS) {
    const m = p.exec(text);
    if (m) return { miner: false, match: m[0] };
  }
  return null;
}

/** The running container's own words: its command, an exec's command, a log line. */
function textOf(obs: Observation): { text: string; what: string; subject: Subject } | null {
  switch (obs.kind) {
    case 'config':
      return obs.command
        ? {
            text: obs.command.join(' '),
            what: 'runs',
            subject: { containerId: obs.container, containerName: obs.name, pod: obs.pod },
          }
        : null;
    case 'lifecycle':
      return obs.detail && obs.action.startsWith('exec')
        ? { text: obs.detail, what: "was exec'd with", subject: lifecycleSubject(obs) }
        : null;
    case 'log':
      return {
        text: obs.message,
        what: 'logged',
        subject: { containerId: obs.container, containerName: obs.name },
      };
    default:
      return null;
  }
}

function lifecycleSubject(obs: Extract<Observation, { kind: 'lifecycle' }>): Subject {
  return { containerId: obs.container, containerName: obs.name, pod: obs.pod };
}

function nameOf(obs: Observation): string {
  if ('name' in obs && typeof obs.name === 'string' && obs.kind !== 'api') return obs.name;
  if ('container' in obs && typeof obs.container === 'string') return obs.container.slice(0, 12);
  return 'a container';
}

export const containerMinerOrTool = matcher(
  {
    id: 'container-miner-or-tool',
    title: 'Miner or offensive tool run by a container',
    severity: 'high',
    confidence: 0.8,
    attack: ['T1496', 'T1609'],
    dataSources: [
      'container config: command and arguments from inspect or pod specs',
      'runtime events: exec commands',
      'container logs',
    ],
    goal: 'Find containers used to run cryptominers or attack tooling under the cover of an ordinary workload.',
    strategy:
      "Match the container's command, exec commands and log lines against the shared lists of " +
      'miner names, mining-pool URLs (stratum+tcp://) and offensive tools.',
    blindSpots: [
      'Renamed or packed binaries and pools reached over plain HTTPS do not match by name.',
      'Log lines are only seen when the container logged them and the logs were exported.',
    ],
    falsePositives: ['Security teams running scanners on purpose; mining research workloads.'],
    validation: ['fixtures/demo/docker/inspect.json', 'test/rules/container.test.ts'],
    response: [
      'Stop {entity} and keep its filesystem; note the pool or tool it used ({match}).',
      'Block the pool address at the egress and search flows for other hosts reaching it.',
      "Find how the payload got there: the image's layers, exec history, and who deployed it.",
    ],
  },
  ['config', 'lifecycle', 'log'],
  (obs): Hit | null => {
    const found = textOf(obs);
    if (!found) return null;
    const hit = classifyCommand(found.text);
    if (!hit) return null;
    const kind = hit.miner ? 'a miner' : 'an offensive tool';
    return {
      subject: found.subject,
      summary: `${nameOf(obs)} ${found.what} ${kind} (${hit.match})`,
      key: hit.match.toLowerCase(),
      severity: hit.miner ? 'high' : 'medium',
      vars: { match: hit.match },
    };
  },
);
