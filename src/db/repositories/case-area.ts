import { sql } from 'kysely';

/**
 * Where statistics place a case (alias `c`): the CBS district (wijk) from the address table where
 * it was found there, else the four-digit postcode at the front of the address key ('1011AB|12|A').
 */
export const CASE_AREA = sql<string>`coalesce(nullif(c.district_code, ''), substr(c.address_key, 1, 4))`;
