import { describe, expect, it } from 'vitest';
import { leadingKeys } from '../../../src/readers/docker/shared/sniff.js';
import { readText } from './helpers.js';

/** File name, content, and what the skip reason must say. */
type Case = [string, string, RegExp];

const CASES: Record<string, Case> = {
  'docker version': ['v.json', '{"Client":{"Version":"28.2"},"Server":{}}\n', /runtime/],
  'podman version': ['v.json', '{"Client":{"APIVersion":"4.3.1"}}', /runtime/],
  'docker info': ['info.json', '{"ID":"bfca","Containers":0,"Driver":"vfs"}', /runtime/],
  'podman info': ['info.json', '{\n "host": {"arch": "amd64"},\n "store": {}\n}', /runtime/],
  'podman top': ['top.txt', '\nUSER  PID  PPID  COMMAND\nroot  1  0  httpd -f\n', /process table/],
  'docker top': ['top.txt', 'UID PID PPID C STIME TTY TIME CMD\nroot 42 1 0 10:00 ? 0 x\n', /top/],
  'kubelet summary': ['s.json', '{\n "node": {"nodeName": "n1"},\n "pods": []\n}', /summary/],
  Prometheus: ['p.json', '{\n "status": "success",\n "data": {"resultType": "matrix"}\n}', /query/],
  'a CLI error': [
    'logs.txt',
    "Error response from daemon: the 'none' log driver\u001b[31m\n",
    /error message.*'none' log driver /s,
  ],
};

describe('recognized and skipped with a reason', () => {
  it.each(Object.entries(CASES))('%s', async (_name, [file, text, reason]) => {
    const result = await readText(file, text);
    expect(result.format).toBe('unknown');
    expect(result.skip).toMatch(reason);
    expect(result.skip).not.toMatch(/\u001b/);
  });
});

describe('leadingKeys', () => {
  it.each([
    { text: '{"a": 1, "b": {"c": 2}, "d": "x"}', want: ['a', 'b', 'd'] },
    { text: '[{"Id": "x", "State": {"Status": "up"}}, {"Other": 1}]', want: ['Id', 'State'] },
    { text: '[{"Id": "x", "Note": "a \\"q\\": v", "State": {', want: ['Id', 'Note', 'State'] },
    { text: '[]', want: [] },
    { text: 'not json', want: [] },
  ])('$text', ({ text, want }) => {
    expect([...leadingKeys(text)]).toEqual(want);
  });
});
