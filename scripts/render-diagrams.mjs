#!/usr/bin/env node
// Dev only: renders every Mermaid block of docs/exercises.md to PNG and SVG, to look at the diagrams
// as a reader would. Offline, in one headless Chromium page with mermaid's own bundle. Not part of
// npm test or CI (they need no browser); install the tools outside the project:
//   apt-get install -y chromium
//   PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix /tmp/mermaid-tools mermaid@11.17.2 puppeteer-core@23.11.1
//   node scripts/render-diagrams.mjs [out-folder]      (MERMAID_TOOLS=/tmp/mermaid-tools by default)
/* global mermaid, document -- they exist inside page.evaluate, in the browser */
import fs from 'fs';
import { createRequire } from 'module';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = createRequire(path.join(process.env.MERMAID_TOOLS ?? '/tmp/mermaid-tools', 'node_modules', 'x.js'));
const puppeteer = tools('puppeteer-core');
const mermaidBundle = tools.resolve('mermaid/dist/mermaid.min.js');
const out = path.resolve(process.argv[2] ?? path.join(root, '.diagrams'));
fs.mkdirSync(out, { recursive: true });

const text = fs.readFileSync(path.join(root, 'docs', 'exercises.md'), 'utf-8');
const blocks = [];
let title = 'diagram';
for (const m of text.matchAll(/^## (.*)$|```mermaid\n([\s\S]*?)```/gm)) {
  if (m[1]) title = m[1];
  else
    blocks.push({
      name: title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
      code: m[2],
    });
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  protocolTimeout: 600_000,
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 2400, height: 1600 });
  await page.setContent('<html><body style="background:white;margin:0"><div id="c"></div></body></html>');
  await page.addScriptTag({ path: mermaidBundle });
  // Natural size (no useMaxWidth), as GitHub shows a diagram that fits the page.
  await page.evaluate(() =>
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { useMaxWidth: false } }),
  );
  for (const [i, b] of blocks.entries()) {
    const svg = await page.evaluate(async (code, id) => (await mermaid.render(id, code)).svg, b.code, `d${i}`);
    await page.evaluate((s) => {
      document.getElementById('c').innerHTML = `<div id="w" style="display:inline-block;padding:8px">${s}</div>`;
    }, svg);
    await (await page.$('#w')).screenshot({ path: path.join(out, `${b.name}.png`) });
    fs.writeFileSync(path.join(out, `${b.name}.svg`), svg);
  }
  console.error(`rendered ${blocks.length} diagrams into ${path.relative(process.cwd(), out) || '.'}/`);
} finally {
  await browser.close();
}
