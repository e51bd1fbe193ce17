// The kuard-compatible workload that the Job-patterns exercises run by default: one Node.js program,
// shipped in a ConfigMap and run on the catalogue's official, multi-arch node image. kuard's own
// images (gcr.io/kuar-demo) went with Google Container Registry's shutdown. The program does what
// the text uses of kuard a27b696, read from kuard's source: the keygen workload (pkg/keygen: flags,
// 4096-bit RSA keys, log lines) and the MemQ server on :8080 (pkg/memq/server: paths, status codes,
// JSON). Tests run this very text with node (test/kuard-workload.test.ts).
// Written without backticks or dollar-brace, so String.raw keeps it byte for byte.

/** Where the program is mounted in the container, and its ConfigMap key. */
export const KUARD_SCRIPT_KEY = 'kuard.js';
export const KUARD_SCRIPT_DIR = '/kuard';

export const KUARD_SCRIPT = String.raw`
'use strict';
// A kuard-compatible workload for the Job-patterns exercises (k8s-workshop). kuard's images lived on
// gcr.io/kuar-demo, which Google Container Registry's shutdown took down. This program does the two
// things of kuard that the text uses, as kuard a27b696 does them: the keygen workload
// (pkg/keygen: the same --keygen-* flags, 4096-bit RSA keys, the same log lines) and the MemQ server
// on :8080 (pkg/memq/server: the same paths, status codes and JSON). It runs on the official node
// image with nothing but Node's standard library. What it leaves out of kuard: the React UI (a small
// status page stands in), /fs (kuard serves the container's whole filesystem there), /env, /dns,
// /mem, /metrics and TLS.
const crypto = require('crypto');
const http = require('http');
const path = require('path');

const KUARD_COMMIT = 'a27b6968777a865cea3af83713795b634c38858b';
const VERSION = 'k8s-workshop-1 (kuard-compatible keygen and MemQ, after kuard ' + KUARD_COMMIT.slice(0, 7) + ')';
// Test seams, never set by the workshop's manifests: smaller keys and a shorter retry pause.
const KEY_BITS = positiveEnv('KUARD_KEY_BITS', 4096);
const RETRY_MS = positiveEnv('KUARD_RETRY_MS', 1000);
// kuard reads request bodies whole; a work item larger than this is refused instead.
const MAX_BODY = 1024 * 1024;
const MAX_HISTORY = 20;

function positiveEnv(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new Error(name + ' must be a positive integer, got ' + JSON.stringify(value));
  return Number(value);
}

// ---------------------------------------------------------------------------------------------
// Logging: Go's log package, "2006/01/02 15:04:05 message" on stderr.

function two(n) { return String(n).padStart(2, '0'); }
function log(message) {
  const d = new Date();
  const stamp = d.getFullYear() + '/' + two(d.getMonth() + 1) + '/' + two(d.getDate()) + ' '
    + two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  process.stderr.write(stamp + ' ' + message + (message.endsWith('\n') ? '' : '\n'));
}

// ---------------------------------------------------------------------------------------------
// Flags: kuard's pflag set (cmd/kuard, pkg/app/config.go, pkg/keygen/config.go,
// pkg/debugprobe/config.go), parsed as pflag does: --name=value, --name value, bare booleans.

const FLAGS = {
  'address': { type: 'string', def: ':8080', usage: 'The address to serve on' },
  'debug': { type: 'bool', def: false, usage: 'Debug/devel mode' },
  'debug-sitedata-dir': { type: 'string', def: './sitedata', usage: 'When in debug/dev mode, directory to find the static assets.' },
  'keygen-enable': { type: 'bool', def: false, usage: 'Enable KeyGen workload' },
  'keygen-exit-code': { type: 'int', def: 0, usage: 'Exit code when workload complete' },
  'keygen-exit-on-complete': { type: 'bool', def: false, usage: 'Exit after workload is complete' },
  'keygen-memq-queue': { type: 'string', def: '', usage: 'The MemQ server queue to use. If MemQ is used, other limits are ignored.' },
  'keygen-memq-server': { type: 'string', def: '', usage: 'The MemQ server to draw work items from.  If MemQ is used, other limits are ignored.' },
  'keygen-num-to-gen': { type: 'int', def: 0, usage: 'The number of keys to generate. Set to 0 for infinite' },
  'keygen-time-to-run': { type: 'int', def: 0, usage: 'The target run time in seconds. Set to 0 for infinite' },
  'liveness-fail-next': { type: 'int', def: 0, usage: 'Fail the next N probes. 0 is succeed forever. <0 is fail forever.' },
  'readiness-fail-next': { type: 'int', def: 0, usage: 'Fail the next N probes. 0 is succeed forever. <0 is fail forever.' },
  'tls-address': { type: 'string', def: ':8443', usage: 'Address to serve TLS on if certs found.' },
  'tls-dir': { type: 'string', def: '/tls', usage: 'Directory to look to find TLS certs' },
};

class FlagError extends Error {}

function usage() {
  const lines = Object.entries(FLAGS).map(([name, f]) => {
    const type = f.type === 'bool' ? '' : ' ' + f.type;
    const def = f.type === 'string' ? (f.def === '' ? '' : ' (default ' + JSON.stringify(f.def) + ')') : (f.def ? ' (default ' + f.def + ')' : '');
    return '      --' + (name + type).padEnd(32) + f.usage + def;
  });
  return 'Usage of kuard:\n' + lines.join('\n') + '\n';
}

function parseBool(name, text) {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  throw new FlagError('invalid argument ' + JSON.stringify(text) + ' for "--' + name + '" flag: strconv.ParseBool: parsing ' + JSON.stringify(text) + ': invalid syntax');
}

function parseInt64(name, text) {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/.exec(text);
  let value;
  if (m) {
    const digits = m[2];
    const big = /^0[oO]/.test(digits) ? BigInt('0o' + digits.slice(2))
      : /^0[0-7]+$/.test(digits) ? BigInt('0o' + digits.slice(1))
        : BigInt(digits);
    value = m[1] === '-' ? -big : big;
  }
  if (value === undefined) {
    throw new FlagError('invalid argument ' + JSON.stringify(text) + ' for "--' + name + '" flag: strconv.ParseInt: parsing ' + JSON.stringify(text) + ': invalid syntax');
  }
  if (value > 9223372036854775807n || value < -9223372036854775808n) {
    throw new FlagError('invalid argument ' + JSON.stringify(text) + ' for "--' + name + '" flag: strconv.ParseInt: parsing ' + JSON.stringify(text) + ': value out of range');
  }
  return Number(value);
}

/** kuard's settings from its command line; throws FlagError as pflag would fail, 'help' for -h. */
function parseFlags(argv) {
  const values = {};
  for (const [name, f] of Object.entries(FLAGS)) values[name] = f.def;
  const args = argv.slice();
  while (args.length > 0) {
    const arg = args.shift();
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue; // positional: kuard ignores them
    if (arg === '-h' || arg === '--help') return 'help';
    if (!arg.startsWith('--')) throw new FlagError('unknown shorthand flag: ' + JSON.stringify(arg.charAt(1)).replace(/"/g, '\'') + ' in ' + arg);
    const body = arg.slice(2);
    if (body.startsWith('-') || body.startsWith('=')) throw new FlagError('bad flag syntax: ' + arg);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const flag = FLAGS[name];
    if (flag === undefined) throw new FlagError('unknown flag: --' + name);
    let text;
    if (eq >= 0) text = body.slice(eq + 1);
    else if (flag.type === 'bool') text = 'true';
    else if (args.length > 0) text = args.shift();
    else throw new FlagError('flag needs an argument: --' + name);
    values[name] = flag.type === 'bool' ? parseBool(name, text) : flag.type === 'int' ? parseInt64(name, text) : text;
  }
  return values;
}

/** The keygen Config (pkg/keygen/config.go) of the flag values. */
function keygenConfig(v) {
  return {
    enable: v['keygen-enable'],
    numToGen: v['keygen-num-to-gen'],
    timeToRun: v['keygen-time-to-run'],
    memQServer: v['keygen-memq-server'],
    memQQueue: v['keygen-memq-queue'],
    exitOnComplete: v['keygen-exit-on-complete'],
    exitCode: v['keygen-exit-code'],
  };
}

/** viper's AllSettings as kuard's dumpConfig prints it: nested by prefix, keys sorted. */
function settingsDump(v) {
  const keygen = {};
  const out = {};
  for (const name of Object.keys(FLAGS).sort()) {
    if (name.startsWith('keygen-')) keygen[name.slice('keygen-'.length)] = v[name];
    else if (name.endsWith('-fail-next')) out[name.slice(0, -'-fail-next'.length)] = { 'fail-next': v[name] };
    else out[name] = v[name];
  }
  out.keygen = keygen;
  const sorted = {};
  for (const key of Object.keys(out).sort()) sorted[key] = out[key];
  return JSON.stringify(sorted, null, 2);
}

// ---------------------------------------------------------------------------------------------
// Keys: rsa.GenerateKey(rand.Reader, 4096), reported as ssh.FingerprintSHA256 of the public key.

function sshString(buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(buffer.length);
  return Buffer.concat([length, buffer]);
}

function sshMpint(buffer) {
  let start = 0;
  while (start < buffer.length - 1 && buffer[start] === 0) start++;
  const bytes = buffer.subarray(start);
  return bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

/** 'SHA256:<base64>' of the key's ssh-rsa wire form, as 'ssh-keygen -l' prints it. */
function sshFingerprint(publicKey) {
  const jwk = publicKey.export({ format: 'jwk' });
  const blob = Buffer.concat([
    sshString(Buffer.from('ssh-rsa')),
    sshString(sshMpint(Buffer.from(jwk.e, 'base64url'))),
    sshString(sshMpint(Buffer.from(jwk.n, 'base64url'))),
  ]);
  return 'SHA256:' + crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** One new key's fingerprint, or kuard's error text; generated off the event loop, so MemQ keeps answering. */
function generateKey() {
  return new Promise((resolve) => {
    crypto.generateKeyPair('rsa', { modulusLength: KEY_BITS, publicExponent: 0x10001 }, (err, publicKey) => {
      if (err) resolve('Error generating key: ' + err.message);
      else resolve(sshFingerprint(publicKey));
    });
  });
}

function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

/** go-humanize's RelTime(now, end, "left", "overdue"). */
function timeLeft(endTime) {
  let seconds = Math.round((endTime - Date.now()) / 1000);
  const label = seconds < 0 ? 'overdue' : 'left';
  seconds = Math.abs(seconds);
  const steps = [[1, 'now'], [2, '1 second'], [60, null, 1, 'seconds'], [120, '1 minute'], [3600, null, 60, 'minutes'],
    [7200, '1 hour'], [86400, null, 3600, 'hours'], [172800, '1 day'], [604800, null, 86400, 'days']];
  for (const [limit, fixed, unit, plural] of steps) {
    if (seconds < limit) {
      if (fixed === 'now') return 'now';
      return (fixed !== null ? fixed : Math.floor(seconds / unit) + ' ' + plural) + ' ' + label;
    }
  }
  return Math.floor(seconds / 86400) + ' days ' + label;
}

// ---------------------------------------------------------------------------------------------
// The keygen workload (pkg/keygen): a numbered workload generating keys, or a MemQ worker.

const keygen = { config: keygenConfig(parseFlags([])), history: [], nextHistoryID: 0, nextWorkloadID: 0, current: undefined };

function workloadOutput(message) {
  log(message);
  keygen.history.push({ id: keygen.nextHistoryID++, data: message });
  if (keygen.history.length > MAX_HISTORY) keygen.history.splice(0, keygen.history.length - MAX_HISTORY);
}

function exit(code) {
  // os.Exit: the status is taken modulo 256 by the kernel either way.
  process.exit(code);
}

async function runWorkload(id, c, ctl) {
  const out = workloadOutput;
  out('(ID ' + id + ') Workload starting');
  const endTime = c.timeToRun > 0 ? Date.now() + c.timeToRun * 1000 : undefined;
  let generated = 0;
  const done = (canceled) => {
    out('(ID ' + id + ') Workload exiting');
    if (!canceled && c.exitOnComplete) exit(c.exitCode);
  };
  for (;;) {
    if (ctl.canceled) return done(true);
    if (endTime !== undefined && Date.now() >= endTime) return done(false);
    if (c.numToGen > 0 && generated >= c.numToGen) return done(false);
    const desc = await generateKey();
    generated++;
    const count = ' ' + generated + '/' + (c.numToGen > 0 ? c.numToGen : 'Inf');
    const left = endTime !== undefined ? ' ' + timeLeft(endTime) : '';
    out('(ID ' + id + count + left + ') Item done' + (desc ? ': ' + desc : ''));
  }
}

/** memqclient.Client.Dequeue: the message, null when the queue is empty (204), or an error. */
function dequeue(server, queue) {
  const url = server + '/' + path.posix.join('queues', queue, 'dequeue');
  return new Promise((resolve, reject) => {
    const fail = (err) => reject(new Error('Post ' + JSON.stringify(url) + ': ' + err.message));
    let request;
    try {
      request = http.request(url, { method: 'POST', headers: { 'content-length': 0 } });
    } catch (err) {
      fail(err);
      return;
    }
    request.setTimeout(30000, () => request.destroy(new Error('timeout awaiting response headers')));
    request.on('error', fail);
    request.on('response', (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        if (res.statusCode >= 300) return reject(new Error('HTTP Error: ' + res.statusCode + ' ' + (http.STATUS_CODES[res.statusCode] || '')));
        if (res.statusCode === 204) return resolve(null);
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (err) {
          reject(err);
        }
      });
    });
    request.end();
  });
}

async function runMemqWorker(c, ctl) {
  const out = workloadOutput;
  out('MemQ Worker starting');
  for (;;) {
    if (ctl.canceled) {
      out('MemQ Worker shutting down');
      return;
    }
    let message;
    try {
      message = await dequeue(c.memQServer, c.memQQueue);
    } catch (err) {
      out('Error talking to server: ' + err.message + '. Retrying after 1s.');
      await sleep(RETRY_MS);
      continue;
    }
    if (message === null) {
      if (c.exitOnComplete) exit(c.exitCode);
      out('Queue is empty. Retrying after 1s.');
      await sleep(RETRY_MS);
      continue;
    }
    const desc = await generateKey();
    out('Item done' + (desc ? ': ' + desc : ''));
  }
}

/** KeyGen.LoadConfig and Restart: cancel the running workload, start the configured one. */
function loadKeygenConfig(c) {
  keygen.config = c;
  if (keygen.current) keygen.current.canceled = true;
  keygen.current = undefined;
  if (!c.enable) return;
  const ctl = { canceled: false };
  keygen.current = ctl;
  if (c.memQQueue.length > 0 && c.memQServer.length > 0) runMemqWorker(c, ctl);
  else runWorkload(keygen.nextWorkloadID++, c, ctl);
}

// ---------------------------------------------------------------------------------------------
// The MemQ broker (pkg/memq/server/broker.go): queues in memory, lost when the process ends.

const queues = new Map();

function rfc3339Nano(date) {
  return date.toISOString().replace(/(\.[0-9]*?)0+Z$/, '$1Z').replace(/\.Z$/, 'Z');
}

const broker = {
  create(name) {
    if (queues.has(name)) return 'already exists';
    queues.set(name, { depth: 0, enqueued: 0, dequeued: 0, drained: 0, messages: [] });
    return undefined;
  },
  delete(name) {
    if (!queues.has(name)) return 'does not exist';
    queues.delete(name);
    return undefined;
  },
  drain(name) {
    const q = queues.get(name);
    if (!q) return 'does not exist';
    q.messages = [];
    q.drained += q.depth;
    q.depth = 0;
    return undefined;
  },
  put(name, body) {
    const q = queues.get(name);
    if (!q) return { error: 'does not exist' };
    const message = { kind: 'message', id: crypto.randomBytes(16).toString('hex'), body, creationTimestamp: rfc3339Nano(new Date()) };
    q.messages.push(message);
    q.depth++;
    q.enqueued++;
    return { message };
  },
  get(name) {
    const q = queues.get(name);
    if (!q) return { error: 'does not exist' };
    if (q.messages.length < 1) return { empty: true };
    const message = q.messages.shift();
    q.depth--;
    q.dequeued++;
    return { message };
  },
  stats() {
    return {
      kind: 'stats',
      queues: [...queues].map(([name, q]) => ({ name, depth: q.depth, enqueued: q.enqueued, dequeued: q.dequeued, drained: q.drained })),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// HTTP (pkg/app, pkg/apiutils, julienschmidt/httprouter): kuard's routes under "", /a, /b and /c.

/** encoding/json's output: compact, HTML characters escaped, a newline after. */
function goJson(value) {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '\n';
}

function serveJson(res, value) {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Expires': 'Thu, 01 Jan 1970 00:00:00 UTC',
    'Cache-Control': 'no-cache, private, max-age=0',
    'Pragma': 'no-cache',
  });
  res.end(goJson(value));
}

/** net/http's http.Error. */
function httpError(res, message, status) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(message + '\n');
}

const probes = { liveness: { failNext: 0 }, readiness: { failNext: 0 } };

function probe(res, p) {
  let status = 200;
  let message = 'ok';
  if (p.failNext > 0) {
    status = 500;
    p.failNext--;
    message = 'fail, ' + p.failNext + ' left';
  } else if (p.failNext < 0) {
    status = 500;
    message = 'fail, permanent';
  }
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(message);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
}

function statusPage(res, base) {
  const rows = broker.stats().queues.map((q) => '<tr><td>' + escapeHtml(q.name) + '</td><td>' + q.depth + '</td><td>' + q.enqueued
    + '</td><td>' + q.dequeued + '</td><td>' + q.drained + '</td></tr>').join('');
  const history = keygen.history.map((h) => escapeHtml(h.data)).join('\n');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>kuard</title></head><body>'
    + '<h1>kuard (workshop stand-in)</h1><p>Version ' + escapeHtml(VERSION) + '. The MemQ API is under <code>' + escapeHtml(base)
    + '/memq/server</code>; this page reloads every 2 s.</p>'
    + '<h2>MemQ Server</h2><table border="1" cellpadding="4"><tr><th>Name</th><th>Depth</th><th>Enqueued</th><th>Dequeued</th><th>Drained</th></tr>'
    + rows + '</table><h2>KeyGen Workload</h2><pre>' + history + '</pre></body></html>\n');
}

function readBody(req, res, then) {
  const chunks = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY) {
      if (!refused) httpError(res, 'request body larger than ' + MAX_BODY + ' bytes', 413);
      refused = true;
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => { if (!refused) then(Buffer.concat(chunks)); });
}

function keygenPut(res, body) {
  let parsed;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return httpError(res, err.message, 400);
  }
  const types = { enable: 'boolean', numToGen: 'number', timeToRun: 'number', memQServer: 'string', memQQueue: 'string', exitOnComplete: 'boolean', exitCode: 'number' };
  const c = { enable: false, numToGen: 0, timeToRun: 0, memQServer: '', memQQueue: '', exitOnComplete: false, exitCode: 0 };
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [key, type] of Object.entries(types)) {
      if (parsed[key] === undefined || parsed[key] === null) continue;
      if (typeof parsed[key] !== type || (type === 'number' && !Number.isInteger(parsed[key]))) {
        return httpError(res, 'json: cannot unmarshal ' + typeof parsed[key] + ' into Go struct field Config.' + key + ' of type ' + (type === 'number' ? 'int' : type === 'boolean' ? 'bool' : type), 400);
      }
      c[key] = parsed[key];
    }
  } else if (parsed !== null) {
    return httpError(res, 'json: cannot unmarshal ' + (Array.isArray(parsed) ? 'array' : typeof parsed) + ' into Go value of type keygen.Config', 400);
  }
  loadKeygenConfig(c);
  serveJson(res, { config: keygen.config, history: keygen.history });
}

/** One request: kuard's routes, httprouter's 404 and 405. */
function handle(req, res) {
  log(req.socket.remoteAddress + ':' + req.socket.remotePort + ' ' + req.method + ' ' + req.url);
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://kuard').pathname);
  } catch {
    return httpError(res, 'invalid URL escape', 400);
  }
  const prefix = /^\/[abc](?=\/|$)/.exec(pathname);
  const base = prefix ? prefix[0] : '';
  const rest = pathname.slice(base.length) || '/';
  const method = req.method;
  const routes = [];
  const on = (m, handler) => routes.push([m, handler]);
  let match;
  if (rest === '/') {
    on('GET', () => statusPage(res, base));
  } else if (rest === '/healthy' || rest === '/ready') {
    on('GET', () => probe(res, rest === '/healthy' ? probes.liveness : probes.readiness));
  } else if (rest === '/keygen') {
    on('GET', () => serveJson(res, { config: keygen.config, history: keygen.history }));
    on('PUT', () => readBody(req, res, (body) => keygenPut(res, body)));
  } else if (rest === '/memq/server/stats') {
    on('GET', () => serveJson(res, broker.stats()));
  } else if ((match = /^\/memq\/server\/queues\/([^/]+)$/.exec(rest))) {
    const name = match[1];
    const answer = (error) => (error ? httpError(res, error, 400) : res.end());
    on('PUT', () => answer(broker.create(name)));
    on('DELETE', () => answer(broker.delete(name)));
  } else if ((match = /^\/memq\/server\/queues\/([^/]+)\/(drain|dequeue|enqueue)$/.exec(rest))) {
    const name = match[1];
    if (match[2] === 'drain') {
      on('POST', () => { const error = broker.drain(name); return error ? httpError(res, error, 400) : res.end(); });
    } else if (match[2] === 'dequeue') {
      on('POST', () => {
        const got = broker.get(name);
        if (got.empty) { res.writeHead(204); return res.end(); }
        if (got.error) return httpError(res, got.error, 400);
        return serveJson(res, got.message);
      });
    } else {
      on('POST', () => readBody(req, res, (body) => {
        const put = broker.put(name, body.toString('utf8'));
        return put.error ? httpError(res, put.error, 400) : serveJson(res, put.message);
      }));
    }
  }
  const route = routes.find(([m]) => m === method);
  if (route) return route[1]();
  if (routes.length > 0) {
    res.setHeader('Allow', routes.map(([m]) => m).concat('OPTIONS').join(', '));
    if (method === 'OPTIONS') { res.writeHead(200); return res.end(); }
    return httpError(res, 'Method Not Allowed', 405);
  }
  return httpError(res, '404 page not found', 404);
}

/** Go's listen address: ":8080" (every interface), "host:port" or "[v6]:port". */
function listenOptions(address) {
  const m = /^(\[[^\]]*\]|[^:]*):([0-9]+)$/.exec(address);
  if (!m) return undefined;
  const host = m[1].replace(/^\[|\]$/g, '');
  return { host: host === '' ? undefined : host, port: Number(m[2]) };
}

function main(argv) {
  let values;
  try {
    values = parseFlags(argv);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    process.stderr.write(err.message + '\n' + usage());
    return exit(2);
  }
  if (values === 'help') {
    process.stderr.write(usage());
    return exit(0);
  }
  // PID 1 in a container gets no default signal actions: without these, SIGTERM would be ignored
  // and a deleted pod would wait out its grace period. Go's runtime exits on them, as does this.
  process.on('SIGTERM', () => exit(143));
  process.on('SIGINT', () => exit(130));

  log('Starting kuard version: ' + VERSION);
  log('*'.repeat(70));
  log('* WARNING: This server may expose sensitive');
  log('* and secret information. Be careful.');
  log('*'.repeat(70));
  log('Config: \n' + settingsDump(values) + '\n');

  probes.liveness.failNext = values['liveness-fail-next'];
  probes.readiness.failNext = values['readiness-fail-next'];
  loadKeygenConfig(keygenConfig(values));

  const listen = listenOptions(values.address);
  if (listen === undefined) {
    log('listen tcp ' + values.address + ': address ' + values.address + ': missing port in address');
    return exit(1);
  }
  log('Could not find certificates to serve TLS');
  log('Serving on HTTP on ' + values.address);
  const server = http.createServer(handle);
  server.on('error', (err) => {
    log('listen tcp ' + values.address + ': ' + err.message);
    exit(1);
  });
  server.listen(listen.port, listen.host);
  return server;
}

if (require.main === module || __filename === '[eval]') {
  // 'node kuard.js ARGS', or 'node -e "$(cat kuard.js)" -- ARGS'.
  main(process.argv.slice(__filename === '[eval]' ? 1 : 2));
} else {
  module.exports = { parseFlags, FlagError, sshFingerprint, goJson, rfc3339Nano, timeLeft, usage, VERSION };
}
`.slice(1);
