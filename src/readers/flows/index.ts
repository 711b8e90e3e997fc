import type { Reader, Recognizer } from '../reader.js';
import { argusCsv } from './argus-csv.js';
import { cicflowmeter } from './cicflowmeter.js';
import { nfdumpCsv } from './nfdump-csv.js';
import { NETWORK_RECOGNIZERS } from './recognizers.js';
import { tsharkFields } from './tshark-fields.js';

/**
 * Network flow exports. Each sniffs its CSV header; nfdump comes before
 * argus, as nfdump 1.7.5 also writes "srcAddr" and "dstAddr" (argus has no
 * "firstSeen").
 */
export const READERS: Reader[] = [nfdumpCsv, argusCsv, tsharkFields, cicflowmeter];

export const RECOGNIZERS: Recognizer[] = NETWORK_RECOGNIZERS;
