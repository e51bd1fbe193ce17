// `npm run images`: the list of what dist/ pulls, checked against manifests synth wrote.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { imagesIn } from '../src/image-list';
import { catalogueEntry, IMAGES } from '../src/images';
import { synthApp, WORKSHOP_YAML } from './synth-app';
import { ROOT, tempDir } from './util';

/** The `image:` values in the YAML text of every file in `dir`, read without a YAML parser. */
function imageLines(dir: string): string[] {
  const text = fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf-8'))
    .join('\n');
  return [...new Set([...text.matchAll(/^\s*(?:- )?image: (\S+)$/gm)].map((m) => m[1]))].sort();
}

describe('npm run images', () => {
  let single: string;
  let fleet: string;
  beforeAll(async () => {
    single = path.join(tempDir(), 'dist');
    expect((await synthApp({ CDK8S_OUTDIR: single, WORKSHOP_CONFIG: WORKSHOP_YAML })).status).toBe(0);
    const dir = tempDir();
    fleet = path.join(dir, 'dist');
    fs.writeFileSync(
      path.join(dir, 'workshop.yaml'),
      `${fs.readFileSync(WORKSHOP_YAML, 'utf-8')}\nstudents: [alice, bob]\n`,
    );
    expect((await synthApp({ CDK8S_OUTDIR: fleet, WORKSHOP_CONFIG: path.join(dir, 'workshop.yaml') })).status).toBe(0);
  });

  test("lists every image the default workshop's dist/ pulls, once each, all catalogued, none from gcr.io", () => {
    const images = imagesIn(single);
    expect(images).toEqual(imageLines(single));
    expect(images.every((i) => catalogueEntry(i) !== undefined)).toBe(true);
    expect(images).toEqual(
      expect.arrayContaining([IMAGES.node.ref, IMAGES.redis.ref, IMAGES.kubectl.ref, IMAGES.curl.ref]),
    );
    expect(images.filter((i) => i.startsWith('gcr.io/'))).toEqual([]);
  });

  test('lists the same images for a class, whose file per student holds every exercise', () => {
    expect(fs.readdirSync(fleet).sort()).toEqual(['alice.k8s.yaml', 'bob.k8s.yaml']);
    expect(imagesIn(fleet)).toEqual(imagesIn(single));
  });

  test('prints one per line from the npm script, and fails with a clear line when there is nothing synthesized', () => {
    const run = spawnSync(process.execPath, ['scripts/app.js', 'scripts/images.ts', single], {
      cwd: ROOT,
      encoding: 'utf-8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toEqual(
      imagesIn(single)
        .map((i) => `${i}\n`)
        .join(''),
    );
    const missing = path.join(tempDir(), 'nothing');
    const bad = spawnSync(process.execPath, ['scripts/app.js', 'scripts/images.ts', missing], {
      cwd: ROOT,
      encoding: 'utf-8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toEqual(
      `images: cannot read ${missing} (ENOENT): run \`npm run synth\` first, or name the folder synth wrote\n`,
    );
  });
});
