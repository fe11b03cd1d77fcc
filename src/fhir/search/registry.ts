/**
 * The search parameters Allied supports, per resource type, and how each is stored.
 * Every parameter becomes indexed column(s) on its type's table (see store/schema.ts):
 *  - code:    one token (status, priority, gender...), a text column
 *  - tokens:  many tokens (identifier, code, category), a text[] column: "code", "system|code", "system|"
 *  - ref:     one reference ("Patient/123"), a text column
 *  - refs:    many references, a text[] column
 *  - date:    a date, dateTime, instant or Period, stored as its range: <col>_lo and <col>_hi
 *  - string:  names and texts as one lower-case, accent-free text, with a GIN index over the prefixes
 *             of its words (the default starts-with search) and a trigram index (for :contains)
 */
export type ParamKind = 'code' | 'tokens' | 'ref' | 'refs' | 'date' | 'string';

export interface SearchParamDef {
  name: string;
  kind: ParamKind;
  /** dotted paths into the resource; a path segment ending in [x] matches any choice type */
  paths: string[];
  /** reference params: which resource types the reference may point to (first is the default) */
  targets?: string[];
  /** code params: a rank per code, stored in <col>_rank, used by _sort (priority: stat first) */
  rank?: Record<string, number>;
  /** true for params Allied adds beyond the R4 specification */
  custom?: boolean;
  /**
   * string params: another string param of the same type whose text holds every word of this one
   * (family and given are words of name). This one then has no indexes of its own: a search finds
   * candidates through that param's indexes and checks this param's own text.
   */
  within?: string;
  description?: string;
}

export const priorityRank: Record<string, number> = { stat: 0, asap: 1, urgent: 2, routine: 3 };

const code = (name: string, paths: string[], extra: Partial<SearchParamDef> = {}): SearchParamDef => ({ name, kind: 'code', paths, ...extra });
const tokens = (name: string, paths: string[]): SearchParamDef => ({ name, kind: 'tokens', paths });
const ref = (name: string, paths: string[], targets: string[]): SearchParamDef => ({ name, kind: 'ref', paths, targets });
const refs = (name: string, paths: string[], targets: string[]): SearchParamDef => ({ name, kind: 'refs', paths, targets });
const date = (name: string, paths: string[]): SearchParamDef => ({ name, kind: 'date', paths });
const str = (name: string, paths: string[]): SearchParamDef => ({ name, kind: 'string', paths });

const identifier = tokens('identifier', ['identifier']);
const status = code('status', ['status']);
const patientOf = (path: string) => ref('patient', [path], ['Patient']);
const subjectOf = (path: string, targets = ['Patient', 'Group', 'Location', 'Device']) => ref('subject', [path], targets);
const encounterOf = (path: string) => ref('encounter', [path], ['Encounter']);
const basedOn = (path: string) => refs('based-on', [path], ['ServiceRequest', 'CarePlan', 'MedicationRequest']);
const humanNames = [str('name', ['name']), { ...str('family', ['name.family']), within: 'name' }, { ...str('given', ['name.given']), within: 'name' }];
const definitional = [tokens('url', ['url']), status, str('name', ['name']), str('title', ['title']), tokens('code', ['code'])];

