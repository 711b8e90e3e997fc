import { jsonShape } from '../../evidence/json-document.js';
import type { Head } from '../../evidence/open.js';
import { obj } from '../../util/text.js';
import type { Recognizer } from '../reader.js';

/**
 * Zeek logs (https://docs.zeek.org/en/master/log-formats.html), known but
 * read by a later version. The TSV form opens with directives, possibly
 * after comment lines (btest baselines start with "### BTest …"):
 *   #separator \x09
 *   #fields	ts	uid	id.orig_h	…
 * The JSON form is one object a line with "ts" and "uid", "_path" or the
 * connection 4-tuple ("id.orig_h", or "id_orig_h" under another scope
 * separator).
 */
const LATER = 'Zeek logs are read by a later version';

export const zeekTsv: Recognizer = {
  id: 'zeek-tsv',
  sniff: (head) =>
    head.text !== null && /^#separator /m.test(leading(head.text)) && /^#fields\t/m.test(head.text),
  reason: (head) => {
    const path = /^#path\t(\S+)/m.exec(head.text ?? '')?.[1];
    return `Zeek ${path ? `${path} ` : ''}log (TSV with #fields header): ${LATER}`;
  },
};

export const zeekJson: Recognizer = {
  id: 'zeek-json',
  sniff: (head) => zeekRecord(head) !== null,
  reason: () => `Zeek log (JSON lines): ${LATER}`,
};

/** The first lines of a text, where Zeek's directives are. */
function leading(text: string): string {
  return text.split('\n', 20).join('\n');
}

const ZEEK_KEYS = ['uid', '_path', 'id.orig_h', 'id_orig_h'];

function zeekRecord(head: Head): Record<string, unknown> | null {
  const shape = jsonShape(head.text);
  if (!shape) return null;
  const record = obj(shape.shape === 'lines' ? shape.first : shape.value);
  if (!record || !('ts' in record)) return null;
  return ZEEK_KEYS.some((k) => k in record) ? record : null;
}
