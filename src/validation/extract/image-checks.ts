// What image-pinned and image-profile share: image references, and a container's effective
// securityContext against what src/images.ts records of its image.
import { parseImageReference, type ImageFacts } from '../../images';
import { RUNTIME_DEFAULT_CAPABILITIES } from '../../k8s/capabilities';
import type { FindingDraft, PodTemplate } from '../types';
import type { Json } from '../../json';

export { parseImageReference };

/** A container with the pod template it belongs to. */
export interface ContainerRef {
  readonly template: PodTemplate;
  readonly container: Json;
  readonly path: string;
}

/** Every container of the bundle's pod templates. */
export function containerRefs(templates: readonly PodTemplate[]): ContainerRef[] {
  return templates.flatMap((template) => template.containers.map((c) => ({ template, ...c })));
}

/** Why an image reference does not pin a version, or undefined when it does. */
export function unpinnedReason(image: string): string | undefined {
  const { tag, digest } = parseImageReference(image);
  if (digest !== undefined) {
    // The runtime pulls by digest and ignores the tag; a malformed digest is refused at pull.
    return /^sha256:[0-9a-f]{64}$|^sha512:[0-9a-f]{128}$/.test(digest) ? undefined : `a malformed digest (@${digest})`;
  }
  if (tag === undefined) return 'no tag, so it pulls :latest';
  if (tag === 'latest') return 'the :latest tag';
  // `alpine`, `stable`, `before`: a tag without a digit names no release.
  if (!/[0-9]/.test(tag)) return `a tag naming no version (:${tag})`;
  return undefined;
}

/** The securityContext a container ends up with: the container's fields over the pod's. */
function effective(c: ContainerRef): {
  runAsUser?: number;
  runAsNonRoot?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities: string[];
  addPath: string;
} {
  const pod = c.template.spec.securityContext ?? {};
  const sc = c.container.securityContext ?? {};
  const drop: string[] = sc.capabilities?.drop ?? [];
  const add: string[] = sc.capabilities?.add ?? [];
  const kept = drop.includes('ALL') ? [] : RUNTIME_DEFAULT_CAPABILITIES.filter((cap) => !drop.includes(cap));
  return {
    runAsUser: sc.runAsUser ?? pod.runAsUser,
    runAsNonRoot: sc.runAsNonRoot ?? pod.runAsNonRoot,
    readOnlyRootFilesystem: sc.readOnlyRootFilesystem,
    capabilities: [...new Set([...kept, ...add])],
    addPath: `${c.path}.securityContext.capabilities.add`,
  };
}

/** Whether `path` is on a volume the container mounts (`$HOME/...` paths count when HOME is a mount). */
function mounted(c: ContainerRef, path: string): boolean {
  const home = (c.container.env ?? []).find((e: Json) => e.name === 'HOME')?.value;
  const resolved = path.startsWith('$HOME')
    ? home === undefined
      ? undefined
      : home + path.slice('$HOME'.length)
    : path;
  if (resolved === undefined) return false;
  return (c.container.volumeMounts ?? []).some(
    (m: Json) =>
      resolved === m.mountPath || resolved.startsWith(m.mountPath.endsWith('/') ? m.mountPath : `${m.mountPath}/`),
  );
}

function whatItNeeds(facts: ImageFacts): string[] {
  return [...(facts.privilegeDrop?.capabilities ?? []), ...(facts.capabilities ?? [])];
}

export function contradictions(c: ContainerRef, facts: ImageFacts): FindingDraft[] {
  const found: FindingDraft[] = [];
  const object = c.template.object;
  const sc = effective(c);
  const why = facts.privilegeDrop
    ? `its entrypoint steps down from root (${facts.ref})`
    : `${facts.ref} binds port ${facts.port} as root`;
  if (facts.startsAsRoot && (sc.runAsNonRoot === true || (sc.runAsUser !== undefined && sc.runAsUser !== 0))) {
    found.push({
      object,
      path: `${c.path}.securityContext.runAsUser`,
      value: sc.runAsNonRoot === true && sc.runAsUser === undefined ? undefined : sc.runAsUser,
      expected: `0 or unset with runAsNonRoot false: ${why}, so it must start as root (src/images.ts)`,
    });
  } else if (sc.runAsUser === 0 || (sc.runAsUser === undefined && facts.user.uid === 0)) {
    // Capabilities only reach a root process: Kubernetes grants no ambient ones to other users.
    const missing = whatItNeeds(facts).filter((cap) => !sc.capabilities.includes(cap));
    if (missing.length > 0) {
      found.push({
        object,
        path: sc.addPath,
        value: c.container.securityContext?.capabilities?.add,
        expected: `capabilities including ${missing.join(', ')}: ${why} and needs ${whatItNeeds(facts).join(', ')} (src/images.ts)`,
      });
    }
  }
  if (sc.readOnlyRootFilesystem === true) {
    const unmounted = facts.writes.filter((p) => !mounted(c, p));
    if (unmounted.length > 0) {
      found.push({
        object,
        path: `${c.path}.securityContext.readOnlyRootFilesystem`,
        value: true,
        expected: `false, or a volume mounted at ${unmounted.join(', ')}: ${facts.ref} writes there (src/images.ts)`,
      });
    }
  }
  return found;
}
