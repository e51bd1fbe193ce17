// `npm run images [-- DIR]`: the images of the manifests in DIR (default dist/), one per line.
import * as path from 'path';
import { imagesIn } from '../src/image-list';

const dir = path.resolve(process.argv[2] ?? 'dist');
try {
  process.stdout.write(
    imagesIn(dir)
      .map((image) => `${image}\n`)
      .join(''),
  );
} catch (err) {
  process.stderr.write(`images: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
