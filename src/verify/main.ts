// Entry of `npm run verify` and `npm run kubeconfigs` (bundled and run by scripts/app.js).
import { runVerify } from './cli';
import { runKubeconfigs } from './kubeconfigs';
import { endQuietlyOnEpipe } from '../quiet-pipes';

endQuietlyOnEpipe(process.stdout);
endQuietlyOnEpipe(process.stderr);

const [command, ...args] = process.argv.slice(2);
const deps = {
  env: process.env,
  stdout: (t: string) => console.log(t),
  stderr: (t: string) => console.error(t),
  // On a terminal, --class --watch redraws its matrix each round; piped, the rounds are appended.
  clearScreen: process.stderr.isTTY ? () => process.stderr.write('\u001b[H\u001b[2J') : undefined,
};
const run = command === 'kubeconfigs' ? runKubeconfigs : runVerify;
run(args, deps).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 2;
  },
);
