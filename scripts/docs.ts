// `npm run docs`: writes docs/exercises.md, the exercise diagrams, from the shipped workshop.yaml,
// and docs/validation-rules.md, the rules' reference, from the rules themselves.
// test/docs.test.ts fails when a committed file differs from what this writes.
import * as fs from 'fs';
import * as path from 'path';
import { loadWorkshopConfig } from '../src/config';
import { exercisesMarkdown } from '../src/diagrams';
import { rulesMarkdown, RULES_DOC } from '../src/validation/rules-doc';

const root = path.resolve(__dirname, '..');
const file = path.join(root, 'docs', 'exercises.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, exercisesMarkdown(loadWorkshopConfig(path.join(root, 'workshop.yaml'))));
console.error(`wrote ${path.relative(root, file)}`);
fs.writeFileSync(path.join(root, RULES_DOC), rulesMarkdown());
console.error(`wrote ${RULES_DOC}`);
