/**
 * What a byte stream is, from its first bytes, whatever its name or media
 * type says (a `layer.tar` may hold gzip; buildkit writes `+zstd` layers).
 * - gzip: 1F 8B (RFC 1952, section 2.3.1)
 * - zstd: 28 B5 2F FD (RFC 8878, section 3.1.1)
 * - tar: "ustar" at offset 257 (POSIX ustar and GNU), or an old v7 header
 *   whose checksum adds up.
 */
export type Compression = 'gzip' | 'zstd' | 'tar' | 'unknown';

export function sniffCompression(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  // An empty layer is a tar of two zero blocks: still a tar.
  if (looksLikeTar(head) || isZeroBlock(head)) return 'tar';
  return 'unknown';
}

function isZeroBlock(head: Buffer): boolean {
  return head.length >= BLOCK && head.subarray(0, BLOCK).every((b) => b === 0);
}

const USTAR = Buffer.from('ustar');
const MAGIC_AT = 257;
const BLOCK = 512;

/** True for a tar header block (or an empty tar: a zero block). */
export function looksLikeTar(head: Buffer): boolean {
  if (head.length < BLOCK) return false;
  if (head.subarray(MAGIC_AT, MAGIC_AT + USTAR.length).equals(USTAR)) return checksumOk(head);
  return checksumOk(head) && head[0] !== 0;
}

/**
 * The header checksum: the byte sum of the block with the checksum field
 * (offset 148, 8 bytes) counted as spaces, stored as octal.
 */
function checksumOk(block: Buffer): boolean {
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i]!;
  const field = block
    .subarray(148, 156)
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]{1,8}$/.test(field)) return false;
  return parseInt(field, 8) === sum;
}

/** A JSON text starts with `{` or `[` after optional white space. */
export function looksLikeJson(head: Buffer): boolean {
  for (const byte of head) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b || byte === 0x5b;
  }
  return false;
}

/** How the compression reads in a message. Example: "zstd-compressed". */
export function describeCompression(c: Compression): string {
  if (c === 'tar') return 'an uncompressed tar';
  if (c === 'unknown') return 'neither a tar nor a gzip or zstd stream';
  return `${c}-compressed`;
}
