import ndjson from 'ndjson';
import type { Observation } from '../model/observation.js';
import { replay } from '../replay/merge.js';
import { EXIT } from './exit.js';
import type { Io } from './io.js';
import type { Logger } from './log.js';
import { timelineRow } from './timeline-row.js';
import { openEvidenceFor, reportInputProblems } from './warnings.js';

export interface TimelineOptions {
  format: 'json' | 'table';
}

/**
 * `stowaway timeline`: every normalized observation in time order (undated
 * ones last, in input order), as JSON lines or a readable listing. This is
 * what stowaway understood of each file.
 */
export async function timeline(
  paths: string[],
  opts: TimelineOptions,
  io: Io,
  log: Logger,
): Promise<number> {
  const { inputs } = await openEvidenceFor(paths, io, log);
  const out = opts.format === 'json' ? jsonLines(io) : rows(io);
  const undated: Observation[] = [];
  for await (const batch of replay(inputs.streams, (o) => undated.push(o))) {
    for (const obs of batch) await out.write(obs);
  }
  undated.sort((a, b) =>
    a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0,
  );
  for (const obs of undated) await out.write(obs);
  await out.end();
  reportInputProblems(inputs, log);
  if (inputs.read.length === 0) {
    log.error('no readable evidence; run `stowaway formats` to see what stowaway reads');
    return EXIT.usage;
  }
  return EXIT.ok;
}

interface Sink {
  write(obs: Observation): Promise<void>;
  end(): Promise<void>;
}

/** Drops the internal ordering key; everything else is what the reader produced. */
function serializable(obs: Observation): Omit<Observation, 'ts'> {
  const { ts: _ts, ...rest } = obs;
  return rest;
}

function jsonLines(io: Io): Sink {
  const stream = ndjson.stringify();
  stream.pipe(io.stdout, { end: false });
  return {
    write: (obs) => backpressure(stream.write(serializable(obs)), stream),
    end: () =>
      new Promise((resolve) => {
        stream.once('end', () => resolve());
        stream.end();
      }),
  };
}

function rows(io: Io): Sink {
  return {
    write: (obs) => backpressure(io.stdout.write(`${timelineRow(obs)}\n`), io.stdout),
    end: async () => undefined,
  };
}

function backpressure(ok: boolean, stream: NodeJS.EventEmitter): Promise<void> {
  return ok ? Promise.resolve() : new Promise((resolve) => stream.once('drain', () => resolve()));
}
