/**
 * DDAS vocabulary for the municipality's work on a case (vroegsignalering v0.9,
 * json_schema_Uitwisselmodel.json): contact types, parts of day and end results are stored with
 * exactly these values so that the DDAS export needs no translation table.
 */
import { CASE_RESULTS, CONTACT_TYPES, PARTS_OF_DAY, type CaseResult, type ContactType, type PartOfDay } from '../ddas/vocabulary.ts';

// One vocabulary for the whole platform: the worklist stores what the DDAS export sends.
export { CONTACT_TYPES, PARTS_OF_DAY, type ContactType, type PartOfDay };
export const END_RESULTS = CASE_RESULTS;
export type EndResult = CaseResult;

export const isContactType = (v: string): v is ContactType => (CONTACT_TYPES as readonly string[]).includes(v);
export const isPartOfDay = (v: string): v is PartOfDay => (PARTS_OF_DAY as readonly string[]).includes(v);
export const isEndResult = (v: string): v is EndResult => (END_RESULTS as readonly string[]).includes(v);

/** How the municipality approaches the households of a queue (its working method, not DDAS). */
export const APPROACHES = ['letter', 'phone', 'home_visit'] as const;
export type Approach = (typeof APPROACHES)[number];
export const isApproach = (v: string): v is Approach => (APPROACHES as readonly string[]).includes(v);
