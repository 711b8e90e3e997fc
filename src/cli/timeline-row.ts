import type { Observation } from '../model/observation.js';
import { cell } from '../report/escape.js';
import { location } from '../report/table.js';

/**
 * One readable line per observation: time, kind, who, what, where.
 * Example: "2026-12-03T15:42:09.543Z  lifecycle  evidence-tampered  exec  events.json:31"
 */
export function timelineRow(obs: Observation): string {
  const time = (obs.time ?? '(undated)').padEnd(30);
  const kind = obs.kind.padEnd(12);
  return `${time} ${kind} ${cell(describe(obs), 160)}  ${cell(location(obs.source), 100)}`;
}

function describe(obs: Observation): string {
  switch (obs.kind) {
    case 'lifecycle':
      return (
        `${who(obs.name, obs.container)} ${obs.action}${obs.detail ? ` ${obs.detail}` : ''}` +
        (obs.exitCode !== null ? ` exit ${obs.exitCode}` : '')
      );
    case 'config':
      return (
        `${who(obs.name, obs.container)} image ${obs.image ?? '?'}` +
        (obs.privileged ? ' privileged' : '')
      );
    case 'resource':
      return `${who(obs.name, obs.container)} cpu ${obs.cpuPercent ?? '?'}% mem ${obs.memoryBytes ?? '?'}`;
    case 'flow':
      return (
        `${obs.proto ?? '?'} ${obs.src}:${obs.srcPort ?? ''} -> ${obs.dst}:${obs.dstPort ?? ''}` +
        ` ${obs.bytesOut ?? 0}/${obs.bytesIn ?? 0} bytes`
      );
    case 'api':
      return (
        `${obs.user ?? '?'} ${obs.verb ?? '?'} ${obs.resource ?? ''}` +
        `${obs.subresource ? `/${obs.subresource}` : ''} ${obs.namespace ?? ''}/${obs.name ?? ''}` +
        ` ${obs.code ?? ''}`
      );
    case 'log':
      return `${who(obs.name, obs.container)} ${obs.message}`;
    case 'file-change':
      return `${who(obs.name, obs.container)} ${obs.change} ${obs.path}`;
    case 'image-config':
      return `${obs.names[0] ?? obs.imageId} user ${obs.user ?? '?'} cmd ${(obs.command ?? []).join(' ')}`;
    case 'image-file':
      return `${obs.imageName ?? obs.imageId} ${obs.type} ${obs.path} ${obs.mode}`;
  }
}

function who(name: string | null, id: string | null): string {
  return name ?? id?.slice(0, 12) ?? '?';
}
