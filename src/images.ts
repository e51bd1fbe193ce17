// The image catalogue: every image the workshop runs, pinned, with the facts its security profile
// rests on and where each fact was read. Constructs take their images from here; the `image-profile`
// validation rule checks every container's securityContext against these facts.

/** CPU architectures as Kubernetes nodes report them (`kubernetes.io/arch`). */
export type Arch = 'amd64' | 'arm64';
export const ARCHES: readonly Arch[] = ['amd64', 'arm64'];

/** A file read upstream, at the version pinned, and what was read in it. */
export interface ImageSource {
  /** `owner/name` on GitHub. */
  readonly repo: string;
  readonly path: string;
  /** Commit the file was read at. */
  readonly commit: string;
  /** What this file shows. */
  readonly shows: string;
}

/** The user an image starts as, from its Dockerfile's `USER` (root when there is none). */
export interface ImageUser {
  readonly name: string;
  /** Numeric uid, or undefined where it could not be read. */
  readonly uid?: number;
}

export interface ImageFacts {
  /** Catalogue key. */
  readonly key: string;
  /** The reference the workshop pulls: repository and exact version tag. */
  readonly ref: string;
  /** The upstream version the tag names. */
  readonly version: string;
  readonly user: ImageUser;
  /**
   * How the entrypoint drops privileges, if it does. An entrypoint that starts as root, fixes
   * ownership and steps down must start as root (uid 0) with `capabilities`.
   */
  readonly privilegeDrop?: { readonly how: string; readonly capabilities: readonly string[] };
  /**
   * Capabilities the image needs besides its privilege drop (binding a port below 1024 as root).
   * @default - none
   */
  readonly capabilities?: readonly string[];
  /** True when the image only works when started as uid 0 (its entrypoint or its port needs root). */
  readonly startsAsRoot: boolean;
  /** Paths the image writes at run time; each needs a volume when the root filesystem is read-only. */
  readonly writes: readonly string[];
  /** Port the program binds, if it serves. */
  readonly port?: number;
  /** Architectures published under this reference (a multi-arch index lists several). */
  readonly architectures: readonly string[];
  readonly sources: readonly ImageSource[];
  /** Facts that could not be read; the profile chosen for them is the conservative one. */
  readonly unverified: readonly string[];
  /**
   * Where the digest in `ref` was seen, for an image whose publisher tags no version: the digest
   * is then what pins it, so where it came from is a fact like the others.
   * @default - the tag names a version
   */
  readonly digestSeen?: { readonly where: string; readonly shows: string };
}

const OFFICIAL = 'docker-library/official-images';

// The voting app's images: dockersamples tags no version, so they are pinned by the digests a
// cluster pulled (containerd reports as Image ID the digest the tag resolved to).
const VOTING_APP = 'dockersamples/example-voting-app';
const VOTING_APP_HEAD = '63e9150ca17af4ed05880d4245e486481f73fcb4';
const DESCRIBE_PODS =
  'a public `kubectl describe pods` transcript of an AKS cluster (containerd, Kubernetes 1.32.6), ' +
  'dated 2025-09-10, with the untagged (= latest) references (search index file id 63128621918)';
const VOTING_APP_UNVERIFIED = [
  "the digest is read from a cluster, not from the registry (no registry access here); containerd's Image ID is " +
    'the digest the tag resolved to, i.e. the multi-platform index, so amd64 and arm64 nodes each pull their own image. ' +
    "If it were one platform's manifest instead, arm64 nodes would get the amd64 image (exec format error)",
  'that the image under this digest was built from the Dockerfile read: the workflow pushes only on a push to main ' +
    "touching the image's folder, and none has been made since 2024-10-10, so the image of September 2025 is reasoned to be that build",
];

function image(facts: Omit<ImageFacts, 'key'>): Omit<ImageFacts, 'key'> {
  return facts;
}

