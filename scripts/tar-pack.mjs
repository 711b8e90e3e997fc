// Builds a tar archive in memory, for the scripts that write image fixtures.
// Entries are { name, body, mode, type, linkname, … } as tar-stream takes
// them; every entry gets the given time and root ownership, so the bytes
// depend on the entries alone.
import tar from 'tar-stream';

export async function packTar(entries, mtime) {
  const p = tar.pack();
  const chunks = [];
  p.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => p.on('end', resolve));
  for (const { name, body = '', ...rest } of entries) {
    await new Promise((resolve, reject) =>
      p.entry({ name, mtime, uid: 0, gid: 0, mode: 0o644, ...rest }, body, (e) =>
        e ? reject(e) : resolve(),
      ),
    );
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}
