/** Charge rules: which codes a documented clinical event suggests (DOMAIN.md D.3). */
export { chargeCodesForEvent, chargeEvents, chargeGuardRails } from './charges.js';
export type { ChargeEvent, ChargeSuggestion } from './charges.js';
