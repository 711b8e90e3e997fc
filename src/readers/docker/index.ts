import type { Reader, Recognizer } from '../reader.js';
import { dockerEvents } from './events/docker-events.js';
import { podmanEvents } from './events/podman-events.js';
import { dockerTextEvents, podmanTextEvents } from './events/text-events.js';
import { dockerInspect, podmanInspect } from './inspect/inspect.js';
import { containerLogs } from './logs/reader.js';
import { dockerPs, podmanPs } from './ps/ps.js';
import { containerDiff } from './diff/diff.js';
import {
  cliError,
  containerTop,
  kubeletSummary,
  prometheusQuery,
  runtimeInfo,
} from './recognizers.js';
import { dockerApiStats } from './stats/api-stats.js';
import { dockerStats, podmanStats } from './stats/cli-stats.js';

/**
 * Docker and Podman runtime exports. Each JSON format is told by keys the
 * others lack; the diff and text-event readers sniff strictly, and the log
 * reader comes last, since time-prefixed stats lines and text events start
 * with a timestamp too.
 */
export const READERS: Reader[] = [
  dockerEvents,
  podmanEvents,
  dockerApiStats,
  dockerStats,
  podmanStats,
  dockerPs,
  podmanPs,
  dockerInspect,
  podmanInspect,
  containerDiff,
  dockerTextEvents,
  containerLogs,
];

export const RECOGNIZERS: Recognizer[] = [
  podmanTextEvents,
  runtimeInfo,
  containerTop,
  kubeletSummary,
  prometheusQuery,
  cliError,
];
