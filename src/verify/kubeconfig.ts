// Finds the kube-context the way kubectl does (KUBECONFIG, else ~/.kube/config; --context, else the
// current context) and lets @kubernetes/client-node resolve its server, TLS settings and
// credentials (client certificates, tokens, exec plugins).
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Endpoint } from './kube-api';
import { YAML } from '../yaml';
import { KubeconfigError } from '../errors';
import type { Json } from '../json';
import { readInputFile } from '../input-file';

/**
 * @kubernetes/client-node 1.x is ESM only. TypeScript compiling to CommonJS would turn `import()`
 * into `require()`, which Node 20 before 20.19 refuses for an ES module; an import() built with
 * Function stays a real dynamic import, in tsc's output and in the esbuild bundle alike.
 */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Json>;

/** `users[].user.tokenFile` of user `name` in the first file that defines that user. */
function tokenFileOf(texts: string[], name: string | undefined): { file: string; index: number } | undefined {
  if (name === undefined) return undefined;
  for (const [index, text] of texts.entries()) {
    let doc: Json;
    try {
      doc = YAML.parse(text);
    } catch {
      continue;
    }
    const user = Array.isArray(doc?.users) ? doc.users.find((u: Json) => u?.name === name) : undefined;
    if (user !== undefined)
      return typeof user?.user?.tokenFile === 'string' && user.user.tokenFile !== ''
        ? { file: user.user.tokenFile, index }
        : undefined;
  }
  return undefined;
}

/** The kubeconfig files kubectl would read: KUBECONFIG's list, else ~/.kube/config. */
export function kubeconfigFiles(env: NodeJS.ProcessEnv, home: string): string[] {
  const list = (env.KUBECONFIG ?? '').split(path.delimiter).filter((f) => f.length > 0);
  return list.length > 0 ? list : [path.join(home, '.kube', 'config')];
}

/** What the kubeconfig files hold about contexts, and the context --context asks for. */
export interface ContextChoice {
  /** The kubeconfig files read, in order (named in the messages). */
  readonly files: readonly string[];
  /** Every context the files define, in the order client-node lists them. */
  readonly contexts: readonly string[];
  /** The merged current-context ('' or undefined when no file sets one). */
  readonly current?: string;
  /** --context, if given. */
  readonly requested?: string;
}

/** The context to use: --context, else the current context; throws KubeconfigError with one line when there is none. */
export function chooseContext(choice: ContextChoice): string {
  const { files, contexts: names } = choice;
  const context = choice.requested ?? choice.current;
  if (!context) {
    throw new KubeconfigError(
      `no kube-context: ${files.join(', ')} sets no current-context; pass --context NAME${names.length ? ` (one of ${names.join(', ')})` : ''} or run kubectl config use-context NAME`,
    );
  }
  if (!names.includes(context)) {
    throw new KubeconfigError(
      `no kube-context named ${context} in ${files.join(', ')}${names.length ? `; contexts: ${names.join(', ')}` : ''}`,
    );
  }
  return context;
}

/** The cluster of the chosen context, as a kubeconfig names it (what a student's kubeconfig copies). */
export interface ClusterInfo {
  readonly name: string;
  readonly server: string;
  /** base64 PEM, inline or read from the kubeconfig's certificate-authority file. */
  readonly caData?: string;
  readonly skipTLSVerify: boolean;
  readonly tlsServerName?: string;
}

export interface Connection {
  readonly context: string;
  /** The context's namespace, if it sets one (a student's kubeconfig does). */
  readonly namespace?: string;
  readonly cluster: ClusterInfo;
  readonly endpoint: Endpoint;
}

export interface ConnectOptions {
  /** Context to use. @default - the kubeconfig's current-context */
  readonly context?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where `~/.kube/config` is. @default - `HOME` of `env` (as kubectl), else os.homedir() */
  readonly home?: string;
}

/** Largest kubeconfig read: real ones are kilobytes; a bigger file is a mistake (or /dev/zero). */
export const MAX_KUBECONFIG_BYTES = 4 * 1024 * 1024;
/** Largest token file read. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/**
 * Reads a file the way the tools read their inputs: a regular file (a FIFO would hang, a device
 * such as /dev/zero would never end), at most `max` bytes, opened without blocking.
 */
export function readBoundedFile(file: string, max: number, what: string): string {
  const read = readInputFile(file, max);
  if (Buffer.isBuffer(read)) return read.toString('utf-8');
  switch (read.problem) {
    case 'unreadable':
      throw new KubeconfigError(`cannot read ${what} ${file}: ${read.cause.code ?? read.cause.message}`);
    case 'not-a-file':
      throw new KubeconfigError(`cannot read ${what} ${file}: it is not a regular file (a pipe, device or folder)`);
    case 'too-large':
      throw new KubeconfigError(
        `cannot read ${what} ${file}: it has ${read.bytes} bytes, more than the ${max} a ${what} can have`,
      );
  }
}