const CATALOGUE = {
  alpine: image({
    // The seed's `alpine:3.8`; 3.8.5 is that line's last release (the branch is end of life).
    ref: 'alpine:3.8.5',
    version: '3.8.5',
    user: { name: 'root', uid: 0 },
    startsAsRoot: false,
    writes: [],
    architectures: ['amd64', 'arm64v8', 'arm32v6', 'i386', 'ppc64le', 's390x'],
    sources: [
      {
        repo: 'alpinelinux/docker-alpine',
        path: 'x86_64/Dockerfile',
        commit: 'c0919567e0350f0128fcad803d8e79c4ecfdf258',
        shows: 'FROM scratch, the 3.8.5 minirootfs, CMD /bin/sh; no USER (root), no ENTRYPOINT',
      },
      {
        repo: OFFICIAL,
        path: 'library/alpine',
        commit: 'c81887a3c9445ad55e391c323e7055f16476b0a4',
        shows: 'tags 3.8.5, 3.8 at GitCommit c0919567; architectures',
      },
    ],
    unverified: ['digest'],
  }),
  redis: image({
    // Redis 8 (what `redis:alpine` floats to) steps down with setpriv and an empty bounding set.
    // 8.6.4 had a use-after-free (a crafted stream RESTORE); 8.6.5 fixed it, 8.6.6 is the 2026-08-18 security release.
    ref: 'redis:8.6.6-alpine',
    version: '8.6.6',
    user: { name: 'root', uid: 0 },
    privilegeDrop: {
      how:
        'docker-entrypoint.sh, as root with SETUID and SETGID in the bounding set: chown/chmod of /data ' +
        '(find as root), then `setpriv --reuid redis --regid redis --clear-groups --nnp --inh-caps=-all ' +
        '--ambient-caps=-all --bounding-set=-all`; clearing the bounding set needs SETPCAP. Without SETUID ' +
        'or SETGID it skips the drop and runs redis as root.',
      capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETPCAP', 'SETUID'],
    },
    startsAsRoot: true,
    writes: ['/data'],
    port: 6379,
    architectures: ['amd64', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'ppc64le', 'riscv64', 's390x'],
    sources: [
      {
        repo: 'redis/docker-library-redis',
        path: 'alpine/Dockerfile',
        commit: 'd573aa9142ef37e40e5ec71c0d8824497359accb',
        shows:
          'tag v8.6.6: redis 8.6.6 built on alpine:3.23; addgroup -g 1000 redis, adduser -u 999 redis; apk add setpriv; mkdir /data, chown redis; WORKDIR /data; EXPOSE 6379; ENTRYPOINT docker-entrypoint.sh; CMD redis-server; no USER (root)',
      },
      {
        repo: 'redis/docker-library-redis',
        path: 'alpine/docker-entrypoint.sh',
        commit: '0d55be9aa67b917c2a45cadabf07518f356443b0',
        shows:
          'has_cap setuid && has_cap setgid gate; fix_data_dir_perms (chown redis, chmod u+rw); exec setpriv ... --bounding-set=-all',
      },
      {
        repo: OFFICIAL,
        path: 'library/redis',
        commit: '37079fb336f572a88700cf32e5e1f6be54a04e8f',
        shows:
          'tags 8.6.6-alpine, 8.6-alpine at GitCommit d573aa91, Directory alpine (the 2026-08-18 security release; 8.6.5 of 2026-07-24 fixed the stream RESTORE use-after-free in 8.6.4); architectures',
      },
    ],
    unverified: [
      "docker-entrypoint.sh was read at 0d55be9a and 28f61331, not at the release commit d573aa91 (not stored); both have the same setpriv drop, only setpriv's path differs",
      'the CVE list of 8.6.6 (official-images #22078 says only "several security fixes")',
      'digest',
    ],
  }),
  postgres: image({
    ref: 'postgres:9.4.26',
    version: '9.4.26',
    user: { name: 'root', uid: 0 },
    privilegeDrop: {
      how:
        'docker-entrypoint.sh as root: mkdir/chmod 700 $PGDATA, chmod 775 /var/run/postgresql, ' +
        '`find ... ! -user postgres -exec chown postgres`, then `exec gosu postgres` (setgroups, setgid, setuid)',
      capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
    },
    startsAsRoot: true,
    writes: ['/var/lib/postgresql/data', '/var/run/postgresql'],
    port: 5432,
    architectures: ['amd64', 'arm32v5', 'arm32v7', 'arm64v8', 'i386', 'ppc64le', 's390x'],
    sources: [
      {
        repo: 'docker-library/postgres',
        path: '9.4/Dockerfile',
        commit: 'ef7af1266db5b895a2981aeba25accf074d82a6b',
        shows:
          'debian:stretch-slim; postgres uid/gid 999; gosu; PGDATA /var/lib/postgresql/data; /var/run/postgresql 2777; EXPOSE 5432; no USER (root)',
      },
      {
        repo: 'docker-library/postgres',
        path: '9.4/docker-entrypoint.sh',
        commit: 'ef7af1266db5b895a2981aeba25accf074d82a6b',
        shows: 'docker_create_db_directories (mkdir, chmod, chown as root), exec gosu postgres',
      },
      {
        repo: OFFICIAL,
        path: 'library/postgres',
        commit: '044fa382fb4ce789c44636bf5ca1b4aca253fa0f',
        shows: 'last listing of 9.4: tags 9.4.26, 9.4 at GitCommit ef7af126; architectures',
      },
    ],
    unverified: ['digest', 'end of life since February 2020: no newer 9.4 image exists'],
  }),
  postgresAlpine: image({
    ref: 'postgres:9.4.26-alpine',
    version: '9.4.26',
    user: { name: 'root', uid: 0 },
    privilegeDrop: {
      how:
        'docker-entrypoint.sh as root: the same directory setup as the Debian image (re-chowns a volume ' +
        'initialised by uid 999 to uid 70), then `exec su-exec postgres`',
      capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
    },
    startsAsRoot: true,
    writes: ['/var/lib/postgresql/data', '/var/run/postgresql'],
    port: 5432,
    architectures: ['amd64', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'ppc64le', 's390x'],
    sources: [
      {
        repo: 'docker-library/postgres',
        path: '9.4/alpine/Dockerfile',
        commit: '473b58e971e2eb0351af12288dc4976bd3c591ad',
        shows:
          'alpine:3.11; postgres uid/gid 70; su-exec; PGDATA /var/lib/postgresql/data; EXPOSE 5432; no USER (root)',
      },
      {
        repo: 'docker-library/postgres',
        path: '9.4/alpine/docker-entrypoint.sh',
        commit: '473b58e971e2eb0351af12288dc4976bd3c591ad',
        shows: 'find "$PGDATA" ! -user postgres -exec chown postgres; exec su-exec postgres',
      },
      {
        repo: OFFICIAL,
        path: 'library/postgres',
        commit: '044fa382fb4ce789c44636bf5ca1b4aca253fa0f',
        shows: 'tags 9.4.26-alpine, 9.4-alpine at GitCommit 473b58e9; architectures',
      },
    ],
    unverified: ['digest', 'end of life since February 2020'],
  }),
  vote: image({
    // No version tag exists (only latest, before, after, from one build): the digest pins it; the tag is for readers.
    ref: 'dockersamples/examplevotingapp_vote:latest@sha256:7102d3b952ec84e3541ee12e7217e320c52aed60b13501c3158f46376a907466',
    version: 'main at 63e9150 (2024-10-10)',
    user: { name: 'root', uid: 0 },
    capabilities: ['NET_BIND_SERVICE'],
    startsAsRoot: true,
    writes: ['/tmp', '/usr/local/app'],
    port: 80,
    architectures: ['amd64', 'arm64', 'arm/v7'],
    sources: [
      {
        repo: VOTING_APP,
        path: 'vote/Dockerfile',
        commit: VOTING_APP_HEAD,
        shows:
          'python:3.11-slim; no USER (root); gunicorn -b 0.0.0.0:80 (a port below 1024: root with NET_BIND_SERVICE); EXPOSE 80',
      },
      {
        repo: VOTING_APP,
        path: '.github/workflows/call-docker-build-vote.yaml',
        commit: VOTING_APP_HEAD,
        shows:
          'tags latest, before and after from the same build, pushed only on a push to main touching vote/; platforms linux/amd64, linux/arm64, linux/arm/v7',
      },
      {
        repo: VOTING_APP,
        path: 'vote/',
        commit: 'a4901e48f1f0ba38da121b5817cbb050483f0b58',
        shows: 'the last commit touching vote/ (2024-10-10); the newest commit is 63e9150, the same day',
      },
    ],
    digestSeen: {
      where: DESCRIBE_PODS,
      shows:
        'pod vote, image dockersamples/examplevotingapp_vote: Image ID docker.io/dockersamples/examplevotingapp_vote@sha256:7102d3b952ec84e3541ee12e7217e320c52aed60b13501c3158f46376a907466',
    },
    unverified: [
      ...VOTING_APP_UNVERIFIED,
      'writes: gunicorn heartbeat files in /tmp and Python bytecode next to the app (the root filesystem stays writable)',
    ],
  }),
  result: image({
    ref: 'dockersamples/examplevotingapp_result:latest@sha256:06c50992ab258e1d83406784040842bb920f6938eabac19261e7ec634f878935',
    version: 'main at 63e9150 (2024-10-10)',
    user: { name: 'root', uid: 0 },
    capabilities: ['NET_BIND_SERVICE'],
    startsAsRoot: true,
    writes: [],
    port: 80,
    architectures: ['amd64', 'arm64', 'arm/v7'],
    sources: [
      {
        repo: VOTING_APP,
        path: 'result/Dockerfile',
        commit: VOTING_APP_HEAD,
        shows: 'node:18-slim; no USER (root); ENV PORT=80; ENTRYPOINT tini -- node server.js; EXPOSE 80',
      },
      {
        repo: VOTING_APP,
        path: '.github/workflows/call-docker-build-result.yaml',
        commit: VOTING_APP_HEAD,
        shows:
          'tags latest, before and after from the same build, pushed only on a push to main touching result/; platforms linux/amd64, linux/arm64, linux/arm/v7',
      },
      {
        repo: VOTING_APP,
        path: 'result/',
        commit: '2932a6f3d42986e6e691ad226bfc46624efdcccd',
        shows: 'the last commit touching result/ (2024-10-10); the newest commit is 63e9150, the same day',
      },
    ],
    digestSeen: {
      where: DESCRIBE_PODS,
      shows:
        'pod result, image dockersamples/examplevotingapp_result: Image ID docker.io/dockersamples/examplevotingapp_result@sha256:06c50992ab258e1d83406784040842bb920f6938eabac19261e7ec634f878935',
    },
    unverified: [...VOTING_APP_UNVERIFIED, 'writes: none read; the root filesystem stays writable'],
  }),
  worker: image({
    // The worker's workflow publishes `latest` only.
    ref: 'dockersamples/examplevotingapp_worker:latest@sha256:c8a8571065479c12567e8e440836e543d185c678cd4781a32b100f71e8f39c86',
    version: 'main at 63e9150 (2024-10-10)',
    user: { name: 'root', uid: 0 },
    startsAsRoot: false,
    writes: ['/tmp'],
    architectures: ['amd64', 'arm64', 'arm/v7'],
    sources: [
      {
        repo: VOTING_APP,
        path: 'worker/Dockerfile',
        commit: VOTING_APP_HEAD,
        shows: 'mcr.microsoft.com/dotnet/runtime:7.0; no USER (root); ENTRYPOINT dotnet Worker.dll; no port',
      },
      {
        repo: VOTING_APP,
        path: '.github/workflows/call-docker-build-worker.yaml',
        commit: VOTING_APP_HEAD,
        shows:
          'tag latest only, pushed only on a push to main touching worker/; platforms linux/amd64, linux/arm64, linux/arm/v7',
      },
      {
        repo: VOTING_APP,
        path: 'worker/',
        commit: 'a4901e48f1f0ba38da121b5817cbb050483f0b58',
        shows: 'the last commit touching worker/ (2024-10-10); the newest commit is 63e9150, the same day',
      },
    ],
    digestSeen: {
      where: DESCRIBE_PODS,
      shows:
        'pod worker, image dockersamples/examplevotingapp_worker: Image ID docker.io/dockersamples/examplevotingapp_worker@sha256:c8a8571065479c12567e8e440836e543d185c678cd4781a32b100f71e8f39c86',
    },
    unverified: [
      ...VOTING_APP_UNVERIFIED,
      "writes: the .NET runtime's diagnostics socket in /tmp (the root filesystem stays writable)",
    ],
  }),
  kubectl: image({
    // Within kubectl's one-minor skew of 1.35, 1.36 and 1.37 clusters (1.34 is two minors away: the
    // exercises' get/create calls are stable APIs).
    ref: 'registry.k8s.io/kubectl:v1.36.4',
    version: '1.36.4',
    user: { name: 'root', uid: 0 },
    startsAsRoot: false,
    writes: ['$HOME/.kube/cache'],
    architectures: ['amd64', 'arm64', 'ppc64le', 's390x'],
    sources: [
      {
        repo: 'kubernetes/kubernetes',
        path: 'build/server-image/kubectl/Dockerfile',
        commit: '3c076e4b7d5b348d4f6d506bcccda5f25c38cc86',
        shows: 'FROM $BASEIMAGE; COPY kubectl /bin/; ENTRYPOINT ["/bin/kubectl"]; no USER',
      },
      {
        repo: 'kubernetes/kubernetes',
        path: 'CHANGELOG/CHANGELOG-1.36.md',
        commit: '008b3652959ca58af8be3fb5b6ecfe9ae7638282',
        shows: 'registry.k8s.io/kubectl published for amd64, arm64, ppc64le, s390x',
      },
    ],
    unverified: [
      'the Dockerfile at the v1.36.4 tag (not stored); the workshop relies only on ENTRYPOINT kubectl and runs it with arguments alone, so a base without a shell (distroless) works too',
      "v1.36.4 (2026-08-11) is the newest 1.36 patch seen on kubernetes.io's release page; later patches may exist",
      'digest',
    ],
  }),
  node: image({
    // The kuard-compatible program (lib/kuard-workload.ts) runs on it: Node's standard library only.
    // Node 24 is the LTS line (tags lts, krypton).
    ref: 'node:24.19.0-alpine3.24',
    version: '24.19.0',
    user: { name: 'root', uid: 0 },
    startsAsRoot: false,
    writes: [],
    port: 8080,
    architectures: ['amd64', 'arm64v8', 's390x'],
    sources: [
      {
        repo: 'nodejs/docker-node',
        path: '24/alpine3.24/Dockerfile',
        commit: 'fd1bf45c51970427bc899084b5381f6827722246',
        shows:
          'FROM alpine:3.24; NODE_VERSION 24.19.0; adduser -u 1000 node (not used: no USER, so root); ENTRYPOINT docker-entrypoint.sh; CMD node; no EXPOSE',
      },
      {
        repo: 'nodejs/docker-node',
        path: '24/alpine3.24/docker-entrypoint.sh',
        commit: 'fd1bf45c51970427bc899084b5381f6827722246',
        shows:
          'prepends node for options or a non-command, then exec "$@"; drops nothing (the workshop sets command: node, so it is not used)',
      },
      {
        repo: OFFICIAL,
        path: 'library/node',
        commit: '37079fb336f572a88700cf32e5e1f6be54a04e8f',
        shows:
          'tags 24.19.0-alpine3.24, 24-alpine, lts-alpine at GitCommit fd1bf45c, Directory 24/alpine3.24; architectures',
      },
    ],
    unverified: [
      'digest',
      'writes: node running a file writes nothing; the program keeps keys and queues in memory (tested with node here)',
    ],
  }),
  curl: image({
    ref: 'curlimages/curl:8.21.0',
    version: '8.21.0',
    user: { name: 'curl_user' },
    startsAsRoot: false,
    writes: [],
    architectures: ['amd64', 'arm64', 'arm/v7', '386', 'ppc64le'],
    sources: [
      {
        repo: 'curl/curl-container',
        path: 'create_base_image.sh',
        commit: 'a4612856021bbc2fcca3c62b1a7e88c989fdd4cf',
        shows:
          'tag 8.21.0: alpine:3.24.1 base (Makefile); adduser -S curl_user (no uid given); ENTRYPOINT /entrypoint.sh (prepends curl unless the first argument is a command)',
      },
      {
        repo: 'curl/curl-container',
        path: 'create_appliance_image.sh',
        commit: 'a4612856021bbc2fcca3c62b1a7e88c989fdd4cf',
        shows: 'USER curl_user (a name, not a number), WORKDIR /home/curl_user',
      },
      {
        repo: 'curl/curl-container',
        path: 'create_multi.sh',
        commit: 'a4612856021bbc2fcca3c62b1a7e88c989fdd4cf',
        shows: 'platforms linux/386, linux/arm/v7, linux/amd64, linux/arm64, linux/ppc64le',
      },
    ],
    unverified: [
      'uid: `adduser -S` takes the first free system uid (curl-container issue #25, "Use numeric id for USER", is open); the workshop sets 65534 itself',
      'digest',
    ],
  }),
  python: image({
    ref: 'python:3.12.14-alpine3.24',
    version: '3.12.14',
    user: { name: 'root', uid: 0 },
    startsAsRoot: false,
    writes: [],
    architectures: ['amd64', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'ppc64le', 'riscv64', 's390x'],
    sources: [
      {
        repo: 'docker-library/python',
        path: '3.12/alpine3.24/Dockerfile',
        commit: 'f2c5d1b8a6adecb5b00b3c9331d4f863beade6b3',
        shows:
          'alpine:3.24; PYTHON_VERSION 3.12.14; no USER (root); CMD python3; every *.pyc is deleted, so Python compiles the stdlib in memory and skips caches it cannot write',
      },
      {
        repo: OFFICIAL,
        path: 'library/python',
        commit: '37079fb336f572a88700cf32e5e1f6be54a04e8f',
        shows: 'tag 3.12.14-alpine3.24 at GitCommit f2c5d1b8; architectures',
      },
    ],
    unverified: ['digest'],
  }),
  busybox: image({
    // 1.36 is no longer published (official-images dropped it on 2026-05-22); 1.37.0 is the newest of the line after it.
    ref: 'busybox:1.37.0',
    version: '1.37.0',
    user: { name: 'root', uid: 0 },
    startsAsRoot: false,
    writes: [],
    architectures: ['amd64', 'arm32v5', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'ppc64le', 'riscv64', 's390x'],
    sources: [
      {
        repo: 'docker-library/busybox',
        path: 'latest-1/glibc/amd64/image-config.json',
        commit: '70ce0fb98bee360bbcce132660d727bf6ce55a99',
        shows: 'BusyBox 1.37.0 (glibc), Debian 13: Cmd sh, no User (root), no Entrypoint',
      },
      {
        repo: OFFICIAL,
        path: 'library/busybox',
        commit: '37079fb336f572a88700cf32e5e1f6be54a04e8f',
        shows: 'tags 1.37.0, 1.37 (glibc; musl on arm32v6) at GitCommit e7bf068f; architectures',
      },
    ],
    unverified: ['digest'],
  }),
  bash: image({
    ref: 'bash:5.2.37',
    version: '5.2.37',
    user: { name: 'root', uid: 0 },
    startsAsRoot: false,
    writes: [],
    architectures: ['amd64', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'ppc64le', 'riscv64', 's390x'],
    sources: [
      {
        repo: 'tianon/docker-bash',
        path: '5.2/Dockerfile',
        commit: '9fc164bd1a8e4bfe16c517623ce935dc821bbb08',
        shows: 'alpine:3.22; bash 5.2.37; no USER (root); ENTRYPOINT docker-entrypoint.sh; CMD bash',
      },
      {
        repo: 'tianon/docker-bash',
        path: '5.2/docker-entrypoint.sh',
        commit: '9fc164bd1a8e4bfe16c517623ce935dc821bbb08',
        shows: 'prepends bash for options or no arguments, else exec "$@"; drops nothing, writes nothing',
      },
      {
        repo: OFFICIAL,
        path: 'library/bash',
        commit: '39bccf8e465a66025322cad9ff8bcd3897b4cac4',
        shows: 'tags 5.2.37, 5.2 at GitCommit 9fc164bd; architectures',
      },
    ],
    unverified: ['digest'],
  }),
};

