import type { Head } from '../../../evidence/open.js';
import type { Reader } from '../../reader.js';
import { looksLikeDockerTextEvents } from '../events/text-events.js';
import { linesWith, sniffJson } from '../shared/sniff.js';
import { looksMultiplexed, multiplexedLogs } from './frames.js';
import { jsonFileLogs } from './json-file.js';
import { looksLikeTextLogs, textLogs } from './text-logs.js';

/**
 * Container logs in the three shapes they are exported in: timestamped
 * text lines (`docker logs -t`, `podman logs -t`, `kubectl logs
 * --timestamps`, the kubelet's CRI files), the json-file driver's records,
 * and the Engine API's multiplexed stream. One log line is one record.
 */
export const containerLogs: Reader = {
  id: 'container-logs',
  description: 'container logs: timestamped lines, json-file driver records, raw API streams',
  exportCommand: 'docker logs --timestamps CONTAINER > CONTAINER.log 2>&1',
  sniff(head) {
    if (head.text === null) return looksMultiplexed(head);
    if (isJsonFile(head)) return true;
    // `docker events` text lines start with a timestamp too.
    return looksLikeTextLogs(head) && !looksLikeDockerTextEvents(head);
  },
  read(content, ctx, head) {
    if (head.text === null) return multiplexedLogs(content, ctx);
    if (isJsonFile(head)) return jsonFileLogs(content, ctx, head);
    return textLogs(content, ctx, head);
  },
};

function isJsonFile(head: Head): boolean {
  const json = sniffJson(head);
  return linesWith(json, 'log', 'time') || linesWith(json, 'log', 'stream');
}
