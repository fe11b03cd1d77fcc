import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { paramsFor, storedResourceTypes } from '../../fhir/search/registry.js';
import { catalogueDefinitionTypes, catalogueSearchParams, isCatalogueDefinitionType } from '../../services/catalogue/index.js';

const TYPE_OF_KIND = { code: 'token', tokens: 'token', ref: 'reference', refs: 'reference', date: 'date', string: 'string' } as const;

/** What this server really does, built from the same registry the store indexes. */
export function capabilityStatement(baseUrl: string, version: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString().slice(0, 10),
    kind: 'instance',
    software: { name: 'Allied', version },
    implementation: { description: 'Allied FHIR R4 server', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: ['application/json-patch+json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'Basic', display: 'Bearer token (allied token create) or session cookie' }] }],
          description: 'Bearer tokens from `allied token create --user NAME`; access by role policy; every read and write is audited.',
        },
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        resource: [
          ...storedResourceTypes.filter((type) => !isCatalogueDefinitionType(type)).map((type): CapabilityStatementRestResource => ({
          type: type as 'Patient',
          versioning: 'versioned-update',
          readHistory: true,
          updateCreate: true,
          conditionalCreate: true,
          conditionalUpdate: false,
          conditionalDelete: 'not-supported',
          interaction: ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type'].map((code) => ({ code: code as 'read' })),
          searchInclude: paramsFor(type).filter((p) => p.kind === 'ref' || p.kind === 'refs').map((p) => `${type}:${p.name}`),
          searchParam: [
            { name: '_id', type: 'token' as const },
            { name: '_lastUpdated', type: 'date' as const },
            ...paramsFor(type).map((p) => ({ name: p.name, type: TYPE_OF_KIND[p.kind], ...(p.description ? { documentation: p.description } : {}) })),
          ],
          })),
          ...catalogueDefinitionTypes.map((type): CapabilityStatementRestResource => ({
            type,
            documentation: 'Made from the organisation\'s test catalogue, read-only: edit it at /api/catalogue or import a Bundle at /api/catalogue/import',
            versioning: 'no-version',
            readHistory: false,
            updateCreate: false,
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: catalogueSearchParams[type].map((p) => ({ name: p.name, type: p.kind, documentation: p.documentation })),
          })),
          {
            type: 'AuditEvent',
            documentation: 'The hash-chained audit log, read-only (administrators): every read, search and write of patient data',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: 'patient', type: 'reference' },
              { name: 'date', type: 'date' },
              { name: 'subtype', type: 'token' },
              { name: 'entity-type', type: 'token' },
              { name: 'agent-name', type: 'string' },
            ],
          },
        ],
      },
    ],
  };
}
