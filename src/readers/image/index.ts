import type { Reader, Recognizer } from '../reader.js';

export const READERS: Reader[] = [];

export const RECOGNIZERS: Recognizer[] = [];
