import { describe, expect, it } from 'vitest';
import { commandFromUri, containerExec } from '../../src/detect/rules/runtime/exec.js';
import { api, lifecycle } from '../helpers/observations.js';
import { runRule } from '../helpers/rules.js';

describe('container-exec', () => {
  it.each([
    {
      name: 'docker exec_create',
      obs: [lifecycle({ action: 'exec_create', detail: 'sh -c id' })],
      want: [undefined],
    },
    {
      name: 'podman exec without command',
      obs: [lifecycle({ action: 'exec' })],
      want: [undefined],
    },
    {
      name: 'reads shadow',
      obs: [lifecycle({ action: 'exec_create', detail: 'cat /etc/shadow' })],
      want: ['high'],
    },
    {
      name: 'exec_start alone still counts',
      obs: [lifecycle({ action: 'exec_start', detail: 'id' })],
      want: [undefined],
    },
    { name: 'start', obs: [lifecycle({ action: 'start' })], want: [] },
    {
      name: 'audit exec',
      obs: [
        api({
          subresource: 'exec',
          requestURI: '/api/v1/namespaces/default/pods/web-1/exec?command=bash',
        }),
      ],
      want: ['high'],
    },
    {
      name: 'audit exec of one command',
      obs: [api({ subresource: 'exec', requestURI: '/x/exec?command=ls&command=-l' })],
      want: [undefined],
    },
    {
      name: 'audit exec the API server refused',
      obs: [api({ subresource: 'exec', code: 403, requestURI: '/x/exec?command=bash' })],
      want: [],
    },
    {
      name: 'audit exec stages counted once',
      obs: [
        api({ stage: 'ResponseStarted', subresource: 'exec', requestURI: '/x/exec?command=id' }),
        api({ stage: 'ResponseComplete', subresource: 'exec', requestURI: '/x/exec?command=id' }),
      ],
      want: [undefined],
    },
    { name: 'audit attach', obs: [api({ subresource: 'attach' })], want: [undefined] },
    { name: 'audit pod create', obs: [api({})], want: [] },
  ])('$name', ({ obs, want }) => {
    expect(runRule(containerExec, obs).map((h) => h.hit.severity)).toEqual(want);
  });

  it.each([
    {
      uri: '/api/v1/namespaces/d/pods/p/exec?command=cat&command=%2Fetc%2Fshadow&stdin=true',
      want: 'cat /etc/shadow',
    },
    { uri: '/api/v1/namespaces/d/pods/p/exec?container=c', want: '' },
    { uri: '/api/v1/namespaces/d/pods/p/exec', want: '' },
    { uri: null, want: '' },
  ])('command from $uri', ({ uri, want }) => {
    expect(commandFromUri(uri)).toBe(want);
  });
});
