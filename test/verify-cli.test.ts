import * as fs from 'fs';
import * as path from 'path';
import { CliDeps, runVerify } from '../src/verify/cli';
import { chooseContext, Connection } from '../src/verify/kubeconfig';
import { healthyCluster, objectIn } from './cluster-fixtures';
import { ClusterState, StandIn, startStandIn } from './kube-standin';
import { NAMESPACE, ROOT, tempDir } from './util';

let standIn: StandIn;
afterEach(async () => {
  await standIn?.close();
});

const CONFIG = path.join(ROOT, 'workshop.yaml');
const STUDENTS = ['alice', 'bob', 'carol'];
let fleetConfig: string;
beforeAll(() => {
  fleetConfig = path.join(tempDir(), 'class.yaml');
  fs.writeFileSync(fleetConfig, `students: [${STUDENTS.join(', ')}]\n`);
});

/** A connection to the stand-in, as kubeconfig.ts would resolve it, with `token` and the context's `namespace`. */
function connection(token: string, namespace?: string): Connection {
  return {
    context: 'standin',
    namespace,
    cluster: { name: 'standin', server: standIn.url, skipTLSVerify: true },
    endpoint: { server: standIn.url, options: { headers: { Authorization: `Bearer ${token}` } } },
  };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(
  argv: string[],
  options: { config?: string; token?: string; namespace?: string; deps?: Partial<CliDeps> } = {},
): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerify(argv, {
    env: { WORKSHOP_CONFIG: options.config ?? CONFIG },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    connect: async () => connection(options.token ?? standIn.adminToken, options.namespace),
    ...options.deps,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function withCluster(state: ClusterState): Promise<void> {
  standIn = await startStandIn(state);
}

describe('npm run verify', () => {
  test('prints a table of every check, all ✓, and exits 0 on a working workshop', async () => {
    await withCluster(healthyCluster());
    const r = await run([]);
    expect(r.code).toEqual(0);
    expect(r.stderr).toEqual('');
    expect(r.stdout).toContain(`namespace ${NAMESPACE}`);
    expect(r.stdout).toMatch(/trace-job\s+Job traceroute complete\s+✓ 1\/1 completions/);
    expect(r.stdout).toMatch(
      /^28 of 28 checks pass, 0 failed, 0 pending; 15 API requests \(7 reads and lists, 8 pod logs\)$/m,
    );
    expect(r.stdout).not.toContain('hint:');
  });

  test('connects to the kube-context --context names and prints it with its server', async () => {
    await withCluster(healthyCluster());
    const asked: Array<string | undefined> = [];
    const r = await run(['--context', 'admin@standin', 'trace-job', 'factorial-job'], {
      deps: {
        connect: async (options) => {
          asked.push(options.context);
          return connection(standIn.adminToken);
        },
      },
    });
    expect(asked).toEqual(['admin@standin']);
    expect(r.stderr).toEqual('');
    expect(r.code).toEqual(0);
    expect(r.stdout).toContain(`context standin (${standIn.url})`);
    expect(r.stdout).toMatch(/^3 of 3 checks pass/m);
  });

  test('without any kubeconfig says there is no kube-context, in one line', async () => {
    // The real kubeconfig lookup, in a home without ~/.kube/config and without KUBECONFIG.
    const home = tempDir();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runVerify([], {
      env: { HOME: home, WORKSHOP_CONFIG: CONFIG },
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });
    expect(code).toEqual(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `verify: no kube-context: ${home}/.kube/config does not exist and KUBECONFIG is not set; create a cluster (kind create cluster) or set KUBECONFIG`,
    ]);
  });

  test('names the contexts there are when --context names none of them, exits 2 and asks the API server nothing', async () => {
    await withCluster(healthyCluster());
    const files = ['/home/me/.kube/config'];
    const r = await run(['--context', 'kind-kind'], {
      deps: {
        connect: async (options) => {
          chooseContext({ files, contexts: ['other', 'admin@standin'], current: 'other', requested: options.context });
          return connection(standIn.adminToken);
        },
      },
    });
    expect(r.code).toEqual(2);
    expect(r.stdout).toEqual('');
    expect(r.stderr).toEqual(
      'verify: no kube-context named kind-kind in /home/me/.kube/config; contexts: other, admin@standin',
    );
    expect(standIn.requests).toEqual([]);
  });

  test('exits 1 and prints the kubectl command to look with under a ✗', async () => {
    const state = healthyCluster();
    objectIn(state, 'jobs', NAMESPACE, 'traceroute').status.conditions = [
      { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' },
    ];
    await withCluster(state);
    const r = await run(['trace-job', 'factorial-job']);
    expect(r.code).toEqual(1);
    const lines = r.stdout.split('\n');
    const bad = lines.findIndex((l) => /Job traceroute complete\s+✗ failed: BackoffLimitExceeded/.test(l));
    expect(bad).toBeGreaterThan(0);
    expect(lines[bad + 1].trim()).toEqual(`hint: kubectl describe job traceroute -n ${NAMESPACE}`);
    expect(r.stdout).toMatch(/^2 of 3 checks pass, 1 failed, 0 pending/m);
  });

  test('a CronJob that has not fired yet is pending, not failed, and the exit code is 1', async () => {
    const state = healthyCluster();
    objectIn(state, 'cronjobs', NAMESPACE, 'login-heartbeat').status = {};
    await withCluster(state);
    const r = await run(['heartbeat-cron']);
    expect(r.code).toEqual(1);
    expect(r.stdout).toMatch(/CronJob login-heartbeat has fired\s+pending not fired yet \(schedule \* \* \* \* \*\)/);
    expect(r.stdout).not.toContain('✗');
    expect(r.stdout).toMatch(/0 failed, 1 pending/);
  });

  test('--json prints every check for scripts', async () => {
    await withCluster(healthyCluster());
    const r = await run(['--json', 'trace-job']);
    expect(r.code).toEqual(0);
    expect(JSON.parse(r.stdout)).toEqual({
      context: 'standin',
      verdict: 'pass',
      totals: { checks: 1, pass: 1, fail: 0, pending: 0 },
      requests: { lists: 4, logs: 0 },
      namespaces: [
        {
          namespace: NAMESPACE,
          present: true,
          exercises: [
            {
              exercise: 'trace-job',
              file: 'dist/0002-trace-job.k8s.yaml',
              status: 'checked',
              verdict: 'pass',
              checks: [{ title: 'Job traceroute complete', verdict: 'pass', detail: '1/1 completions' }],
            },
          ],
        },
      ],
    });
  });

  test('an exercise that is not applied says which file to apply', async () => {
    const state = healthyCluster();
    state.objects.jobs = state.objects.jobs.filter((j) => j.metadata.name !== 'traceroute');
    state.objects.pods = state.objects.pods.filter((p) => !p.metadata.name.startsWith('traceroute-'));
    await withCluster(state);
    const r = await run(['trace-job']);
    expect(r.code).toEqual(1);
    expect(r.stdout).toMatch(
      /trace-job\s+applied\s+✗ not applied\n\s+hint: kubectl apply -f dist\/0002-trace-job.k8s.yaml/,
    );
  });

  test('an absent namespace says to apply dist/ first', async () => {
    const state = healthyCluster();
    state.namespaces.clear();
    await withCluster(state);
    const r = await run([]);
    expect(r.code).toEqual(1);
    expect(r.stdout).toContain(
      `✗ namespace ${NAMESPACE} does not exist: apply dist/ first\n      hint: kubectl apply -f dist`,
    );
  });

  describe('--watch', () => {
    test('checks again after each interval until every check passes', async () => {
      const state = healthyCluster();
      const cron = objectIn(state, 'cronjobs', NAMESPACE, 'periodic-report');
      const fired = cron.status;
      cron.status = {};
      await withCluster(state);
      let clock = 0;
      const sleeps: number[] = [];
      const r = await run(['--watch', '--interval', '2', 'periodic-job'], {
        deps: {
          now: () => clock,
          // The CronJob fires while verify waits.
          sleep: async (ms) => {
            sleeps.push(ms);
            clock += ms;
            cron.status = fired;
          },
        },
      });
      expect(r.code).toEqual(0);
      expect(sleeps).toEqual([2000]);
      expect(r.stderr).toEqual('round 1: 0 of 2 checks pass; checking again in 2 s');
      expect(r.stdout).toMatch(/2 of 2 checks pass/);
    });

    test('waits out an API server that does not answer for a round', async () => {
      await withCluster(healthyCluster());
      let clock = 0;
      // The request timer runs out when the stand-in leaves a request unanswered, and only then.
      const running = new Set<() => void>();
      const delays: number[] = [];
      const requestTimer = (onTimeout: () => void, ms: number) => {
        delays.push(ms);
        running.add(onTimeout);
        return () => running.delete(onTimeout);
      };
      standIn.hang = () => {
        if (clock !== 0) return false;
        setImmediate(() => [...running].forEach((onTimeout) => onTimeout()));
        return true;
      };
      const r = await run(['--watch', '--request-timeout', '0.5', 'trace-job'], {
        deps: {
          now: () => clock,
          sleep: async (ms) => {
            clock += ms;
          },
          requestTimer,
        },
      });
      expect(delays.length).toBeGreaterThan(1);
      expect(new Set(delays)).toEqual(new Set([500]));
      expect(running.size).toEqual(0);
      expect(r.code).toEqual(0);
      expect(r.stderr).toMatch(
        /^round 1: the API server at http:\/\/127\.0\.0\.1:\d+ \(context standin\) did not answer GET \/api\/v1\/namespaces\/workshop-day2-solutions in time \(no answer within 500 ms\); .*; checking again in 5 s$/,
      );
      expect(r.stdout).toMatch(/1 of 1 checks pass/);
    });

    test('gives up at the timeout with the last report and exit code 1', async () => {
      const state = healthyCluster();
      objectIn(state, 'cronjobs', NAMESPACE, 'periodic-report').status = {};
      await withCluster(state);
      let clock = 0;
      let rounds = 0;
      const r = await run(['--watch', '--interval', '5', '--timeout', '30', 'periodic-job'], {
        deps: {
          now: () => clock,
          sleep: async (ms) => {
            clock += ms;
            rounds++;
          },
        },
      });
      expect(r.code).toEqual(1);
      expect(rounds).toEqual(6);
      expect(r.stdout).toMatch(/0 of 2 checks pass, 0 failed, 2 pending/);
    });
  });

  describe('a class', () => {
    function fleetState(): ClusterState {
      return healthyCluster({ students: STUDENTS });
    }

    test('--class --watch shows the matrix every round, not only counts', async () => {
      const state = fleetState();
      const job = objectIn(state, 'jobs', `${NAMESPACE}-bob`, 'parallel');
      const done = job.status;
      job.status = { active: 5, succeeded: 3 };
      await withCluster(state);
      let clock = 0;
      let cleared = 0;
      const r = await run(['--class', '--watch', '--interval', '2'], {
        config: fleetConfig,
        deps: {
          now: () => clock,
          sleep: async (ms) => {
            clock += ms;
            job.status = done;
          },
          clearScreen: () => {
            cleared++;
          },
        },
      });
      expect(cleared).toBe(1); // on a terminal the matrix is redrawn each round
      expect(r.code).toEqual(0);
      expect(r.stderr).toMatch(/^student +1 +2 .*\nalice +✓.*14\/14\nbob +✓.*….*13\/14\n/s);
      expect(r.stderr).toContain('round 1: ');
    });

    test('--class prints students by exercises with totals', async () => {
      const state = fleetState();
      state.namespaces.delete(`${NAMESPACE}-bob`);
      objectIn(state, 'jobs', `${NAMESPACE}-carol`, 'parallel').status = { active: 5, succeeded: 3 };
      await withCluster(state);
      const r = await run(['--class'], { config: fleetConfig });
      expect(r.code).toEqual(1);
      const lines = r.stdout.split('\n');
      expect(lines[1]).toEqual('student   1  2  3  4  5  6  7  8  9 10 11 12 13 14   passed');
      expect(lines[2]).toEqual('alice     ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓   14/14');
      expect(lines[3]).toEqual(
        `bob       ?  ?  ?  ?  ?  ?  ?  ?  ?  ?  ?  ?  ?  ?   0/14   namespace absent: kubectl apply -f dist/bob.k8s.yaml`,
      );
      expect(lines[4]).toEqual('carol     ✓  ✓  ✓  ✓  ✓  ✓  ✓  …  ✓  ✓  ✓  ✓  ✓  ✓   13/14');
      expect(lines[5]).toEqual('passed    2  2  2  2  2  2  2  1  2  2  2  2  2  2   of 3 students');
      expect(r.stdout).toContain('1 voting-app, 2 trace-job, 3 shared-config-jobs');
      expect(r.stdout).toMatch(
        /^1 of 3 students pass every exercise; 23 API requests \(7 reads and lists, 16 pod logs\)$/m,
      );
    });

    test('without --class, a student context checks its own namespace', async () => {
      await withCluster(fleetState());
      const r = await run([], { config: fleetConfig, namespace: `${NAMESPACE}-bob` });
      expect(r.code).toEqual(0);
      expect(r.stdout).toContain(`namespace ${NAMESPACE}-bob (student bob)`);
      expect(standIn.requests.filter((q) => q.verb === 'list').every((q) => q.namespace === `${NAMESPACE}-bob`)).toBe(
        true,
      );
    });

    test('--student picks students; several are listed across namespaces', async () => {
      await withCluster(fleetState());
      const r = await run(['--student', 'alice', '--student', 'carol', 'trace-job'], { config: fleetConfig });
      expect(r.code).toEqual(0);
      expect(r.stdout).toContain(`namespace ${NAMESPACE}-alice (student alice)`);
      expect(r.stdout).toContain(`namespace ${NAMESPACE}-carol (student carol)`);
      expect(r.stdout).not.toContain('-bob');
    });
  });

  describe('one clear line, exit code 2, when verify cannot check', () => {
    const cases: Array<[string, string[], (s: StandIn) => void, { config?: string; token?: string }, RegExp]> = [
      [
        '--class without students',
        ['--class'],
        () => undefined,
        {},
        /^verify: --class needs students: in .*workshop\.yaml \(fleet mode\)/,
      ],
      [
        'a class config and no student chosen',
        [],
        () => undefined,
        { config: 'fleet' },
        /^verify: .*class\.yaml lists 3 students: check one with --student NAME, or the whole class with --class$/,
      ],
      [
        'an unknown exercise',
        ['trace-jobs'],
        () => undefined,
        {},
        /^verify: unknown exercise trace-jobs; the exercises are voting-app, trace-job, /,
      ],
      [
        'an unknown student',
        ['--student', 'dave'],
        () => undefined,
        { config: 'fleet' },
        /^verify: unknown student dave; the config lists alice, bob, carol$/,
      ],
      ['an unknown option', ['--clas'], () => undefined, {}, /^verify: Unknown option '--clas'/],
      [
        'credentials the API server rejects (401)',
        [],
        () => undefined,
        { token: 'expired-token' },
        /^verify: the API server at http:\/\/127\.0\.0\.1:\d+ \(context standin\) rejected the credentials \(401 Unauthorized\): they are wrong or expired/,
      ],
      [
        'no permission to list Jobs (403)',
        [],
        (s) => {
          s.forbid = (r) => r.resource === 'jobs';
        },
        {},
        /^verify: context standin may not list jobs\.batch in namespace workshop-day2-solutions \(403 Forbidden\): verify needs get and list on pods, pods\/log, jobs, cronjobs, deployments and persistentvolumeclaims there/,
      ],
      [
        'no permission to read logs (403)',
        [],
        (s) => {
          s.forbid = (r) => r.resource === 'pods/log';
        },
        {},
        /^verify: context standin may not get pods\/log in namespace workshop-day2-solutions \(403 Forbidden\)/,
      ],
      [
        'no permission to list across namespaces for --class (403)',
        ['--class'],
        (s) => {
          s.forbid = (r) => r.verb === 'list' && r.resource === 'pods' && r.namespace === undefined;
        },
        { config: 'fleet' },
        /^verify: context standin may not list pods in all namespaces \(403 Forbidden\): .*for --class, list in all namespaces/,
      ],
      [
        'an API server that does not answer in time',
        ['--request-timeout', '0.05'],
        (s) => {
          s.hang = () => true;
        },
        {},
        /^verify: the API server at http:\/\/127\.0\.0\.1:\d+ \(context standin\) did not answer GET \/api\/v1\/namespaces\/workshop-day2-solutions in time \(no answer within 50 ms\)/,
      ],
    ];

    test.each(cases)('%s', async (...c) => {
      const [, argv, setUp, options, line] = c;
      await withCluster(options.config === 'fleet' ? healthyCluster({ students: STUDENTS }) : healthyCluster());
      setUp(standIn);
      const r = await run(argv, { ...options, config: options.config === 'fleet' ? fleetConfig : undefined });
      expect(r.code).toEqual(2);
      expect(r.stdout).toEqual('');
      expect(r.stderr.split('\n')[0]).toMatch(line);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    test('an API server that cannot be reached', async () => {
      await withCluster(healthyCluster());
      const url = standIn.url;
      await standIn.close();
      const r = await run([]);
      expect(r.code).toEqual(2);
      expect(r.stderr).toEqual(
        `verify: cannot reach the API server at ${url} (context standin): ECONNREFUSED; is the cluster running? (kubectl cluster-info)`,
      );
    });

    test('a bad workshop config', async () => {
      await withCluster(healthyCluster());
      const bad = path.join(tempDir(), 'bad.yaml');
      fs.writeFileSync(bad, 'namespace: Not_A_Name\n');
      const r = await run([], { config: bad });
      expect(r.code).toEqual(2);
      expect(r.stderr).toMatch(/^verify: invalid workshop config .*bad\.yaml:\n\s+.*bad\.yaml:1:12: namespace must be/);
    });
  });
});
