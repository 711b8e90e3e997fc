import type { Observation } from '../../../model/observation.js';
import type { Subject } from '../../../model/subject.js';
import type { Lists } from '../../lists.js';
import { matcher, type Hit } from '../../rule.js';
import { isLiveConfig } from './scope.js';

/** What a text betrays: a miner, an offensive tool, or nothing. */
export function classifyCommand(
  text: string,
  lists: Lists,
): { miner: boolean; match: string } | null {
  const miner = lists.search('miner-patterns', text);
  if (miner !== null) return { miner: true, match: miner };
  const tool = lists.search('offensive-tool-patterns', text);
  return tool === null ? null : { miner: false, match: tool };
}

/** The running container's own words: its command, an exec's command, a log line. */
function textOf(obs: Observation): { text: string; what: string; subject: Subject } | null {
  switch (obs.kind) {
    case 'config':
      return obs.command && isLiveConfig(obs)
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
  'container-miner-or-tool',
  ['config', 'lifecycle', 'log'],
  (obs, ctx): Hit | null => {
    const found = textOf(obs);
    if (!found) return null;
    const hit = classifyCommand(found.text, ctx.settings.lists);
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
