import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditQuery, AUDIT_PAGE_SIZE } from './audit-query.js';

test('auditQuery keeps only the filters that are set and pages by 50', () => {
  const q = auditQuery(new URLSearchParams('username=pat&operation=&offset=100'));
  assert.deepEqual(q, { username: 'pat', patient: undefined, operation: undefined, from: undefined, to: undefined, offset: 100, limit: AUDIT_PAGE_SIZE });
});

test('the date range covers whole days', () => {
  const q = auditQuery(new URLSearchParams('from=2025-03-01&to=2025-03-01'));
  const span = Date.parse(q.to!) - Date.parse(q.from!);
  assert.equal(span, 24 * 3600 * 1000 - 1);
  assert.equal(new Date(q.from!).getDate(), 1);
});

test('a bad offset or date is ignored', () => {
  const q = auditQuery(new URLSearchParams('offset=-5&from=yesterday'));
  assert.equal(q.offset, 0);
  assert.equal(q.from, undefined);
});
