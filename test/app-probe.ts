// Run by test/pins.test.ts through scripts/app.js: prints what the bundled code sees of the module
// app.js runs it as (names, resolution, a dynamic import()).
import type { Json } from '../src/json';
const esm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Json>;
esm('node:path').then((imported) => {
  process.stdout.write(
    JSON.stringify({
      filename: __filename,
      dirname: __dirname,
      cdk8s: require.resolve('cdk8s'),
      imported: typeof imported.join,
    }),
  );
});
