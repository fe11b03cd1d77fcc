import type { AuditEvent } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';

export interface AuditEntry {
  seq: number;
  recorded: string;
  username: string | null;
  role: string | null;
  operation: string;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  patient: string | null;
  outcome: string;
  source: string | null;
  query: string | null;
  sealed: boolean;
}

/** One audit-log entry as a FHIR AuditEvent (the log itself stays append-only in its own table). */
export function auditEventOf(e: AuditEntry): AuditEvent {
  const login = e.operation.startsWith('log');
  const what = e.resourceType ? [{ what: e.resourceId ? { reference: `${e.resourceType}/${e.resourceId}` } : { display: e.resourceType }, ...(e.query ? { query: Buffer.from(e.query).toString('base64') } : {}) }] : [];
  const patient = e.patient && e.patient !== `${e.resourceType}/${e.resourceId}` ? [{ what: { reference: e.patient }, role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' } }] : [];
  return {
    resourceType: 'AuditEvent',
    id: String(e.seq),
    type: login
      ? { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' }
      : { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'urn:allied:audit-operation', code: e.operation }],
    action: e.action as AuditEvent['action'],
    recorded: e.recorded,
    outcome: e.outcome as AuditEvent['outcome'],
    agent: [
      {
        who: { identifier: { system: systems.username, value: e.username ?? 'system' }, display: e.username ?? 'system' },
        ...(e.role ? { role: [{ coding: [{ system: systems.alliedRole, code: e.role }] }] } : {}),
        requestor: true,
        ...(e.source ? { network: { address: e.source, type: '2' as const } } : {}),
      },
    ],
    source: { observer: { display: 'Allied' } },
    ...(what.length || patient.length ? { entity: [...what, ...patient] } : {}),
  };
}
