import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MedplumClient } from '@medplum/core';
import type { Patient } from '@medplum/fhirtypes';
import { startFixture, type ServerFixture } from './fixture.js';

// Real FHIR clients nobody here wrote, talking to our endpoint.
describe('MedplumClient (@medplum/core) against /fhir/R4', () => {
  let fx: ServerFixture;
  let medplum: MedplumClient;
  before(async () => {
    fx = await startFixture('pglite');
    medplum = new MedplumClient({ baseUrl: fx.url + '/', fhirUrlPath: 'fhir/R4', fetch: (url: string | URL | Request, init?: RequestInit) => fetch(url, init), cacheTime: 0 });
    medplum.setAccessToken(fx.tokens['t1:admin']);
  });
  after(async () => fx?.close());

  test('creates, reads and searches a Patient', async () => {
    const created = await medplum.createResource<Patient>({ resourceType: 'Patient', name: [{ family: 'Medplumson', given: ['Mia'] }], birthDate: '2001-04-05' });
    assert.ok(created.id);
    const read = await medplum.readResource('Patient', created.id!);
    assert.equal(read.name?.[0].family, 'Medplumson');
    const found = await medplum.searchResources('Patient', { family: 'medplumson' });
    assert.equal(found.length, 1);
    assert.equal(found[0].id, created.id);
    const updated = await medplum.updateResource({ ...read, gender: 'female' });
    assert.equal(updated.meta?.versionId, '2');
  });

  test('pages through search results by following next links', async () => {
    for (let i = 0; i < 7; i++) await medplum.createResource<Patient>({ resourceType: 'Patient', name: [{ family: 'Pageturner', given: [`G${i}`] }] });
    const seen: string[] = [];
    for await (const page of medplum.searchResourcePages('Patient', { family: 'pageturner', _count: '3', _sort: 'given' })) {
      seen.push(...page.map((p) => p.name![0].given![0]));
    }
    assert.deepEqual(seen, ['G0', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6']);
  });

  test('a server-side error reaches the client as an OperationOutcome', async () => {
    await assert.rejects(medplum.createResource({ resourceType: 'Observation', status: 'bogus', code: { text: 'x' } } as never), (e: any) => {
      assert.match(JSON.stringify(e.outcome ?? e.message), /Observation\.status/);
      return true;
    });
  });
});
