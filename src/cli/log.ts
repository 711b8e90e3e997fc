import { forTerminal } from '../report/escape.js';
import type { Io } from './io.js';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/**
 * Messages for people, on stderr only, each with a level and a subsystem:
 * "stowaway: warning [readers] flows.csv:42: not a number". `--quiet` keeps
 * errors only; `--verbose` adds detail.
 */
export class Logger {
  constructor(
    private readonly io: Io,
    readonly verbosity: Verbosity,
  ) {}

  error(message: string): void {
    this.write(`stowaway: error: ${message}`);
  }

  warn(subsystem: string, message: string): void {
    if (this.verbosity !== 'quiet') this.write(`stowaway: warning [${subsystem}] ${message}`);
  }

  info(subsystem: string, message: string): void {
    if (this.verbosity !== 'quiet') this.write(`stowaway: [${subsystem}] ${message}`);
  }

  debug(subsystem: string, message: string): void {
    if (this.verbosity === 'verbose') this.write(`stowaway: [${subsystem}] ${message}`);
  }

  private write(line: string): void {
    this.io.stderr.write(`${forTerminal(line)}\n`);
  }
}
