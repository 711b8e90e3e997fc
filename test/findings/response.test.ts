import { describe, expect, it } from 'vitest';
import { bounded, fillTemplate, MAX_TEXT } from '../../src/findings/response.js';

describe('response steps', () => {
  it('fill the entity and the hit values', () => {
    expect(fillTemplate('Stop {entity}: {stop}', 'web', { stop: 'docker stop web' })).toBe(
      'Stop web: docker stop web',
    );
  });

  it('cut a value from evidence that runs to megabytes', () => {
    const command = 'x'.repeat(5_000_000);
    const filled = fillTemplate('Ask who ran {command}.', 'web', { command });
    expect(filled.length).toBeLessThan(MAX_TEXT + 40);
    expect(filled).toContain(' …[cut].');
  });

  it('leave short text alone', () => {
    expect(bounded('short')).toBe('short');
  });
});
