import { App } from 'cdk8s';
import { Worker, isMainThread, workerData, parentPort } from 'worker_threads';
import * as path from 'path';
import { loadWorkshopConfig } from '../src/config';
import { studentWorkshops } from '../src/fleet';
import { synthCharts, studentFile, ChartOutput } from '../src/synth';
import { Workshop } from '../lib/workshop';

function one(w: any): ChartOutput[] {
  const app = new App({ outdir: 'unused' });
  new Workshop(app, w.props);
  return synthCharts(app, studentFile(w.student));
}
const t0 = Date.now();
if (isMainThread) {
  const config = loadWorkshopConfig(process.env.WORKSHOP_CONFIG!);
  const all = studentWorkshops(config);
  const n = all.length; const k = Math.floor(n * Number(process.env.SPLIT ?? 0.5));
  const theirs: ChartOutput[][] = [];
  let done!: () => void; const finished = new Promise<void>((r) => (done = r));
  if (k < n) {
    const w = new Worker(path.join(__dirname, '../node_modules/.cache/workshop/app/scripts_tmp_par2_ts.js'), { workerData: { file: process.env.WORKSHOP_CONFIG, from: k, to: n } });
    w.on('message', (m) => { if (m === 'done') done(); else theirs.push(m); });
  } else done();
  const mine: ChartOutput[][] = [];
  for (const s of all.slice(0, k)) mine.push(one(s));
  const t1 = Date.now();
  finished.then(() => {
    const outputs = [...mine, ...theirs].flat();
    console.error('main part', t1 - t0, 'total', Date.now() - t0, outputs.length, 'rss', (process.memoryUsage().rss / 2 ** 20).toFixed(0), 'maxrss', (process.resourceUsage().maxRSS / 1024).toFixed(0));
    process.exit(0);
  });
} else {
  const config = loadWorkshopConfig(workerData.file);
  for (const s of studentWorkshops(config).slice(workerData.from, workerData.to)) parentPort!.postMessage(one(s));
  parentPort!.postMessage('done');
}
