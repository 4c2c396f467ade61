import type { SubjectQuery } from '../../../domain/privacy/subject-query.ts';
import { one } from '../../web-app.ts';

type Body = Record<string, string | string[] | undefined>;

/** The subject search as the forms send it (POST only: a BSN never goes into a URL). */
export interface SubjectForm {
  zoekop: 'bsn' | 'adres';
  bsn: string;
  postcode: string;
  huisnummer: string;
  toevoeging: string;
  achternaam: string;
}

export function subjectFormOf(body: Body): SubjectForm {
  return {
    zoekop: one(body.zoekop) === 'adres' ? 'adres' : 'bsn',
    bsn: one(body.bsn).replace(/[\s.-]/g, '').slice(0, 20),
    postcode: one(body.postcode).trim().slice(0, 10),
    huisnummer: one(body.huisnummer).trim().slice(0, 20),
    toevoeging: one(body.toevoeging).trim().slice(0, 20),
    achternaam: one(body.achternaam).trim().slice(0, 200),
  };
}

export function subjectQueryOf(f: SubjectForm): SubjectQuery {
  if (f.zoekop === 'bsn') return { bsn: f.bsn };
  return { postcode: f.postcode, houseNumber: f.huisnummer, ...(f.toevoeging ? { houseNumberAddition: f.toevoeging } : {}), ...(f.achternaam ? { surname: f.achternaam } : {}) };
}

/** Form field names of the query fields, by the subject query's field names (for error messages). */
export const FIELD_OF: Record<string, keyof SubjectForm> = { bsn: 'bsn', postcode: 'postcode', houseNumber: 'huisnummer' };
