import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** One tar member to write. Mode, owner and time default to 0644, root and the epoch. */
export interface TarItem {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';
  body?: string | Buffer;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Target of a symbolic or hard link. */
  linkname?: string;
}

/** Builds a tar archive in memory, members in the order given. */
export async function buildTar(items: readonly TarItem[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
  for (const item of items) await addEntry(pack, item);
  pack.finalize();
  return done;
}

function addEntry(pack: tar.Pack, item: TarItem): Promise<void> {
  const type = item.type ?? 'file';
  const header = {
    name: item.name,
    type,
    mode: item.mode ?? (type === 'directory' ? 0o755 : 0o644),
    uid: item.uid ?? 0,
    gid: item.gid ?? 0,
    mtime: new Date(0),
    ...(item.linkname !== undefined ? { linkname: item.linkname } : {}),
  };
  return new Promise((resolve, reject) => {
    const cb = (err?: Error | null): void => (err ? reject(err) : resolve());
    if (type === 'file') pack.entry(header, bodyOf(item), cb);
    else pack.entry(header, cb).end(undefined);
  });
}

function bodyOf(item: TarItem): Buffer {
  return typeof item.body === 'string' ? Buffer.from(item.body) : (item.body ?? Buffer.alloc(0));
}

/** Shorthands for the common members. */
export const file = (name: string, body: string | Buffer = '', mode?: number): TarItem => ({
  name,
  body,
  ...(mode !== undefined ? { mode } : {}),
});
export const dir = (name: string, mode?: number): TarItem => ({
  name,
  type: 'directory',
  ...(mode !== undefined ? { mode } : {}),
});
export const symlink = (name: string, linkname: string): TarItem => ({
  name,
  type: 'symlink',
  linkname,
  mode: 0o777,
});
export const hardlink = (name: string, linkname: string): TarItem => ({
  name,
  type: 'link',
  linkname,
});

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Gzip with a fixed header, so the same input gives the same bytes. */
export function gzip(bytes: Buffer): Buffer {
  return gzipSync(bytes);
}

/** The zstd frame magic number followed by junk: enough for sniffing, not a real frame. */
export function fakeZstd(): Buffer {
  return Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(600, 7)]);
}
