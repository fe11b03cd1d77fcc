import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hl7ToFhirDateTime } from './datetime.js';

test('HL7 timestamps become FHIR dateTimes with the sender\'s precision and zone', () => {
  assert.equal(hl7ToFhirDateTime('2026'), '2026');
  assert.equal(hl7ToFhirDateTime('202611'), '2026-11');
  assert.equal(hl7ToFhirDateTime('20261124'), '2026-11-24');
  assert.equal(hl7ToFhirDateTime('202611240630-0500'), '2026-11-24T06:30:00-05:00');
  assert.equal(hl7ToFhirDateTime('20261124063015.25+1400'), '2026-11-24T06:30:15.25+14:00');
  assert.equal(hl7ToFhirDateTime('20261124063015+0545'), '2026-11-24T06:30:15+05:45');
});

test('impossible parts are not a time: month 13, hour 24, a zone beyond +/-14:00 or with 60 minutes', () => {
  for (const bad of ['20261324', '20261124240000', '20141006062700+1700', '20141006062700-1500', '20141006062700+1460', 'not a date']) {
    assert.equal(hl7ToFhirDateTime(bad), undefined, bad);
  }
});
