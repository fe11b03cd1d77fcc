import type { Db } from '../../store/db.js';
import { domainConfigOf } from '../config/domain-config.js';
import { referenceLabsOf } from '../labs/reference-labs.js';
import type { CatalogueRules } from './validate.js';

/** What an organisation's catalogue entries are checked against: its containers, lab tests and reference labs. */
export async function catalogueRulesOf(db: Db, tenant: string): Promise<CatalogueRules> {
  const { effective } = await domainConfigOf(db, tenant);
  const labs = await referenceLabsOf(db, tenant);
  return { containers: effective.phlebotomy.containers, tests: effective.phlebotomy.tests, referenceLabs: labs.map((l) => ({ id: l.id, name: l.name, ...(l.profile.obr4 === 'loinc' ? {} : { ownCodes: l.profile.testCodes ?? {} }) })) };
}
