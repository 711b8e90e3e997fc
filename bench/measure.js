// Runs one command as a child process and measures its wall-clock time and
// peak resident memory.
//
// Peak memory, in order of preference:
// 1. GNU time (`/usr/bin/time -f %M`): the kernel's ru_maxrss for the child,
//    exact and the same for node and jq alike.
// 2. Polling /proc/<pid>/status for VmHWM (Linux without GNU time): VmHWM is
//    itself a high-water mark, so polling only misses growth in the last
//    interval before exit.
// 3. Neither: memory is reported as unknown rather than guessed.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 10;
const STDERR_TAIL = 4096;

/** Which of the three methods this machine allows; decided once. */
export function memoryMethod() {
  const probe = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, '-e', ''], { encoding: 'utf8' });
  if (probe.status === 0 && /^\d+\s*$/.test(lastLine(probe.stderr ?? ''))) {
    return { id: 'gnu-time', text: 'peak RSS from GNU time (-f %M, the kernel ru_maxrss)' };
  }
  if (existsSync('/proc/self/status')) {
    return { id: 'proc', text: `peak RSS by polling /proc/<pid>/status VmHWM every ${POLL_MS} ms` };
  }
  return { id: 'none', text: 'peak RSS unavailable (no GNU time, no /proc)' };
}

/**
 * @param {{ id: string }} method from memoryMethod()
 * @param {string} command
 * @param {string[]} args
 * @param {'pipe' | 'ignore' | string} stdout 'pipe' to capture, or a file path to write
 * @returns {Promise<{ seconds: number, peakMb: number | null, code: number | null,
 *   stdout: string, stderr: string }>}
 */
export async function measure(method, command, args, stdout = 'ignore') {
  const dir = await mkdtemp(join(tmpdir(), 'stowaway-bench-'));
  const timeFile = join(dir, 'time.txt');
  const argv = method.id === 'gnu-time' ? ['-f', '%M', '-o', timeFile, command, ...args] : args;
  const program = method.id === 'gnu-time' ? GNU_TIME : command;
  const fd = stdout === 'pipe' || stdout === 'ignore' ? null : openSync(stdout, 'w');
  try {
    const run = await runChild(program, argv, fd ?? stdout, method.id === 'proc');
    const peakKb = method.id === 'gnu-time' ? await readTimeFile(timeFile) : run.hwmKb;
    return { ...run, peakMb: peakKb === null ? null : peakKb / 1024 };
  } finally {
    if (fd !== null) closeSync(fd);
    await rm(dir, { recursive: true, force: true });
  }
}

function runChild(program, argv, stdout, poll) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(program, argv, { stdio: ['ignore', stdout, 'pipe'] });
    let out = '';
    let err = '';
    let hwmKb = null;
    child.stdout?.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-STDERR_TAIL)));
    const timer = poll ? setInterval(() => (hwmKb = vmHwm(child.pid) ?? hwmKb), POLL_MS) : null;
    child.on('error', (e) => {
      if (timer) clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (timer) clearInterval(timer);
      resolve({ seconds, code, stdout: out, stderr: err, hwmKb });
    });
  });
}

/** VmHWM in kB from /proc/<pid>/status, e.g. "VmHWM:\t  123456 kB"; null once the pid is gone. */
function vmHwm(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** GNU time writes "Command exited with non-zero status N" first when the child fails. */
async function readTimeFile(path) {
  const text = await readFile(path, 'utf8').catch(() => '');
  const kb = Number(lastLine(text));
  return Number.isFinite(kb) && lastLine(text) !== '' ? kb : null;
}

function lastLine(text) {
  return text.trim().split('\n').pop()?.trim() ?? '';
}
