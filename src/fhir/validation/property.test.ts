import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validExamples } from './examples.js';
import { resourceTypes, validateResource } from './index.js';
import type { ValidationIssue } from './models.js';

const CODES = new Set(['structure', 'required', 'value', 'code-invalid', 'invariant', 'invalid']);

function wellFormed(issues: ValidationIssue[]): boolean {
  return (
    Array.isArray(issues) &&
    issues.every((i) => (i.severity === 'error' || i.severity === 'warning') && CODES.has(i.code) && i.message.length > 0 && i.expression.length > 0)
  );
}

/** Every leaf path in a JSON value, as property-key lists. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const p = [...prefix, Array.isArray(value) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

function setAt(root: any, path: (string | number)[], v: unknown): void {
  let o = root;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]] = v;
}

test('any JSON value gives issues, never an exception', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => wellFormed(validateResource(value))),
    { numRuns: 2000 },
  );
});

test('any object with a real resourceType gives issues, never an exception', () => {
  const types = resourceTypes();
  fc.assert(
    fc.property(fc.constantFrom(...types), fc.dictionary(fc.string(), fc.jsonValue()), (resourceType, body) =>
      wellFormed(validateResource({ ...body, resourceType })),
    ),
    { numRuns: 2000 },
  );
});

test('a valid resource with any one value replaced gives issues, never an exception', () => {
  const examples = Object.values(validExamples).map((r) => JSON.parse(JSON.stringify(r)));
  fc.assert(
    fc.property(fc.nat(), fc.nat(), fc.oneof(fc.jsonValue(), fc.anything()), (which, where, replacement) => {
      const resource = structuredClone(examples[which % examples.length]);
      const all = paths(resource);
      setAt(resource, all[where % all.length], replacement);
      return wellFormed(validateResource(resource));
    }),
    { numRuns: 3000 },
  );
});

test('deleting any one property of a valid resource gives at most the missing-element issue', () => {
  const examples = Object.values(validExamples).map((r) => JSON.parse(JSON.stringify(r)));
  fc.assert(
    fc.property(fc.nat(), fc.nat(), (which, where) => {
      const resource = structuredClone(examples[which % examples.length]);
      const keys = paths(resource).filter((p) => typeof p[p.length - 1] === 'string' && p[p.length - 1] !== 'resourceType');
      const path = keys[where % keys.length];
      let o: any = resource;
      for (const k of path.slice(0, -1)) o = o[k];
      delete o[path[path.length - 1]];
      const issues = validateResource(resource);
      assert.ok(wellFormed(issues));
      // a removal can only make something missing or empty (or orphan a `#id` reference), never invent a type or code error
      const expected = (i: ValidationIssue) => i.code === 'required' || i.code === 'invariant' || i.message.startsWith('no contained resource');
      assert.ok(issues.every(expected), JSON.stringify(issues));
    }),
    { numRuns: 1000 },
  );
});
