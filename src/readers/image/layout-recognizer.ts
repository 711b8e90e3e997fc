import type { Head } from '../../evidence/open.js';
import { obj } from '../../util/text.js';
import type { Recognizer } from '../reader.js';
import { firstRecord, hasKeys } from './json-sniff.js';

/**
 * The loose parts of an OCI image layout folder (image-spec,
 * image-layout.md): `oci-layout`, `index.json`, and the JSON blobs under
 * `blobs/sha256/` (manifests, indexes, configs). Read one by one they are
 * fragments; the image is read from the folder tarred whole.
 * NOTE: a layout folder is not read in place; its tar is (see archive-reader.ts).
 */
export const ociLayoutPartRecognizer: Recognizer = {
  id: 'oci-layout-part',
  sniff: (head) => partOf(head) !== null,
  reason: (head) =>
    `${partOf(head) ?? 'a part'} of an OCI image layout folder; give stowaway the folder ` +
    'as one tar instead: tar -cf image.tar -C LAYOUT_FOLDER .',
};

function partOf(head: Head): string | null {
  const record = firstRecord(head);
  // A one-line blob ending in a newline reads as JSON lines of one object.
  if (!record || record.shape === 'array') return null;
  const doc = record.first;
  if (hasKeys(doc, 'imageLayoutVersion')) return 'the oci-layout marker';
  if (doc.schemaVersion !== 2 && !hasKeys(doc, 'rootfs')) return null;
  // Docker 25 wrote `"manifests": null`; it is still an index.
  if ('manifests' in doc) return 'the image index';
  if (obj(doc.config) && Array.isArray(doc.layers)) return 'an image manifest';
  if (Array.isArray(obj(doc.rootfs)?.diff_ids)) return 'an image config';
  return null;
}
