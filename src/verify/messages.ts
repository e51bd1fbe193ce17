// One clear line for each way verify or kubeconfigs cannot do its work (no stack trace).
import { AccessError, KubeconfigError, PlanError } from '../errors';

export interface Target {
  readonly context: string;
  readonly server: string;
}

/**
 * The line to print for `err`, or undefined for an error nobody expected (a bug: print it whole).
 * `needs` says which permissions the command needs, for a 403.
 */
export function explain(err: unknown, target: Target | undefined, needs: string): string | undefined {
  if (err instanceof KubeconfigError || err instanceof PlanError) return err.message;
  if (!(err instanceof AccessError) || target === undefined) return undefined;
  const { failure, access } = err;
  const at = `the API server at ${target.server} (context ${target.context})`;
  const where = access.namespace
    ? `in namespace ${access.namespace}`
    : access.resource === 'namespaces'
      ? '(cluster-wide)'
      : 'in all namespaces';
  switch (failure.failure) {
    case 'unreachable':
      return `cannot reach ${at}: ${failure.reason}; is the cluster running? (kubectl cluster-info)`;
    case 'timeout':
      return `${at} did not answer ${failure.method} ${failure.path} in time (${failure.reason}); is the cluster up and not overloaded? (kubectl cluster-info)`;
    case 'unauthorized':
      return `${at} rejected the credentials (401 Unauthorized): they are wrong or expired; log in again or get a fresh kubeconfig`;
    case 'invalid':
      return `${at} answered ${failure.method} ${failure.path} with something verify cannot use: ${failure.reason}`;
    case 'forbidden':
      return `context ${target.context} may not ${access.verb} ${access.resource} ${where} (403 Forbidden): ${needs}`;
    default:
      return `${at} answered ${failure.method} ${failure.path} with ${failure.status ?? 'an error'}${failure.reason ? `: ${failure.reason}` : ''}`;
  }
}
