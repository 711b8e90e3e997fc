/**
 * Evidence strings are written by the adversary. Before any reaches a
 * terminal, control characters (ESC starts ANSI sequences that can rewrite
 * the screen), C1 controls and bidirectional overrides (which reorder what a
 * reader sees) are shown as visible escapes instead of being obeyed.
 * Example: "ok\u001b[2Jgone" -> "ok\\x1b[2Jgone".
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

export function forTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

export const TRUNCATION_HINT = ' …[cut; --format json has it all]';

/** In narrow cells the hint would leave no room for the value: an ellipsis marks the cut. */
const SHORT_MARK = '…';

/**
 * Cuts long values with a marker that says where to find the rest, or with
 * an ellipsis where the cell is too narrow for the whole hint.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const mark = max >= TRUNCATION_HINT.length * 3 ? TRUNCATION_HINT : SHORT_MARK;
  return text.slice(0, Math.max(0, max - mark.length)) + mark;
}

/** Both, in the order that keeps the marker intact. */
export function cell(text: string, max: number): string {
  return truncate(forTerminal(text), max);
}
