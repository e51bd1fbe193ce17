// `npm run kind-config`: a kind cluster config for the class. kind runs its nodes in containers, so a
// NodePort is unreachable from the host unless the node's port is mapped (extraPortMappings); with
// them, http://localhost:<port> works on kind as on Docker Desktop. With --address, the API server
// and the ports listen there too and the API server's certificate names it, so the kubeconfigs
// `npm run kubeconfigs -- --server https://<address>:6443` writes work from students' machines.
import { nodePortsOf } from './fleet';
import type { WorkshopConfig } from './config-types';
import { YAML } from './yaml';

/** The API server port the config pins (kind picks a random one otherwise). */
export const KIND_API_PORT = 6443;

export function kindConfig(config: WorkshopConfig, options: { address?: string } = {}): string {
  const ports =
    config.students === undefined
      ? [config.exercises?.votingApp?.voteNodePort ?? 31000, config.exercises?.votingApp?.resultNodePort ?? 31001]
      : [...nodePortsOf(config).values()].flatMap((p) => [p.vote, p.result]);
  const listen = options.address ?? '127.0.0.1';
  const doc: Record<string, unknown> = {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    ...(options.address
      ? {
          networking: { apiServerAddress: options.address, apiServerPort: KIND_API_PORT },
          kubeadmConfigPatches: [`kind: ClusterConfiguration\napiServer:\n  certSANs:\n    - "${options.address}"\n`],
        }
      : {}),
    nodes: [
      {
        role: 'control-plane',
        extraPortMappings: ports.map((port) => ({
          containerPort: port,
          hostPort: port,
          listenAddress: listen,
          protocol: 'TCP',
        })),
      },
    ],
  };
  const header = [
    '# kind cluster for the workshop: every NodePort students use is mapped to the host.',
    `# kind create cluster --name workshop --config ${'<this file>'}`,
    ...(options.address ? [`# then: npm run kubeconfigs -- --server https://${options.address}:${KIND_API_PORT}`] : []),
  ].join('\n');
  return `${header}\n${YAML.stringify(doc)}`;
}
