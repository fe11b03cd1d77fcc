import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { definitionsDir } from './definitions.js';
import { validateResource } from './index.js';

// The definitions are themselves thousands of valid R4 resources: a guard against false positives.
for (const file of ['valuesets.json', 'search-parameters.json', 'profiles-types.json', 'conceptmaps.json', 'extension-definitions.json']) {
  test(`the R4 definitions in ${file} validate without issues`, () => {
    const bundle = JSON.parse(readFileSync(join(definitionsDir(), file), 'utf8'));
    assert.ok(bundle.entry.length > 10);
    assert.deepEqual(validateResource(bundle), []);
  });
}
