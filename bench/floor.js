// The floor: the least any JavaScript tool must do with a JSON-lines file,
// namely read it, split it into lines and JSON.parse each one. stowaway's
// time is reported as a multiple of this, measured in the same run on the
// same machine, so the ratio means something wherever the bench runs.
// Usage: node bench/floor.js <file>   (prints the number of lines parsed)

import { createReadStream } from 'node:fs';

const path = process.argv[2];
if (!path) {
  console.error('usage: node bench/floor.js <file.jsonl>');
  process.exit(2);
}

let carry = '';
let lines = 0;
let failed = 0;

function parse(line) {
  if (line === '') return;
  try {
    JSON.parse(line);
    lines += 1;
  } catch {
    failed += 1;
  }
}

// Default stream chunk size and a plain indexOf split: no tuning beyond
// what a careful first version of any reader would have.
for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
  const text = carry + chunk;
  let start = 0;
  let end;
  while ((end = text.indexOf('\n', start)) !== -1) {
    parse(text.slice(start, end));
    start = end + 1;
  }
  carry = text.slice(start);
}
parse(carry);
console.log(JSON.stringify({ lines, failed }));
