import type { Recognizer } from '../reader.js';

/**
 * A whole file compressed with zstd (RFC 8878, frame magic 28 B5 2F FD),
 * such as `docker save IMAGE | zstd > image.tar.zst`. The evidence layer
 * gunzips but has no zstd decoder yet.
 * NOTE: Node 20's zlib has no zstd; decoding comes in a later version.
 */
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

export const zstdRecognizer: Recognizer = {
  id: 'zstd-compressed',
  sniff: (head) => head.bytes.subarray(0, 4).equals(ZSTD_MAGIC),
  reason: () =>
    'zstd-compressed data, which this version cannot decompress; run `zstd -d FILE` and give stowaway the result',
};
