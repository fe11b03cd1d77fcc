/** Plain typed models, independent of segment layout. Amounts are numbers; dates are CCYYMMDD strings. */

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode?: string;
}

/** A person or organisation named in an NM1/N1 (ID qualifier + ID as sent). */
export interface Party {
  /** organisation name, or person's last name */
  name: string;
  firstName?: string;
  middleName?: string;
  /** 1 person, 2 organisation */
  entityType: '1' | '2';
  idQualifier?: string;
  id?: string;
  address?: Address;
}

export interface Procedure {
  /** HC (HCPCS/CPT), ER, IV, WK, N4... */
  qualifier: string;
  code: string;
  modifiers: string[];
}

export interface ServiceLine837 {
  lineNumber: number;
  procedure: Procedure;
  /** 837I SV201 revenue code */
  revenueCode?: string;
  chargeAmount: number;
  /** UN units, MJ minutes, DA days */
  unitCode: string;
  units: number;
  placeOfService?: string;
  /** 837P SV107 pointers into the claim's diagnosis list (1-based) */
  diagnosisPointers: number[];
  /** DTP*472 date or range "CCYYMMDD-CCYYMMDD" */
  serviceDate?: string;
  /** REF*6R line item control number, echoed in 835 REF*6R so payments can be matched */
  controlNumber?: string;
}

export interface Subscriber extends Party {
  /** SBR01 P/S/T... */
  payerResponsibility: string;
  /** SBR02: 18 = self */
  relationship?: string;
  groupNumber?: string;
  /** SBR09 claim filing indicator (CI commercial, MB Medicare B, MC Medicaid...) */
  filingIndicator?: string;
  dateOfBirth?: string;
  gender?: string;
}

export interface Patient extends Party {
  /** PAT01 relationship to the subscriber */
  relationship: string;
  dateOfBirth?: string;
  gender?: string;
}

export interface Claim837 {
  kind: 'professional' | 'institutional';
  /** CLM01 patient control number, unique per submission */
  id: string;
  chargeAmount: number;
  /** CLM05-1 place of service (837P) or facility type (837I) */
  facilityCode: string;
  /** CLM05-2: B for place of service, A for UB facility */
  facilityQualifier: string;
  /** CLM05-3 claim frequency: 1 original, 7 replacement, 8 void */
  frequencyCode: string;
  providerSignature: string;
  assignment: string;
  benefitsAssignment: string;
  releaseOfInformation: string;
  diagnosisCodes: string[];
  /** 837I DTP*434 statement period */
  statementPeriod?: string;
  /** 2010AA REF*EI billing provider tax identification number */
  billingProviderTaxId?: string;
  /** REF*F8 payer claim control number of the claim being replaced or voided */
  originalReference?: string;
  submitter: Party;
  receiver: Party;
  billingProvider: Party;
  subscriber: Subscriber;
  payer: Party;
  patient?: Patient;
  serviceLines: ServiceLine837[];
}

export interface Adjustment {
  /** CAS01: CO contractual, PR patient responsibility, OA other, PI payer initiated, CR correction */
  group: string;
  /** CARC reason code */
  reason: string;
  amount: number;
  quantity?: number;
}

export interface ServicePayment {
  procedure: Procedure;
  chargeAmount: number;
  paidAmount: number;
  units?: number;
  serviceDate?: string;
  controlNumber?: string;
  adjustments: Adjustment[];
}

export interface ClaimPayment {
  /** CLP01: the CLM01 sent on the claim */
  id: string;
  /** CLP02 status: 1 processed as primary, 2 secondary, 4 denied, 22 reversal... */
  status: string;
  chargeAmount: number;
  paidAmount: number;
  patientResponsibility: number;
  filingIndicator: string;
  payerClaimControlNumber: string;
  patientName?: string;
  adjustments: Adjustment[];
  serviceLines: ServicePayment[];
}

export interface ProviderAdjustment {
  provider: string;
  fiscalPeriodDate: string;
  /** PLB03-1 reason (WO overpayment recovery, L6 interest, FB forwarding balance...) */
  reason: string;
  reference?: string;
  amount: number;
}

export interface Remittance835 {
  paymentAmount: number;
  /** BPR03 C credit / D debit */
  creditDebit: string;
  paymentMethod: string;
  paymentDate?: string;
  traceNumber: string;
  payer: Party;
  payee: Party;
  claims: ClaimPayment[];
  providerAdjustments: ProviderAdjustment[];
}

export interface AckElementError {
  /** IK401 position (may be "2:1" for a component) */
  position: string;
  reference?: string;
  code: string;
  value?: string;
}

export interface AckSegmentError {
  segmentId: string;
  position: number;
  loop?: string;
  code: string;
  elements: AckElementError[];
}

export interface AckSetResponse {
  type: string;
  control: string;
  implementation?: string;
  /** IK501/AK501: A accepted, E accepted with errors, R rejected */
  status: string;
  codes: string[];
  errors: AckSegmentError[];
}

/**
 * A 999/997 (functional group acknowledgement) or a TA1 (interchange acknowledgement). A TA1 has no
 * group or sets: its status is TA104 (A, E, R) and the fields below say which interchange it answers.
 */
export interface Acknowledgement {
  type: '999' | '997' | 'TA1';
  /** TA101: the control number (ISA13) of the interchange acknowledged */
  interchangeControl?: string;
  /** TA102/TA103: that interchange's ISA09 date (YYMMDD) and ISA10 time */
  interchangeDate?: string;
  interchangeTime?: string;
  /** TA105 interchange note code (000 = no error) and its meaning */
  noteCode?: string;
  note?: string;
  functionalId: string;
  groupControl: string;
  version?: string;
  sets: AckSetResponse[];
  /** AK901 */
  status: string;
  included: number;
  received: number;
  accepted: number;
  groupCodes: string[];
}

export interface StatusCode {
  /** STC01-1 claim status category (A1, A2, A3, A7...) */
  category: string;
  code: string;
  entity?: string;
}

export interface ClaimStatus {
  /** 2200 level: receiver, provider, claim (2200D/E) */
  level: 'receiver' | 'provider' | 'claim' | 'service';
  traceNumber: string;
  /** REF*1K payer claim control number when given */
  payerClaimControlNumber?: string;
  /** REF*D9 clearinghouse trace */
  clearinghouseTrace?: string;
  patient?: string;
  statuses: StatusCode[];
  statusDate?: string;
  action?: string;
  chargeAmount?: number;
  paidAmount?: number;
}

export interface Benefit {
  /** EB01 (1 active coverage, 6 inactive, A co-insurance, B co-payment, C deductible...) */
  code: string;
  coverageLevel?: string;
  serviceTypes: string[];
  insuranceType?: string;
  planDescription?: string;
  timePeriod?: string;
  amount?: number;
  percent?: number;
  inNetwork?: string;
  messages: string[];
}

export interface EligibilityRejection {
  level: string;
  code: string;
  action?: string;
}

export interface Eligibility {
  kind: 'request' | 'response';
  traceNumbers: string[];
  informationSource: Party;
  informationReceiver?: Party;
  subscriber: Party & { dateOfBirth?: string; gender?: string };
  dependent?: Party & { dateOfBirth?: string; gender?: string };
  /** 270 EQ01 service type codes asked about */
  serviceTypes: string[];
  benefits: Benefit[];
  rejections: EligibilityRejection[];
}

/** What a 270 writer needs. */
export interface EligibilityRequest {
  traceNumber: string;
  informationSource: Party;
  informationReceiver: Party;
  subscriber: Party & { dateOfBirth?: string; gender?: string };
  serviceTypes: string[];
}
