import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolveDomainConfig } from './config.js';
import { renderRulesReference } from './rules-reference.js';

test('docs/rules.md matches the tables (run npm run docs:rules after changing a rule)', () => {
  const committed = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
  assert.equal(committed, renderRulesReference());
});

test('the reference follows an organisation override', () => {
  assert.match(renderRulesReference(), /≥ 90 × nominal/);
  assert.match(renderRulesReference(resolveDomainConfig({ phlebotomy: { citrateMinFillPct: 85 } })), /≥ 85 × nominal/);
});