export const searchParams: Record<string, SearchParamDef[]> = {
  Patient: [identifier, ...humanNames, date('birthdate', ['birthDate']), code('gender', ['gender']), code('active', ['active']), refs('general-practitioner', ['generalPractitioner'], ['Practitioner', 'Organization', 'PractitionerRole']), ref('organization', ['managingOrganization'], ['Organization'])],
  Practitioner: [identifier, ...humanNames, code('active', ['active'])],
  PractitionerRole: [identifier, ref('practitioner', ['practitioner'], ['Practitioner']), ref('organization', ['organization'], ['Organization']), refs('location', ['location'], ['Location']), tokens('role', ['code']), code('active', ['active'])],
  Organization: [identifier, str('name', ['name', 'alias']), tokens('type', ['type']), ref('partof', ['partOf'], ['Organization']), code('active', ['active'])],
  Location: [identifier, str('name', ['name', 'alias']), tokens('type', ['type', 'physicalType']), ref('organization', ['managingOrganization'], ['Organization']), ref('partof', ['partOf'], ['Location']), status],
  Coverage: [identifier, ref('patient', ['beneficiary'], ['Patient']), ref('beneficiary', ['beneficiary'], ['Patient']), refs('payor', ['payor'], ['Organization', 'Patient', 'RelatedPerson']), ref('subscriber', ['subscriber'], ['Patient', 'RelatedPerson']), tokens('type', ['type']), status],
  Encounter: [identifier, patientOf('subject'), subjectOf('subject', ['Patient', 'Group']), status, tokens('class', ['class']), tokens('type', ['type']), date('date', ['period']), refs('location', ['location.location'], ['Location']), ref('service-provider', ['serviceProvider'], ['Organization']), refs('participant', ['participant.individual'], ['Practitioner', 'PractitionerRole'])],
  Condition: [identifier, patientOf('subject'), subjectOf('subject', ['Patient', 'Group']), tokens('code', ['code']), tokens('category', ['category']), tokens('clinical-status', ['clinicalStatus']), encounterOf('encounter'), date('onset-date', ['onset[x]'])],
  AllergyIntolerance: [identifier, patientOf('patient'), tokens('code', ['code']), tokens('clinical-status', ['clinicalStatus']), code('criticality', ['criticality']), code('category', ['category'])],
  ServiceRequest: [identifier, patientOf('subject'), subjectOf('subject'), status, code('intent', ['intent']), tokens('category', ['category']), tokens('code', ['code']), code('priority', ['priority'], { rank: priorityRank }), date('authored', ['authoredOn']), date('occurrence', ['occurrence[x]']), refs('performer', ['performer'], ['Practitioner', 'PractitionerRole', 'Organization', 'Device', 'HealthcareService']), ref('requester', ['requester'], ['Practitioner', 'PractitionerRole', 'Organization']), encounterOf('encounter'), refs('based-on', ['basedOn'], ['ServiceRequest', 'CarePlan', 'MedicationRequest']), tokens('requisition', ['requisition']), refs('specimen', ['specimen'], ['Specimen'])],
  Task: [identifier, ref('patient', ['for'], ['Patient']), ref('subject', ['for'], ['Patient', 'Group', 'Location', 'Device']), status, tokens('code', ['code']), tokens('business-status', ['businessStatus']), code('priority', ['priority'], { rank: priorityRank }), code('intent', ['intent']), ref('owner', ['owner'], ['Practitioner', 'PractitionerRole', 'Organization']), code('performer', ['performerType.coding.code'], { description: 'Task.performerType (the role whose worklist holds the task)' }), ref('requester', ['requester'], ['Practitioner', 'PractitionerRole', 'Organization']), refs('based-on', ['basedOn'], ['ServiceRequest', 'Task']), ref('focus', ['focus'], ['ServiceRequest', 'Specimen', 'Procedure']), encounterOf('encounter'), ref('location', ['location'], ['Location']), date('authored-on', ['authoredOn']), date('modified', ['lastModified']), date('period', ['executionPeriod']), { ...date('due', ['restriction.period.end']), custom: true, description: 'When the task is due (Task.restriction.period.end)' }],
  Specimen: [identifier, tokens('accession', ['accessionIdentifier']), patientOf('subject'), subjectOf('subject', ['Patient', 'Group', 'Device', 'Substance', 'Location']), status, tokens('type', ['type']), date('collected', ['collection.collected[x]']), ref('collector', ['collection.collector'], ['Practitioner', 'PractitionerRole']), refs('request', ['request'], ['ServiceRequest']), refs('parent', ['parent'], ['Specimen'])],
  Observation: [identifier, patientOf('subject'), subjectOf('subject', ['Patient', 'Group', 'Device', 'Location']), status, tokens('category', ['category']), tokens('code', ['code']), date('date', ['effective[x]']), encounterOf('encounter'), basedOn('basedOn'), ref('specimen', ['specimen'], ['Specimen']), refs('performer', ['performer'], ['Practitioner', 'PractitionerRole', 'Organization', 'Patient']), refs('derived-from', ['derivedFrom'], ['Observation', 'DiagnosticReport', 'ImagingStudy'])],
  DiagnosticReport: [identifier, patientOf('subject'), subjectOf('subject', ['Patient', 'Group', 'Device', 'Location']), status, tokens('category', ['category']), tokens('code', ['code']), date('date', ['effective[x]']), date('issued', ['issued']), encounterOf('encounter'), refs('based-on', ['basedOn'], ['ServiceRequest', 'CarePlan', 'MedicationRequest']), refs('result', ['result'], ['Observation']), refs('specimen', ['specimen'], ['Specimen']), refs('performer', ['performer'], ['Practitioner', 'PractitionerRole', 'Organization'])],
  ImagingStudy: [identifier, patientOf('subject'), subjectOf('subject', ['Patient', 'Device', 'Group']), status, tokens('modality', ['modality']), date('started', ['started']), refs('basedon', ['basedOn'], ['ServiceRequest', 'Appointment', 'Task']), encounterOf('encounter'), tokens('series', ['series.uid'])],
  Appointment: [identifier, refs('patient', ['participant.actor'], ['Patient']), refs('actor', ['participant.actor'], ['Practitioner', 'PractitionerRole', 'Location', 'Device', 'Patient', 'HealthcareService']), refs('location', ['participant.actor'], ['Location']), status, date('date', ['start']), tokens('service-type', ['serviceType']), refs('based-on', ['basedOn'], ['ServiceRequest']), refs('slot', ['slot'], ['Slot'])],
  Schedule: [identifier, refs('actor', ['actor'], ['Practitioner', 'PractitionerRole', 'Location', 'Device', 'HealthcareService']), code('active', ['active']), date('date', ['planningHorizon']), tokens('service-type', ['serviceType'])],
  Slot: [identifier, ref('schedule', ['schedule'], ['Schedule']), status, date('start', ['start']), tokens('service-type', ['serviceType'])],
  Procedure: [identifier, patientOf('subject'), subjectOf('subject', ['Patient', 'Group']), status, tokens('code', ['code']), tokens('category', ['category']), date('date', ['performed[x]']), encounterOf('encounter'), refs('based-on', ['basedOn'], ['ServiceRequest', 'CarePlan']), refs('performer', ['performer.actor'], ['Practitioner', 'PractitionerRole', 'Organization', 'Device'])],
  Device: [identifier, tokens('type', ['type']), ref('patient', ['patient'], ['Patient']), ref('location', ['location'], ['Location']), status, ref('organization', ['owner'], ['Organization'])],
  MedicationAdministration: [identifier, ref('patient', ['subject'], ['Patient']), ref('subject', ['subject'], ['Patient', 'Group']), status, tokens('code', ['medication[x]']), date('effective-time', ['effective[x]']), ref('context', ['context'], ['Encounter', 'EpisodeOfCare']), refs('performer', ['performer.actor'], ['Practitioner', 'PractitionerRole', 'Patient', 'Device']), ref('request', ['request'], ['MedicationRequest'])],
  Communication: [identifier, patientOf('subject'), subjectOf('subject', ['Patient', 'Group']), status, tokens('category', ['category']), refs('recipient', ['recipient'], ['Practitioner', 'PractitionerRole', 'Patient', 'Organization', 'Group']), ref('sender', ['sender'], ['Practitioner', 'PractitionerRole', 'Organization', 'Device', 'Patient']), date('sent', ['sent']), refs('based-on', ['basedOn'], ['ServiceRequest', 'Task']), encounterOf('encounter'), code('priority', ['priority'], { rank: priorityRank })],
  ChargeItem: [identifier, patientOf('subject'), subjectOf('subject', ['Patient', 'Group']), status, tokens('code', ['code']), ref('context', ['context'], ['Encounter', 'EpisodeOfCare']), { ...ref('encounter', ['context'], ['Encounter']) }, date('occurrence', ['occurrence[x]']), date('entered-date', ['enteredDate']), refs('account', ['account'], ['Account']), refs('service', ['service'], ['ServiceRequest', 'Procedure', 'Observation', 'DiagnosticReport', 'ImagingStudy', 'Specimen', 'MedicationAdministration'])],
  ChargeItemDefinition: definitional,
  ActivityDefinition: [...definitional, tokens('topic', ['topic'])],
  ObservationDefinition: [tokens('code', ['code']), tokens('category', ['category']), tokens('identifier', ['identifier'])],
  SpecimenDefinition: [identifier, tokens('type', ['typeCollected']), tokens('container', ['typeTested.container.type'])],
  Claim: [identifier, ref('patient', ['patient'], ['Patient']), status, code('use', ['use']), date('created', ['created']), ref('insurer', ['insurer'], ['Organization']), ref('provider', ['provider'], ['Practitioner', 'PractitionerRole', 'Organization']), refs('encounter', ['item.encounter'], ['Encounter']), code('priority', ['priority.coding.code'])],
  ClaimResponse: [identifier, ref('patient', ['patient'], ['Patient']), status, code('outcome', ['outcome']), date('created', ['created']), ref('request', ['request'], ['Claim']), ref('insurer', ['insurer'], ['Organization'])],
  ExplanationOfBenefit: [identifier, ref('patient', ['patient'], ['Patient']), status, ref('claim', ['claim'], ['Claim']), date('created', ['created']), ref('provider', ['provider'], ['Practitioner', 'PractitionerRole', 'Organization']), ref('coverage', ['insurance.coverage'], ['Coverage'])],
  PaymentReconciliation: [identifier, status, code('outcome', ['outcome']), date('created', ['created']), ref('request', ['request'], ['Task']), ref('payment-issuer', ['paymentIssuer'], ['Organization'])],
  Invoice: [identifier, patientOf('subject'), subjectOf('subject', ['Patient', 'Group']), status, date('date', ['date']), ref('issuer', ['issuer'], ['Organization']), ref('account', ['account'], ['Account'])],
  Account: [identifier, patientOf('subject'), refs('subject', ['subject'], ['Patient', 'Device', 'Practitioner', 'Location', 'Organization']), status, str('name', ['name']), tokens('type', ['type']), date('period', ['servicePeriod'])],
  Provenance: [refs('target', ['target'], ['Resource']), refs('patient', ['target'], ['Patient']), refs('agent', ['agent.who'], ['Practitioner', 'PractitionerRole', 'Patient', 'Device', 'Organization']), date('recorded', ['recorded'])],
};

/** The resource types Allied stores (ARCHITECTURE.md "Data" plus what their records need). */
export const storedResourceTypes = Object.keys(searchParams).sort();

export function paramsFor(resourceType: string): SearchParamDef[] {
  return searchParams[resourceType] ?? [];
}

export function findParam(resourceType: string, name: string): SearchParamDef | undefined {
  return searchParams[resourceType]?.find((p) => p.name === name);
}

/** SQL column name of a parameter: "based-on" -> "sp_based_on". */
export function columnOf(param: SearchParamDef): string {
  return 'sp_' + param.name.replace(/[^a-z0-9]/gi, '_').toLowerCase();
}