/** The server URL with any `user:password@` taken out, for messages. */
function withoutCredentials(server: string): string {
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, server.endsWith('/') ? '/' : '');
  } catch {
    return server.replace(/\/\/[^/@]*@/, '//');
  }
}

/** A server URL that carries credentials is refused: they would be printed and copied into every student's kubeconfig. */
export function checkServerUrl(server: string, where: string): void {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new KubeconfigError(`${where}: the server ${JSON.stringify(withoutCredentials(server))} is not a URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new KubeconfigError(
      `${where}: the server URL ${withoutCredentials(server)} carries a user name or password (user:password@); ` +
        "remove them: kubectl does not use them, and they would end up in every message and in every student's kubeconfig",
    );
  }
}

/** Resolves the kube-context to a server and credentials; throws KubeconfigError with one line. */
export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  const env = options.env ?? process.env;
  const files = kubeconfigFiles(env, options.home ?? (env.HOME || os.homedir()));
  const existing = files.filter((f) => fs.existsSync(f));
  if (existing.length === 0) {
    throw new KubeconfigError(
      env.KUBECONFIG
        ? `no kube-context: KUBECONFIG=${env.KUBECONFIG} names no file that exists`
        : `no kube-context: ${files[0]} does not exist and KUBECONFIG is not set; create a cluster (kind create cluster) or set KUBECONFIG`,
    );
  }
  const texts = existing.map((file) => readBoundedFile(file, MAX_KUBECONFIG_BYTES, 'kubeconfig'));
  const k8s = await importEsm('@kubernetes/client-node');
  const kc: KubeConfig = new k8s.KubeConfig();
  for (const [i, file] of existing.entries()) {
    try {
      if (i === 0) {
        kc.loadFromString(texts[i]);
        kc.makePathsAbsolute(path.dirname(file)); // as loadFromFile does: relative paths are the file's
      } else {
        const more: KubeConfig = new k8s.KubeConfig();
        more.loadFromString(texts[i]);
        more.makePathsAbsolute(path.dirname(file));
        // As kubectl: the first file that sets current-context wins.
        kc.mergeConfig(more, Boolean(kc.currentContext));
      }
    } catch (err) {
      throw new KubeconfigError(`cannot read kubeconfig ${file}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const context = chooseContext({
    files: existing,
    contexts: kc.getContexts().map((c) => c.name),
    current: kc.getCurrentContext(),
    requested: options.context,
  });
  kc.setCurrentContext(context);
  const cluster = kc.getCurrentCluster();
  if (!cluster)
    throw new KubeconfigError(
      `kube-context ${context} names cluster ${kc.getContextObject(context)?.cluster}, which ${existing.join(', ')} does not define`,
    );

  checkServerUrl(cluster.server, `kube-context ${context}`);

  const requestOptions: https.RequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(requestOptions);
  } catch (err) {
    throw new KubeconfigError(
      `kube-context ${context}: cannot get credentials: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const headers = { ...(requestOptions.headers as Record<string, string> | undefined) };
  const user = kc.getCurrentUser();
  // `tokenFile:` (kubectl reads it; client-node does not): the token from that file.
  const tokenFile = tokenFileOf(texts, user?.name);
  if (headers.Authorization === undefined && tokenFile !== undefined) {
    // Relative to the kubeconfig that names it, as kubectl resolves it.
    const token = readBoundedFile(
      path.resolve(path.dirname(existing[tokenFile.index]), tokenFile.file),
      MAX_TOKEN_FILE_BYTES,
      'token file',
    ).trim();
    if (token === '') throw new KubeconfigError(`kube-context ${context}: token file ${tokenFile.file} is empty`);
    headers.Authorization = `Bearer ${token}`;
  }
  if (headers.Authorization !== undefined) {
    // A token pasted with its newline: kubectl trims token files; a header cannot hold a newline at all.
    headers.Authorization = headers.Authorization.trim();
    if (/[^\t\x20-\x7e\x80-\xff]/.test(headers.Authorization)) {
      throw new KubeconfigError(
        `kube-context ${context}: the user's token holds characters an HTTP header cannot carry (a line break inside it?); paste it again`,
      );
    }
    requestOptions.headers = headers;
  }
  // Our own kept-alive agent carries the same TLS options; a proxy agent stays.
  if (!cluster.proxyUrl) delete requestOptions.agent;
  const ca = cluster.caData ?? (cluster.caFile ? fs.readFileSync(cluster.caFile).toString('base64') : undefined);
  return {
    context,
    namespace: kc.getContextObject(context)?.namespace,
    cluster: {
      name: cluster.name,
      server: cluster.server,
      caData: ca,
      skipTLSVerify: Boolean(cluster.skipTLSVerify),
      tlsServerName: cluster.tlsServerName,
    },
    endpoint: { server: cluster.server, options: requestOptions },
  };
}
