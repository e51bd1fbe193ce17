// Preloaded into every node process of a benchmarked command (NODE_OPTIONS=--require=...):
// appends this process's peak resident memory, in KiB, to the file named by BENCH_RSS_FILE.
'use strict';
const fs = require('fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
