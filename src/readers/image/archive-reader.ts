import type { Readable } from 'node:stream';
import type { Head } from '../../evidence/open.js';
import type { Observation } from '../../model/observation.js';
import { NotThisFormat, type ReadContext, type Reader, type ReaderOutput } from '../reader.js';
import { assembleImages, type AssembledImage } from './assemble.js';
import { ArchiveBudget } from './budget.js';
import { configObservation, fileObservations } from './emit.js';
import type { Problem } from './layer-read.js';
import { looksLikeTar } from './magic.js';
import { isDigestName } from './roles.js';
import { scanArchive, type ArchiveScan } from './scan.js';
import { ArchiveView, findRoot } from './view.js';

/**
 * Image archives, streamed once and never extracted: `docker save` (the
 * legacy layout and the OCI layout Docker 25+ writes), OCI image layouts
 * in a tar (buildx `type=oci`, skopeo `oci-archive:`), and flat root
 * filesystem tars (`docker export`, `podman export`), read as one unnamed
 * image of one layer. Members may come in any order, so layers are read
 * as they pass and the images are put together at the end.
 */
export const imageArchiveReader: Reader = {
  id: 'image-archive',
  description:
    'container image archives (docker save, OCI image layout tar) and container filesystem exports',
  exportCommand: 'docker save -o image.tar REPO:TAG   (or: docker export -o fs.tar CONTAINER)',
  sniff: (head) => looksLikeTar(head.bytes),
  read: readArchive,
};

interface Reading {
  images: AssembledImage[];
  problems: Problem[];
}

async function* readArchive(
  content: Readable,
  ctx: ReadContext,
  head: Head,
): AsyncGenerator<ReaderOutput> {
  const budget = new ArchiveBudget();
  const scan = await scanArchive(content, budget);
  const reading = decide(scan, head.name);
  ctx.record(scan.records);
  for (const p of [...scan.problems, ...reading.problems]) {
    if (p.skip) ctx.skip(p.where, p.message);
    else ctx.warn(p.where, p.message);
  }
  for (const what of budget.exhausted()) ctx.warn(null, what);
  const said = new Set<string>();
  const warn = (where: string, message: string): void => {
    if (said.has(message)) return;
    said.add(message);
    ctx.warn(where, message);
  };
  for (const image of reading.images) {
    yield configObservation(image, ctx.path);
    yield* batches(fileObservations(image, ctx.path, warn));
  }
}

/** Entries go out in batches: each value yielded costs a turn of the event loop. */
const BATCH = 1024;

function* batches(items: Iterable<Observation>): Generator<Observation[]> {
  let batch: Observation[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Images when the archive has them, a flat export when it is one, or why it is neither. */
function decide(scan: ArchiveScan, name: string): Reading {
  const root = findRoot(scan);
  const view = root === null ? null : new ArchiveView(scan, root);
  const images = view ? assembleImages(view) : [];
  const broken = scan.broken ? [brokenProblem(scan.broken)] : [];
  if (view && images.length > 0) return { images, problems: [...broken, ...view.problems] };
  const marked = scan.marked;
  if (!marked && isDigestName(name)) throw new NotThisFormat(LAYOUT_BLOB);
  if (!marked && looksLikeRootFs(scan)) return { images: [flatImage(scan)], problems: broken };
  if (scan.broken) throw new Error(`the archive is truncated or corrupt: ${scan.broken}`);
  if (view) {
    const why = view.problems[0]?.message ?? 'its manifests list no image';
    throw new NotThisFormat(`an image archive with no image to read: ${why}`);
  }
  if (marked) {
    throw new NotThisFormat(
      'an image archive without manifest.json or index.json; export it again with `docker save`',
    );
  }
  throw new NotThisFormat(
    'a tar archive that is neither an image archive (no manifest.json or index.json) ' +
      'nor a root filesystem (no etc/, usr/, bin/ … at its top)',
  );
}

const LAYOUT_BLOB =
  'a layer blob of an OCI image layout folder (named by its digest); to read the image, ' +
  'give stowaway the folder as one tar: tar -cf image.tar -C LAYOUT_FOLDER .';

function brokenProblem(reason: string): Problem {
  const message = `archive ends early or is corrupt (${reason}); read what came before`;
  return { where: null, message, skip: true };
}

/** Top-level folders of a Linux root filesystem (FHS 3.0, chapter 3). */
const ROOT_FOLDERS = new Set([
  'bin',
  'boot',
  'dev',
  'etc',
  'home',
  'lib',
  'lib32',
  'lib64',
  'libx32',
  'media',
  'mnt',
  'opt',
  'proc',
  'root',
  'run',
  'sbin',
  'srv',
  'sys',
  'tmp',
  'usr',
  'var',
]);

function looksLikeRootFs(scan: ArchiveScan): boolean {
  return [...scan.topFolders].some((folder) => ROOT_FOLDERS.has(folder));
}

/**
 * A container export is one layer with no config. Its ID is the hash of
 * the tar itself, which is also that layer's diff_id, so the same export
 * read twice is the same image.
 */
function flatImage(scan: ArchiveScan): AssembledImage {
  const digest = `sha256:${scan.sha256}`;
  return {
    imageId: digest,
    names: [],
    configMember: null,
    config: {
      created: null,
      user: null,
      env: [],
      entrypoint: null,
      command: null,
      history: [],
      diffIds: [digest],
    },
    layers: [{ digest, size: scan.bytes, entries: scan.flat }],
    baseLayers: 0,
  };
}
