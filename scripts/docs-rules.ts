// npm run docs:rules — writes docs/rules.md from the domain library's own tables (src/domain/rules-reference.ts).
import { writeFileSync } from 'node:fs';
import { renderRulesReference } from '../src/domain/rules-reference.js';

const target = new URL('../docs/rules.md', import.meta.url);
const text = renderRulesReference();
writeFileSync(target, text);
console.log(`wrote ${target.pathname} (${text.split('\n').length} lines)`);
