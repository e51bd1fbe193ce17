// Entry of the app step, run through `npx cdk8s synth` or `npm run synth` (bundled by
// scripts/app.js): the synth app (src/app.ts) with this process's arguments, environment and streams.
import { runSynthApp } from './src/app';
import { endQuietlyOnEpipe } from './src/quiet-pipes';

endQuietlyOnEpipe(process.stdout);
endQuietlyOnEpipe(process.stderr);

runSynthApp({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
);
