// The few API calls verify and kubeconfigs make, behind a small interface so the checks can be
// tested against an in-process stand-in. Requests go out through node's http/https with the TLS
// settings and credentials @kubernetes/client-node resolved from the kubeconfig (kubeconfig.ts).
import * as http from 'http';
import * as https from 'https';
import { KubeApiError, KubeFailure } from '../errors';
import type { Json } from '../json';

export interface KubeApi {
  /** GET a JSON document (an object or a list). */
  getJson(path: string): Promise<Json>;
  /** GET plain text (a pod log). */
  getText(path: string): Promise<string>;
  /** POST a JSON body, answer parsed (a TokenRequest). */
  postJson(path: string, body: unknown): Promise<Json>;
  /** Requests sent so far. */
  readonly requests: number;
  /** Closes idle connections, so the process can exit. */
  close(): void;
}

/** Where the API server is and how to authenticate, as client-node's `applyToHTTPSOptions` fills it. */
export interface Endpoint {
  /** `https://127.0.0.1:6443`, possibly with a path prefix (a proxy). */
  readonly server: string;
  /** TLS and auth options for node's https (ca, cert, key, rejectUnauthorized, headers, agent). */
  readonly options?: https.RequestOptions;
}

/** Starts the timeout of one request: calls `onTimeout` after `ms`, unless the returned function cancels it first. */
export type RequestTimer = (onTimeout: () => void, ms: number) => () => void;

/** A real timer (setTimeout). */
export const realTimer: RequestTimer = (onTimeout, ms) => {
  const timer = setTimeout(onTimeout, ms);
  return () => clearTimeout(timer);
};

/**
 * Largest answer read: a class of 884 students lists about 30 MB of pods; past this a server (or a
 * proxy in front of it) is not answering what was asked, and reading on would only eat memory.
 */
export const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export interface HttpKubeApiOptions {
  /** Milliseconds a request may take before it counts as timed out. @default 10000 */
  readonly timeoutMs?: number;
  /** Bytes an answer may have. @default MAX_RESPONSE_BYTES */
  readonly maxBytes?: number;
  /** How the timeout is kept (tests pass their own). @default realTimer */
  readonly timer?: RequestTimer;
}

function failureOf(status: number): KubeFailure {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  return 'http';
}

/** A KubeApi speaking HTTP(S) to `endpoint`. */
export function httpKubeApi(endpoint: Endpoint, options: HttpKubeApiOptions = {}): KubeApi {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? MAX_RESPONSE_BYTES;
  // What all answers being read at once hold: several big lists in parallel share one budget.
  let inFlight = 0;
  const startTimer = options.timer ?? realTimer;
  const base = new URL(endpoint.server);
  const prefix = base.pathname.replace(/\/$/, '');
  const transport = base.protocol === 'http:' ? http : https;
  let requests = 0;
  // Kept-alive connections: a class check reads hundreds of logs from one server. A proxy agent
  // from the kubeconfig (proxy-url) is used as it is.
  const agent = endpoint.options?.agent ?? new transport.Agent({ keepAlive: true, maxSockets: 16 });

  const send = (method: string, path: string, accept: string, body?: string) =>
    new Promise<string>((resolve, reject) => {
      requests++;
      const headers: Record<string, string> = {
        ...(endpoint.options?.headers as Record<string, string> | undefined),
        Accept: accept,
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const req = transport.request(
        {
          ...endpoint.options,
          agent,
          protocol: base.protocol,
          hostname: base.hostname.replace(/^\[|\]$/g, ''),
          port: base.port || undefined,
          path: `${prefix}${path}`,
          method,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const release = () => {
            inFlight -= size;
            size = 0;
          };
          res.on('data', (c: Buffer) => {
            size += c.length;
            inFlight += c.length;
            if (size > maxBytes || inFlight > maxBytes) {
              const whole = size > maxBytes;
              release();
              chunks.length = 0;
              cancelTimer();
              req.destroy();
              reject(
                new KubeApiError(
                  'invalid',
                  method,
                  path,
                  res.statusCode,
                  whole
                    ? `the answer is larger than ${maxBytes} bytes; stopped reading`
                    : `the answers being read at once are larger than ${maxBytes} bytes together; stopped reading`,
                ),
              );
              return;
            }
            chunks.push(c);
          });
          res.on('close', release);
          res.on('error', (err) => reject(new KubeApiError('unreachable', method, path, undefined, err.message)));
          res.on('end', () => {
            cancelTimer();
            const text = Buffer.concat(chunks).toString('utf-8');
            release();
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve(text);
            let reason: string | undefined;
            try {
              const message = JSON.parse(text)?.message;
              reason = typeof message === 'string' ? message.slice(0, 500) : undefined;
            } catch {
              reason = text.slice(0, 200) || undefined;
            }
            reject(new KubeApiError(failureOf(status), method, path, status, reason));
          });
        },
      );
      const cancelTimer = startTimer(
        () => req.destroy(new KubeApiError('timeout', method, path, undefined, `no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      req.on('error', (err) => {
        cancelTimer();
        reject(
          err instanceof KubeApiError
            ? err
            : new KubeApiError(
                'unreachable',
                method,
                path,
                undefined,
                (err as NodeJS.ErrnoException).code ?? err.message,
              ),
        );
      });
      req.end(body);
    });

  /** The answer as a JSON object; anything else (a proxy's login page, a bare array) is one clear error. */
  const json = (method: string, path: string, text: string): Json => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const start = text.slice(0, 40).replace(/\s+/g, ' ');
      throw new KubeApiError(
        'invalid',
        method,
        path,
        undefined,
        `the answer is not JSON (it starts ${JSON.stringify(start)}); is a proxy or login page in the way?`,
      );
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new KubeApiError('invalid', method, path, undefined, 'the answer is JSON but not an object');
    }
    return value;
  };

  return {
    getJson: async (path) => json('GET', path, await send('GET', path, 'application/json')),
    getText: (path) => send('GET', path, 'text/plain'),
    postJson: async (path, body) =>
      json('POST', path, await send('POST', path, 'application/json', JSON.stringify(body))),
    get requests() {
      return requests;
    },
    close: () => {
      if (agent !== endpoint.options?.agent) (agent as http.Agent).destroy();
    },
  };
}

/** Runs `work` over `items` with at most `limit` at once, keeping order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
