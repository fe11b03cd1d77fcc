/**
 * X12 5010 engine: a streaming reader (one transaction set at a time, delimiters from each ISA),
 * envelope/HL/TR3 validation with positioned errors, typed models for 837P/837I/835/999/277CA/
 * 277/270/271, writers for 837P/837I/270, and 999 acknowledgements for any received file.
 */
export { readX12, readX12File, collectX12, modelsOf, TOLERATED, MAX_LISTED_ISSUES, type X12ReadResult, type ReadX12Options, type SetModels, type SetSummary, type GroupSummary, type InterchangeSummary } from './document.js';
export { X12StreamReader, readX12Events, readX12FileEvents, type X12Event, type ReadOptions } from './reader.js';
export { validateSet, type ValidatedSet } from './validate.js';
export { formatIssue, describePosition, X12_ISSUE_CODES, type X12Issue, type X12IssueCode, type X12Position, type X12Severity } from './errors.js';
export { DEFAULT_DELIMITERS, type X12Delimiters } from './delimiters.js';
export type { TransactionSet, InterchangeHeader, GroupHeader } from './envelope.js';
export type { Segment } from './segment.js';
export type * from './models.js';
export { remittanceBalance } from './models/remittance835.js';
export { write837, withLineControlNumbers, ClaimWriteError, type Write837Options } from './writer/write837.js';
export { write270 } from './writer/write270.js';
export { write999, writeAcknowledgements, planAcknowledgements, ta1For, ackBodyForGroup, setStatus, type AckStatus, type Ta1Mode } from './writer/ack999.js';
export { TA1_NOTES } from './interchange.js';
export { writeInterchange, type EnvelopeOptions } from './writer/envelope.js';
export { TRANSACTION_RULES, ruleFor } from './schema/index.js';
export { toReadJson, ReadJsonWriter, type ReadJson } from './json.js';
