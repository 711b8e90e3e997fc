import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Custody } from '../../src/evidence/custody.js';

describe('Custody', () => {
  it('hashes and counts every chunk', () => {
    const chunks = [Buffer.from('first chunk '), Buffer.alloc(100_000, 7), Buffer.from('last')];
    const custody = new Custody();
    for (const chunk of chunks) custody.update(chunk);
    custody.finish();
    expect(custody.sha256).toBe(createHash('sha256').update(Buffer.concat(chunks)).digest('hex'));
    expect(custody.bytes).toBe(100_016);
  });

  it('refuses to give a digest before it is finished', () => {
    expect(() => new Custody().sha256).toThrow(/before it was finished/);
  });
});
