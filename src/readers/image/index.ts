import type { Reader, Recognizer } from '../reader.js';
import { imageArchiveReader } from './archive-reader.js';
import { imageHistoryReader } from './history-reader.js';
import { imageInspectReader } from './inspect-reader.js';
import { ociLayoutPartRecognizer } from './layout-recognizer.js';
import { imageListReader } from './listing-reader.js';
import { zstdRecognizer } from './zstd-recognizer.js';

/**
 * Image readers. Archives are told by tar headers; the JSON readers each
 * look for keys the others lack (image inspect has RootFS, container
 * inspect has State; a listing has RepoDigests but no Config).
 */
export const READERS: Reader[] = [
  imageArchiveReader,
  imageInspectReader,
  imageHistoryReader,
  imageListReader,
];

export const RECOGNIZERS: Recognizer[] = [ociLayoutPartRecognizer, zstdRecognizer];
