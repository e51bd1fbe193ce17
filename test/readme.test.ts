// The README fits on a page and points into docs/; every relative link of the README and the guides
// reaches a file that exists, and an anchor (`file.md#section`) a heading of that file.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { markdownAnchors as anchors, ROOT } from './util';

const DOCS = path.join(ROOT, 'docs');
const README = path.join(ROOT, 'README.md');

const markdownFiles = () => [
  README,
  ...fs
    .readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(DOCS, f)),
];

/** Text outside fenced code blocks and inline code, where a `[x](y)` is a link. */
function prose(text: string): string {
  return text
    .split(/^```.*$/m)
    .filter((_, i) => i % 2 === 0)
    .join('\n')
    .replace(/`[^`\n]*`/g, '');
}

/** The relative link targets of a Markdown file (no URLs, no mail). */
function links(file: string): string[] {
  const text = prose(fs.readFileSync(file, 'utf-8'));
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** Every link of `file` that does not resolve, as `file: target (why)`. */
function broken(file: string): string[] {
  return links(file).flatMap((target) => {
    const [p, anchor] = target.split('#');
    const dest = p === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(p));
    const where = `${path.relative(ROOT, file)}: ${target}`;
    if (!fs.existsSync(dest)) return [`${where} (no such file)`];
    if (anchor === undefined || !dest.endsWith('.md')) return [];
    return anchors(dest).has(anchor) ? [] : [`${where} (no such heading)`];
  });
}

describe('the README', () => {
  const readme = fs.readFileSync(README, 'utf-8');

  test('fits on a page: at most 300 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
  });

  test('links to every guide in docs/, and every docs/ link it holds exists', () => {
    const targets = links(README)
      .map((t) => t.split('#')[0])
      .filter((t) => t.startsWith('docs/'));
    const guides = fs
      .readdirSync(DOCS)
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`);
    expect(guides.filter((g) => !targets.includes(g))).toEqual([]);
    expect(broken(README)).toEqual([]);
  });
});

describe('the guides in docs/', () => {
  test('every relative link points to a file that exists, and every anchor to a heading of it', () => {
    expect(
      markdownFiles()
        .filter((f) => f !== README)
        .flatMap(broken),
    ).toEqual([]);
  });

  test('the link check sees broken links and anchors', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'link-check-'));
    try {
      const file = path.join(tmp, 'x.md');
      fs.writeFileSync(
        file,
        '# A title\n\n[ok](x.md#a-title) [gone](../nowhere.md) [bad](x.md#nope) `[code](skip.md)`\n',
      );
      expect(broken(file).map((b) => b.replace(/^.*: /, ''))).toEqual([
        '../nowhere.md (no such file)',
        'x.md#nope (no such heading)',
      ]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
