/**
 * Specimen labels (issue #5, DOMAIN.md A.6): accession numbers and container ids with check digits,
 * the label model that refuses incomplete labels, and its renderers (ZPL for Zebra printers, PDF).
 * Pure: storage, the accession sequence, audit and reprint counting belong to the caller.
 */
export {
  formatAccession,
  parseAccession,
  isValidAccession,
  containerId,
  parseContainerId,
  isValidContainerId,
  displayAccession,
  displayContainerId,
  DEFAULT_ACCESSION_PREFIX,
  DICOM_ACCESSION_MAX_LENGTH,
  ACCESSION_SEQUENCE_MAX,
  TUBES_PER_ACCESSION_MAX,
} from './accession.js';
export type { AccessionParts, ContainerIdParts } from './accession.js';
export { LabelError, labelErrorCodes } from './errors.js';
export type { LabelErrorCode, Parsed } from './errors.js';
export { buildContainerLabel, formatPatientName, DEFAULT_LABEL_COPIES, MAX_LABEL_COPIES, containerShortNames, handlingTexts } from './label.js';
export type { ContainerLabel, ContainerLabelInput, ContainerLabelOptions, LabelPriority } from './models.js';
export { labelLayout, LABEL_WIDTH_DOTS, LABEL_HEIGHT_DOTS } from './layout.js';
export { renderLabelZpl, renderLabelsZpl, zplFieldData } from './zpl.js';
export type { ZplDpi, ZplOptions } from './zpl.js';
export { renderLabelsPdf } from './pdf.js';
export type { PdfOptions } from './pdf.js';
