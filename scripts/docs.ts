// `npm run docs`: writes docs/exercises.md, the exercise diagrams, from the shipped workshop.yaml.
// test/docs.test.ts fails when the committed file differs from what this writes.
import * as fs from 'fs';
import * as path from 'path';
import { loadWorkshopConfig } from '../src/config';
import { exercisesMarkdown } from '../src/diagrams';

const root = path.resolve(__dirname, '..');
const file = path.join(root, 'docs', 'exercises.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, exercisesMarkdown(loadWorkshopConfig(path.join(root, 'workshop.yaml'))));
console.error(`wrote ${path.relative(root, file)}`);
