import { App } from 'cdk8s';
import { catalogueEntry, IMAGES } from '../src/images';
import { Workshop } from '../lib/workshop';
import { parseImageReference, unpinnedReason } from '../src/validation/extract/image-checks';
import { makeBundle } from '../src/validation/bundle';

/** Every container image of the workshop built from `props`. */
function workshopImages(props: ConstructorParameters<typeof Workshop>[1] = {}): string[] {
  const app = new App({ outdir: 'unused' });
  new Workshop(app, props);
  const objects = app.charts.flatMap((c) => c.toJson()).map((manifest) => ({ manifest }));
  return [
    ...new Set(
      makeBundle(objects)
        .podTemplates.flatMap((t) => t.containers)
        .map((c) => c.container.image as string),
    ),
  ].sort();
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
    expect(catalogueEntry('docker.io/library/redis:8.6.6-alpine')).toBeUndefined();
  });

  test('records where every fact was read, and every image runs on amd64 and arm64', () => {
    for (const facts of Object.values(IMAGES)) {
      expect(facts.sources.length).toBeGreaterThan(0);
      for (const source of facts.sources) expect(source.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(facts.architectures).toEqual(
        expect.arrayContaining([expect.stringMatching(/^amd64$/), expect.stringMatching(/^arm64(v8)?$/)]),
      );
    }
  });

  test('no image comes from a registry that no longer serves it (gcr.io shut down)', () => {
    const images = [...workshopImages(), ...Object.values(IMAGES).map((f) => f.ref)];
    expect(images.filter((i) => /^(gcr\.io|k8s\.gcr\.io)\//.test(i))).toEqual([]);
  });

  test('an entrypoint that steps down from root must start as root', () => {
    for (const facts of Object.values(IMAGES)) {
      if (facts.privilegeDrop) expect(facts.startsAsRoot).toBe(true);
    }
    expect(IMAGES.redis.privilegeDrop?.capabilities).toContain('SETPCAP');
  });

  test("the kuard exercises run the catalogue's node image by default, and kuardImage switches all of them", () => {
    const defaults = workshopImages();
    expect(defaults).toContain(IMAGES.node.ref);
    const built = workshopImages({ kuardImage: 'kuard:a27b696' });
    expect(built).toContain('kuard:a27b696');
    // node runs nothing else: the switch takes it out entirely, and changes no other image.
    expect(built).not.toContain(IMAGES.node.ref);
    expect(built.filter((i) => !defaults.includes(i))).toEqual(['kuard:a27b696']);
  });

  test("an exercise's own image setting wins over kuardImage", () => {
    const images = workshopImages({
      kuardImage: 'kuard:a27b696',
      exercises: { oneShotJob: { image: 'registry.example/kuard:1.0' } },
    });
    expect(images).toContain('registry.example/kuard:1.0');
    expect(images).toContain('kuard:a27b696');
  });
});
