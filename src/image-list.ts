// `npm run images`: every image reference the manifests in a folder pull, one per line, for
// `docker pull`, `kind load docker-image`, `minikube image load` or a pull-through cache. It reads
// what synth wrote (dist/ by default, the default workshop or a class alike), so the list is exactly
// what `kubectl apply -f dist` makes the nodes pull.
import * as fs from 'fs';
import * as path from 'path';
import { makeBundle } from './validation/bundle';
import { YAML } from './yaml';

/** The distinct container images (init containers included) of every `*.k8s.yaml` in `dir`, sorted. */
export function imagesIn(dir: string): string[] {
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.k8s.yaml'))
      .sort();
  } catch (err) {
    throw new Error(
      `cannot read ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'}): run \`npm run synth\` first, or name the folder synth wrote`,
      { cause: err },
    );
  }
  if (files.length === 0)
    throw new Error(`${dir} holds no *.k8s.yaml: run \`npm run synth\` first, or name the folder synth wrote`);
  const manifests = files.flatMap((f) =>
    YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf-8'))
      .map((doc) => doc.toJS())
      .filter((m) => m !== null && typeof m === 'object'),
  );
  const images = makeBundle(manifests.map((manifest) => ({ manifest })))
    .podTemplates.flatMap((t) => t.containers.map((c) => c.container.image))
    .filter((image): image is string => typeof image === 'string');
  return [...new Set(images)].sort();
}
