// An in-process stand-in for the Kubernetes API server, for testing verify and kubeconfigs only: it
// answers the paths they call with objects in the real API's JSON shapes (lists with
// resourceVersion, Status bodies for 401/403/404, text logs, TokenRequest). It says nothing about
// whether the manifests run: no controller, no kubelet, only the state a test puts in.
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { Json } from '../src/json';

export type ListedKind =
  'jobs' | 'cronjobs' | 'pods' | 'deployments' | 'persistentvolumeclaims' | 'serviceaccounts' | 'events';

const KINDS: Record<ListedKind, { prefix: string; group: string; listKind: string; apiVersion: string }> = {
  jobs: { prefix: '/apis/batch/v1', group: 'batch', listKind: 'JobList', apiVersion: 'batch/v1' },
  cronjobs: { prefix: '/apis/batch/v1', group: 'batch', listKind: 'CronJobList', apiVersion: 'batch/v1' },
  pods: { prefix: '/api/v1', group: '', listKind: 'PodList', apiVersion: 'v1' },
  deployments: { prefix: '/apis/apps/v1', group: 'apps', listKind: 'DeploymentList', apiVersion: 'apps/v1' },
  persistentvolumeclaims: { prefix: '/api/v1', group: '', listKind: 'PersistentVolumeClaimList', apiVersion: 'v1' },
  serviceaccounts: { prefix: '/api/v1', group: '', listKind: 'ServiceAccountList', apiVersion: 'v1' },
  events: { prefix: '/api/v1', group: '', listKind: 'EventList', apiVersion: 'v1' },
};

/** `fieldSelector=a.b=v,c=w`, with the field paths the API serves for events (equality only). */
function matchesFields(obj: Json, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [path, value] = term.split('=');
    return String(path.split('.').reduce((o: Json, key) => o?.[key], obj) ?? '') === value;
  });
}

/** What a request asks for, in RBAC's terms. */
export interface StandInRequest {
  readonly method: string;
  readonly path: string;
  readonly verb: 'get' | 'list' | 'create';
  /** RBAC resource: `jobs`, `pods/log`, `serviceaccounts/token`, `namespaces`. */
  readonly resource: string;
  readonly group: string;
  readonly namespace?: string;
  readonly token?: string;
}

export interface ClusterState {
  readonly namespaces: Map<string, Json>;
  readonly objects: Record<ListedKind, Json[]>;
  /** Pod logs by `namespace/pod/container`. */
  readonly logs: Map<string, string>;
}

export function emptyState(): ClusterState {
  return {
    namespaces: new Map(),
    objects: {
      jobs: [],
      cronjobs: [],
      pods: [],
      deployments: [],
      persistentvolumeclaims: [],
      serviceaccounts: [],
      events: [],
    },
    logs: new Map(),
  };
}

export interface StandIn {
  readonly url: string;
  readonly state: ClusterState;
  /** Every request received, in order. */
  readonly requests: StandInRequest[];
  /** The bearer token an admin uses. */
  readonly adminToken: string;
  /** Tokens issued by TokenRequest: token -> namespace it may read. */
  readonly issued: Map<string, { namespace: string; serviceAccount: string; expirationSeconds: number }>;
  /** Refuse requests for which this returns true (403 with the API's Status body). */
  forbid: (req: StandInRequest) => boolean;
  /** Never answer requests for which this returns true (a hung API server). */
  hang: (req: StandInRequest) => boolean;
  close(): Promise<void>;
}

function status(code: number, reason: string, message: string, details?: object): object {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

function matchesSelector(obj: Json, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return obj.metadata?.labels?.[k] === v;
  });
}

let resourceVersion = 1000;

/** Where each pod is in a pods array, by `namespace/name` (the first of that name). */
const podIndexes = new WeakMap<Json[], Map<string, number>>();

/**
 * The pod `namespace/name` of `pods`, as `pods.find` would give it. A class of 100 students has
 * thousands of pods and verify reads hundreds of logs: a scan per log read was most of the time of
 * a class check. The index is checked on every use and rebuilt when a test changed the array.
 */