export type ImageKey = keyof typeof CATALOGUE;

/** Every catalogued image, by key. */
export const IMAGES: { readonly [K in ImageKey]: ImageFacts } = Object.fromEntries(
  Object.entries(CATALOGUE).map(([key, facts]) => [key, { key, ...facts }]),
) as { readonly [K in ImageKey]: ImageFacts };

/** The pinned reference of a catalogued image. */
export function imageRef(key: ImageKey): string {
  return IMAGES[key].ref;
}

/** What an image reference pins: the tag, and the digest if it has one. */
export function parseImageReference(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  // A ':' after the last '/' starts the tag; one before it belongs to a registry host:port.
  const colon = withoutDigest.lastIndexOf(':');
  const tagged = colon > withoutDigest.lastIndexOf('/');
  return {
    name: tagged ? withoutDigest.slice(0, colon) : withoutDigest,
    tag: tagged ? withoutDigest.slice(colon + 1) : undefined,
    digest,
  };
}

/**
 * `name@digest` of a digest-pinned reference, or undefined. The runtime pulls by digest alone, so the
 * tag does not matter, and Docker Hub's implicit `docker.io/` (`docker.io/library/`) is dropped.
 */
function byDigestKey(ref: string): string | undefined {
  const { name, digest } = parseImageReference(ref);
  return digest === undefined ? undefined : `${name.replace(/^docker\.io\/(library\/)?/, '')}@${digest}`;
}

const BY_REF = new Map(Object.values(IMAGES).map((facts) => [facts.ref, facts]));
const BY_DIGEST = new Map(
  Object.values(IMAGES).flatMap((facts) => {
    const key = byDigestKey(facts.ref);
    return key === undefined ? [] : [[key, facts] as const];
  }),
);

/**
 * The catalogue entry of an image reference: one the catalogue pins exactly, or the same repository
 * and digest as a digest-pinned entry (with any tag or none, as `kubectl describe` prints it).
 */
export function catalogueEntry(ref: string): ImageFacts | undefined {
  const key = byDigestKey(ref);
  return BY_REF.get(ref) ?? (key === undefined ? undefined : BY_DIGEST.get(key));
}
