import { App } from 'cdk8s';
import { catalogueEntry, IMAGES, kuardImage } from '../src/images';
import { Workshop } from '../lib/workshop';
import { imageOverrideWarnings } from '../src/image-overrides';
import { parseImageReference, unpinnedReason } from '../src/validation/rules/image-checks';
import { makeBundle } from '../src/validation/bundle';

/** Every container image of the workshop built from `props`. */
function workshopImages(props: ConstructorParameters<typeof Workshop>[1] = {}): string[] {
  const app = new App({ outdir: 'unused' });
  new Workshop(app, props);
  const objects = app.charts.flatMap((c) => c.toJson()).map((manifest) => ({ manifest }));
  return [...new Set(makeBundle(objects).podTemplates.flatMap((t) => t.containers).map((c) => c.container.image as string))].sort();
}

describe('image catalogue', () => {
  test('every image of the default workshop is catalogued', () => {
    const uncatalogued = workshopImages().filter((image) => catalogueEntry(image) === undefined);
    expect(uncatalogued).toEqual([]);
  });

  test('pins every image to a version; the voting app, whose publisher tags none, by a digest with where it was seen', () => {
    expect(Object.values(IMAGES).filter((facts) => unpinnedReason(facts.ref) !== undefined)).toEqual([]);
    const byDigest = Object.values(IMAGES).filter((facts) => parseImageReference(facts.ref).digest !== undefined);
    expect(byDigest.map((f) => f.key).sort()).toEqual(['result', 'vote', 'worker']);
    for (const facts of byDigest) {
      const { name, tag, digest } = parseImageReference(facts.ref);
      expect(tag).toEqual('latest');
      // The digest in the reference is the one the transcript shows for that repository.
      expect(facts.digestSeen?.shows).toContain(`docker.io/${name}@${digest}`);
    }
  });

  test('finds a digest-pinned entry by its reference, by repository and digest with any tag or none, and with docker.io/', () => {
    const { ref } = IMAGES.vote;
    const digest = parseImageReference(ref).digest;
    expect(catalogueEntry(ref)).toBe(IMAGES.vote);
    expect(catalogueEntry(`dockersamples/examplevotingapp_vote@${digest}`)).toBe(IMAGES.vote);
    expect(catalogueEntry(`docker.io/dockersamples/examplevotingapp_vote:before@${digest}`)).toBe(IMAGES.vote);
    expect(catalogueEntry(`dockersamples/examplevotingapp_result@${digest}`)).toBeUndefined();
    expect(catalogueEntry('dockersamples/examplevotingapp_vote:latest')).toBeUndefined();
    expect(catalogueEntry('docker.io/library/redis:8.6.4-alpine')).toBeUndefined();
  });

  test('records where every fact was read, and runs on amd64 and arm64 (kuard per architecture)', () => {
    for (const facts of Object.values(IMAGES)) {
      expect(facts.sources.length).toBeGreaterThan(0);
      for (const source of facts.sources) expect(source.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      if (facts.key.startsWith('kuard')) continue;
      expect(facts.architectures).toEqual(expect.arrayContaining([expect.stringMatching(/^amd64$/), expect.stringMatching(/^arm64(v8)?$/)]));
    }
    expect(IMAGES.kuardAmd64.architectures).toEqual(['amd64']);
    expect(IMAGES.kuardArm64.architectures).toEqual(['arm64']);
  });

  test('an entrypoint that steps down from root must start as root', () => {
    for (const facts of Object.values(IMAGES)) {
      if (facts.privilegeDrop) expect(facts.startsAsRoot).toBe(true);
    }
    expect(IMAGES.redis.privilegeDrop?.capabilities).toContain('SETPCAP');
  });

  test('picks kuard-amd64 or kuard-arm64 by architecture', () => {
    expect(kuardImage('amd64')).toEqual('gcr.io/kuar-demo/kuard-amd64:v0.9-blue');
    expect(kuardImage('arm64')).toEqual('gcr.io/kuar-demo/kuard-arm64:v0.9-blue');
  });

  test('arch: arm64 puts kuard-arm64 in every kuard exercise and changes no other image', () => {
    const amd = workshopImages();
    const arm = workshopImages({ arch: 'arm64' });
    expect(arm.filter((i) => !amd.includes(i))).toEqual(['gcr.io/kuar-demo/kuard-arm64:v0.9-blue']);
    expect(amd.filter((i) => !arm.includes(i))).toEqual(['gcr.io/kuar-demo/kuard-amd64:v0.9-blue']);
  });

  test('an exercise\'s own image setting wins over arch', () => {
    const images = workshopImages({ arch: 'arm64', exercises: { oneShotJob: { image: 'registry.example/kuard:1.0' } } });
    expect(images).toContain('registry.example/kuard:1.0');
    expect(images).toContain('gcr.io/kuar-demo/kuard-arm64:v0.9-blue');
  });
});

describe('image references', () => {
  test.each([
    ['alpine:3.8.5', { name: 'alpine', tag: '3.8.5' }, undefined],
    ['alpine', { name: 'alpine' }, 'no tag, so it pulls :latest'],
    ['localhost:5000/kuard', { name: 'localhost:5000/kuard' }, 'no tag, so it pulls :latest'],
    ['localhost:5000/kuard:v0.9-blue', { name: 'localhost:5000/kuard', tag: 'v0.9-blue' }, undefined],
    ['busybox:latest', { name: 'busybox', tag: 'latest' }, 'the :latest tag'],
    ['redis:alpine', { name: 'redis', tag: 'alpine' }, 'a tag naming no version (:alpine)'],
    [`redis@sha256:${'a'.repeat(64)}`, { name: 'redis', digest: `sha256:${'a'.repeat(64)}` }, undefined],
    [`redis:alpine@sha256:${'b'.repeat(64)}`, { name: 'redis', tag: 'alpine', digest: `sha256:${'b'.repeat(64)}` }, undefined],
    [`localhost:5000/vote:latest@sha256:${'c'.repeat(64)}`, { name: 'localhost:5000/vote', tag: 'latest', digest: `sha256:${'c'.repeat(64)}` }, undefined],
    ['redis:latest@sha256:abc', { name: 'redis', tag: 'latest', digest: 'sha256:abc' }, 'a malformed digest (@sha256:abc)'],
  ])('%s', (image, parsed, reason) => {
    expect(parseImageReference(image)).toEqual(parsed);
    expect(unpinnedReason(image)).toEqual(reason);
  });
});

describe('image overrides in workshop.yaml', () => {
  test('warns for an image the catalogue does not pin, naming the file and field', () => {
    const warnings = imageOverrideWarnings({ exercises: { votingApp: { postgresImage: 'postgres:9.6', voteImage: 'dockersamples/examplevotingapp_vote:before' }, traceJob: { image: 'alpine:3.8.5' } } }, 'my.yaml');
    expect(warnings).toEqual([
      'my.yaml: exercises.votingApp.postgresImage is "postgres:9.6", which is not in the image catalogue (src/images.ts): '
      + 'its security profile was not checked for this image; check its Dockerfile and entrypoint by hand',
      'my.yaml: exercises.votingApp.voteImage is "dockersamples/examplevotingapp_vote:before", which is not in the image catalogue (src/images.ts): '
      + 'its security profile was not checked for this image; check its Dockerfile and entrypoint by hand',
    ]);
  });

  test('says nothing for catalogued images, such as the exercise\'s switch to postgres:9.4.26-alpine', () => {
    expect(imageOverrideWarnings({ exercises: { votingApp: { postgresImage: 'postgres:9.4.26-alpine' } } }, 'workshop.yaml')).toEqual([]);
    const digest = parseImageReference(IMAGES.worker.ref).digest;
    expect(imageOverrideWarnings({ exercises: { votingApp: { workerImage: IMAGES.worker.ref, voteImage: IMAGES.vote.ref } } }, 'workshop.yaml')).toEqual([]);
    expect(imageOverrideWarnings({ exercises: { votingApp: { workerImage: `dockersamples/examplevotingapp_worker@${digest}` } } }, 'workshop.yaml')).toEqual([]);
    expect(imageOverrideWarnings({}, 'workshop.yaml')).toEqual([]);
  });
});