function findPod(pods: Json[], namespace: string, name: string): Json | undefined {
  const key = `${namespace}/${name}`;
  let index = podIndexes.get(pods);
  let i = index?.get(key);
  if (i === undefined || pods[i]?.metadata.namespace !== namespace || pods[i]?.metadata.name !== name) {
    index = new Map();
    for (const [j, p] of pods.entries()) {
      const k = `${p.metadata.namespace}/${p.metadata.name}`;
      if (!index.has(k)) index.set(k, j);
    }
    podIndexes.set(pods, index);
    i = index.get(key);
  }
  return i === undefined ? undefined : pods[i];
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startStandIn(state: ClusterState = emptyState()): Promise<StandIn> {
  const requests: StandInRequest[] = [];
  const issued = new Map<string, { namespace: string; serviceAccount: string; expirationSeconds: number }>();
  const sockets = new Set<import('net').Socket>();
  const adminToken = 'admin-token-0123456789';
  const standIn: StandIn = {
    url: '',
    state,
    requests,
    adminToken,
    issued,
    forbid: () => false,
    hang: () => false,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const path = url.pathname;
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const send = (code: number, body: object | string) => {
      res.writeHead(code, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };

    let m: RegExpExecArray | null;
    let request: StandInRequest | undefined;
    let answer: (() => void) | undefined;
    if (req.method === 'GET' && (m = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path))) {
      const ns = m[1];
      request = { method: 'GET', path, verb: 'get', resource: 'namespaces', group: '', token };
      answer = () => {
        const obj = state.namespaces.get(ns);
        if (obj) send(200, { kind: 'Namespace', apiVersion: 'v1', ...obj });
        else send(404, status(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' }));
      };
    } else if (req.method === 'GET' && path === '/api/v1/namespaces') {
      request = { method: 'GET', path, verb: 'list', resource: 'namespaces', group: '', token };
      answer = () =>
        send(200, {
          kind: 'NamespaceList',
          apiVersion: 'v1',
          metadata: { resourceVersion: String(resourceVersion++) },
          items: [...state.namespaces.values()].filter((n) =>
            matchesSelector(n, url.searchParams.get('labelSelector')),
          ),
        });
    } else if (req.method === 'GET' && (m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(path))) {
      const [, ns, pod] = m;
      request = { method: 'GET', path, verb: 'get', resource: 'pods/log', group: '', namespace: ns, token };
      answer = () => {
        const podObj = findPod(state.objects.pods, ns, pod);
        if (!podObj) return send(404, status(404, 'NotFound', `pods "${pod}" not found`, { name: pod, kind: 'pods' }));
        const containers = (podObj.spec?.containers ?? []).map((c: Json) => c.name);
        const container = url.searchParams.get('container') ?? (containers.length === 1 ? containers[0] : undefined);
        if (!container || !containers.includes(container)) {
          return send(400, status(400, 'BadRequest', `container ${container} is not valid for pod ${pod}`));
        }
        const log = state.logs.get(`${ns}/${pod}/${container}`) ?? '';
        const tail = Number(url.searchParams.get('tailLines') ?? Infinity);
        const lines = log.split('\n');
        const trailing = log.endsWith('\n') ? 1 : 0;
        send(200, Number.isFinite(tail) ? lines.slice(Math.max(0, lines.length - trailing - tail)).join('\n') : log);
      };
    } else if (
      req.method === 'POST' &&
      (m = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/]+)\/token$/.exec(path))
    ) {
      const [, ns, sa] = m;
      request = {
        method: 'POST',
        path,
        verb: 'create',
        resource: 'serviceaccounts/token',
        group: '',
        namespace: ns,
        token,
      };
      answer = () => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          const exists = state.objects.serviceaccounts.some(
            (s) => s.metadata.namespace === ns && s.metadata.name === sa,
          );
          if (!exists)
            return send(
              404,
              status(404, 'NotFound', `serviceaccounts "${sa}" not found`, { name: sa, kind: 'serviceaccounts' }),
            );
          const spec = JSON.parse(body).spec ?? {};
          const issuedToken = `eyJhbGciOiJSUzI1NiJ9.student-${ns}-${issued.size}.signature`;
          issued.set(issuedToken, { namespace: ns, serviceAccount: sa, expirationSeconds: spec.expirationSeconds });
          send(201, {
            kind: 'TokenRequest',
            apiVersion: 'authentication.k8s.io/v1',
            metadata: { name: sa, namespace: ns, creationTimestamp: null },
            spec: {
              audiences: ['https://kubernetes.default.svc.cluster.local'],
              expirationSeconds: spec.expirationSeconds,
              boundObjectRef: null,
            },
            status: {
              token: issuedToken,
              expirationTimestamp: new Date(Date.UTC(2026, 11, 2, 12) + spec.expirationSeconds * 1000)
                .toISOString()
                .replace(/\.\d+Z$/, 'Z'),
            },
          });
        });
      };
    } else if (req.method === 'GET') {
      for (const [kind, k] of Object.entries(KINDS) as Array<[ListedKind, (typeof KINDS)[ListedKind]]>) {
        const prefix = k.prefix.replace(/\//g, '\\/');
        const re = new RegExp(`^${prefix}(?:\\/namespaces\\/([^/]+))?\\/${kind}$`);
        if ((m = re.exec(path))) {
          const ns = m[1];
          request = { method: 'GET', path, verb: 'list', resource: kind, group: k.group, namespace: ns, token };
          answer = () =>
            send(200, {
              kind: k.listKind,
              apiVersion: k.apiVersion,
              metadata: { resourceVersion: String(resourceVersion++) },
              items: state.objects[kind].filter(
                (o) =>
                  (ns === undefined || o.metadata.namespace === ns) &&
                  matchesSelector(o, url.searchParams.get('labelSelector')) &&
                  matchesFields(o, url.searchParams.get('fieldSelector')),
              ),
            });
          break;
        }
      }
    }
    if (!request || !answer) {
      requests.push({ method: req.method ?? '', path, verb: 'get', resource: 'unknown', group: '', token });
      return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    requests.push(request);
    const studentToken = token === undefined ? undefined : issued.get(token);
    if (token !== adminToken && studentToken === undefined)
      return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    // A student's token works in its namespace only, as the student Role does.
    const user = studentToken
      ? `system:serviceaccount:${studentToken.namespace}:${studentToken.serviceAccount}`
      : 'kubernetes-admin';
    const refused =
      standIn.forbid(request) || (studentToken !== undefined && request.namespace !== studentToken.namespace);
    if (refused) {
      const scope = request.namespace ? `in the namespace "${request.namespace}"` : 'at the cluster scope';
      const resource = request.resource.split('/');
      return send(
        403,
        status(
          403,
          'Forbidden',
          `${request.resource}${request.group ? `.${request.group}` : ''} is forbidden: User "${user}" cannot ${request.verb} resource "${resource[0]}"${resource[1] ? ` (subresource "${resource[1]}")` : ''} in API group "${request.group}" ${scope}`,
          { kind: resource[0], ...(request.group ? { group: request.group } : {}) },
        ),
      );
    }
    if (standIn.hang(request)) return; // the socket stays open, unanswered
    answer();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  (standIn as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}
