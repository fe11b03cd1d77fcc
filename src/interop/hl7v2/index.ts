/**
 * HL7 v2.5.1 with reference labs: a tolerant parser (delimiters from each MSH, escapes, batches,
 * positioned errors), ORM^O01/OML^O21 writing shaped by per-lab profiles, ORU^R01 reading into a
 * LabResult and on to FHIR Observation/DiagnosticReport, ACKs both ways, and MLLP transport.
 * Pure code except `mllp/`.
 */
export { readHl7, parseHl7Message, type Hl7ReadResult, type MessageOutcome, type ParseOutcome, type ReadHl7Options } from './parse.js';
export { Hl7Message, Hl7Segment, Hl7Field, parsePath, encodeSegment, encodeMsh, type Hl7Path, type MessageType, type FieldInput } from './message.js';
export { DEFAULT_DELIMITERS, readDelimiters, encodingCharacters, type Hl7Delimiters } from './delimiters.js';
export { escapeHl7, unescapeHl7 } from './escape.js';
export { HL7_ISSUE_CODES, describePosition, formatIssue, type Hl7Issue, type Hl7IssueCode, type Hl7Position, type Hl7Severity } from './errors.js';
export type { BatchEnvelope } from './batch.js';
export { hl7ToFhirDateTime, hl7ToFhirDate, toHl7DateTime } from './datetime.js';
export type { CodedValue, Hl7Identifier, PersonName, Provider } from './coded.js';
export type * from './order/models.js';
export { DEFAULT_ORM_PROFILE, DEFAULT_OML_PROFILE, labTestCode, type LabProfile } from './order/profile.js';
export { writeOrderMessage, type WriteOrderOutcome } from './order/write-order.js';
export { readOrderMessage, type ReadOrderOutcome } from './order/read-order.js';
export type * from './result/models.js';
export { readLabResult, type ReadLabResultOptions, type LabResultOutcome } from './result/read-result.js';
export { DEFAULT_CRITICAL_FLAGS } from './result/obx-value.js';
export { labResultToFhir, type ResultLinks, type FhirLabResult } from './result/to-fhir.js';
export { observationStatus, reportStatus, INTERPRETATION_SYSTEM } from './result/terminology.js';
export { buildAck, buildErrorAck, ackTargetOf, ackTargetFromRaw, ackCodeForIssue, errorCodeForIssue, HL7_ERROR_CODES, type AckCode, type AckError, type AckOptions, type AckTarget, type Hl7ErrorCode } from './ack/build-ack.js';
export { readAck, type ReceivedAck, type ReceivedAckError, type ReadAckOutcome } from './ack/read-ack.js';
export * from './mllp/index.js';
