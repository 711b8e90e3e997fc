import { describe, expect, it } from 'vitest';
import { runtimeImageBuiltOnHost } from '../../../src/detect/rules/runtime/image-brought-in.js';
import { lifecycle } from '../../helpers/observations.js';
import { runRule } from '../../helpers/rules.js';

const image = (
  action: string,
  image: string | null,
  detail: string | null,
  notes = ['type:image'],
) => lifecycle({ action, image, detail, notes, container: null, name: null });

describe('runtime-image-built-on-host', () => {
  it.each([
    { obs: image('load', 'kit:1', null), want: 'image load on the host: kit:1' },
    {
      obs: image('load', null, '/srv/images/kit.tar'),
      want: 'image load on the host: /srv/images/kit.tar',
    },
    {
      obs: image('import', 'sha256:ab', '/tmp/rootfs.tar'),
      want: 'image import on the host: sha256:ab from /tmp/rootfs.tar',
    },
    { obs: image('pull', 'nginx:1.25', null), want: null },
    { obs: image('load', 'kit:1', null, []), want: null },
  ])('$obs.action $obs.image', ({ obs, want }) => {
    const hits = runRule(runtimeImageBuiltOnHost, [obs]);
    expect(hits[0]?.hit.summary ?? null).toBe(want);
  });
});
