import type { AanleverendeOrganisatie, Client, Contactpoging, Levering, Uitwisselmodel, Vroegsignaal, Vroegsignaalzaak } from './exchange-model.ts';
import type { CaseStatus } from '../cases/case-status.ts';
import { contactTypeOf, isCaseResult, isSignalStatus, partOfDayOf, type ContactType, type PartOfDay, type PartnerOf } from './vocabulary.ts';

/** What the platform knows of a signal, as the export needs it (from the signals table). */
export interface SignalFacts {
  id: string;
  signalType: string;
  signalDate: string;
  arrearStartDate: string | null;
  amountCents: number | null;
  crisis: boolean;
  /** DDAS EnumSignaalstatus as stored. */
  status: string;
  /** The status of the signal's case (null: in no case). A picked-up case's signals are no longer "Nog niet opgepakt". */
  caseStatus?: CaseStatus | null;
  /** The resident asked on their own page to be contacted now (issue 24): DDAS warmeOverdracht. */
  warmTransfer?: boolean;
  /** Only read when the delivery carries client details (clientDetail 'full'). */
  client?: ClientFacts;
}

export interface ClientFacts {
  bsn: string | null;
  initials: string | null;
  prefix: string | null;
  surname: string | null;
  street: string | null;
  postcode: string | null;
  houseNumber: string | null;
  houseNumberAddition: string | null;
  city: string | null;
}

/** A contact attempt as the worklist records it; `at` carries the time of day when known. */
export interface ContactAttemptFacts {
  kind: ContactType | string;
  reached: boolean;
  /** 'YYYY-MM-DD' when only the date is known; a Date gives the part of day as well. */
  at: Date | string;
  partOfDay?: PartOfDay | null;
}

export interface CaseFacts {
  id: string;
  result: string | null;
  matchingDate: string;
  matchingPeriodStart: string;
  matchingPeriodEnd: string;
  pickedUpOn: string | null;
  signalIds: readonly string[];
  contactAttempts: readonly ContactAttemptFacts[];
}

export interface MunicipalityDeliveryFacts {
  /** CBS municipality code as the platform stores it: 'GM0363'. */
  municipalityCode: string;
  deliverer: { name: string; kvk?: string | null; contacts?: AanleverendeOrganisatie['contactpersoonen'] };
  signals: readonly SignalFacts[];
  cases: readonly CaseFacts[];
}

/**
 * How much of the resident the export carries. 'none' (default): the `client` object the schema
 * requires, left empty — the standard makes every client field optional, and the statistics need
 * none of them. 'full': what the signal holds (BSN only where the regulation allowed one).
 */
export type ClientDetail = 'none' | 'full';

export interface DeliveryHeader {
  supplierCode: string;
  /** The signal-partner type of a signal type (rule data, RuleBook.ddasPartnerOf). */
  partnerOf: PartnerOf;
  periodStart: string;
  periodEnd: string;
  deliveredAt: Date;
  clientDetail: ClientDetail;
}

export interface MappingWarning {
  code: 'UNKNOWN_STATUS' | 'UNKNOWN_RESULT' | 'UNKNOWN_CONTACT_TYPE' | 'CASE_WITHOUT_SIGNALS';
  objectId: string;
  value: string;
}

const NOT_YET_PICKED_UP = 'Nog niet opgepakt';

/** DDAS wants the municipality code as CBS writes it without the 'GM' prefix (example: "0518"). */
export const ddasMunicipalityCode = (code: string): string => code.replace(/^GM/i, '');

/** Whole euros ("hele euros nauwkeurig"), rounded half up from cents. */
export const wholeEuros = (cents: number): number => Math.floor((cents + 50) / 100);

const put = <T extends object, K extends keyof T>(o: T, k: K, v: T[K] | null | undefined) => {
  if (v !== null && v !== undefined && v !== '') o[k] = v;
};

function mapClient(c: ClientFacts | undefined, detail: ClientDetail): Client {
  const out: Client = {};
  if (detail === 'none' || !c) return out;
  put(out, 'Burgerservicenummer', c.bsn);
  put(out, 'Voorletters', c.initials);
  put(out, 'Voorvoegsel', c.prefix);
  put(out, 'Achternaam', c.surname);
  put(out, 'Straatnaam', c.street);
  put(out, 'Postcode', c.postcode?.replace(/\s+/g, '').toUpperCase());
  put(out, 'Huisnummer', c.houseNumber);
  put(out, 'Huisnummertoevoeging', c.houseNumberAddition);
  put(out, 'Plaatsnaam', c.city);
  // Geboortedatum: no designated signal may carry a date of birth, so it is never exported.
  return out;
}

function mapSignal(s: SignalFacts, header: DeliveryHeader, warnings: MappingWarning[]): Vroegsignaal {
  const v: Vroegsignaal = { ID: s.id, crisissignaal: s.crisis, signaalpartner: { type: header.partnerOf(s.signalType) }, client: mapClient(s.client, header.clientDetail) };
  // warmeOverdracht: only when the resident asked on their own page to be contacted now (issue 24);
  // otherwise it is not something a creditor tells us: left out, not guessed.
  if (s.warmTransfer) v.warmeOverdracht = true;
  put(v, 'bedrag', s.amountCents === null ? null : wholeEuros(s.amountCents));
  put(v, 'ontstaansdatum', s.arrearStartDate);
  put(v, 'signaaldatum', s.signalDate);
  // EnumSignaalstatus v0.9 has no value for a signal the municipality picked up: such a signal goes
  // without a status (the field is optional) rather than with a false "Nog niet opgepakt"; its case's
  // datum_opgepakt and resultaat tell what happened (README, "The DDAS export").
  if (s.status === NOT_YET_PICKED_UP && (s.caseStatus === 'picked_up' || s.caseStatus === 'closed')) return v;
  if (isSignalStatus(s.status)) v.status = s.status;
  else warnings.push({ code: 'UNKNOWN_STATUS', objectId: s.id, value: s.status });
  return v;
}

function isoDate(at: Date | string): string {
  if (typeof at === 'string') return at.slice(0, 10);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function mapAttempt(a: ContactAttemptFacts, caseId: string, warnings: MappingWarning[]): Contactpoging {
  const p: Contactpoging = { bereikt: a.reached, datum: isoDate(a.at) };
  const kind = contactTypeOf(a.kind);
  if (kind) p.soort = kind;
  else {
    p.soort = 'Overige';
    warnings.push({ code: 'UNKNOWN_CONTACT_TYPE', objectId: caseId, value: a.kind });
  }
  const part = a.partOfDay ?? (typeof a.at === 'string' ? null : partOfDayOf(a.at));
  put(p, 'dagdeel', part);
  return p;
}

function mapCase(c: CaseFacts, warnings: MappingWarning[]): Vroegsignaalzaak | undefined {
  // The schema wants at least one signal per case; a case whose signals were all deleted (retention) is left out.
  if (c.signalIds.length === 0) {
    warnings.push({ code: 'CASE_WITHOUT_SIGNALS', objectId: c.id, value: '' });
    return undefined;
  }
  const z: Vroegsignaalzaak = {};
  if (c.result !== null) {
    if (isCaseResult(c.result)) z.resultaat = c.result;
    else warnings.push({ code: 'UNKNOWN_RESULT', objectId: c.id, value: c.result });
  }
  z.matchingsdatum = c.matchingDate;
  z.startdatum_matchtingperiode = c.matchingPeriodStart;
  put(z, 'datum_opgepakt', c.pickedUpOn);
  z.einddatum_matchingperiode = c.matchingPeriodEnd;
  z.vroegsignalen = [...new Set(c.signalIds)].map((ID) => ({ ID }));
  if (c.contactAttempts.length > 0) z.contactpogingen = [...c.contactAttempts].sort((a, b) => isoDate(a.at).localeCompare(isoDate(b.at))).map((a) => mapAttempt(a, c.id, warnings));
  return z;
}

function mapDeliverer(d: MunicipalityDeliveryFacts['deliverer']): AanleverendeOrganisatie {
  const o: AanleverendeOrganisatie = { naam: d.name };
  put(o, 'kvk-nummer', d.kvk);
  if (d.contacts && d.contacts.length > 0) o.contactpersoonen = d.contacts;
  return o;
}

/**
 * Maps the platform's signals, cases and contact attempts to one DDAS delivery: a levering per
 * municipality, numbered by `teller`. Pure; the caller chose which signals and cases belong in it.
 */
export function mapDelivery(header: DeliveryHeader, municipalities: readonly MunicipalityDeliveryFacts[]): { document: Uitwisselmodel; warnings: MappingWarning[] } {
  const warnings: MappingWarning[] = [];
  const leveringen: Levering[] = municipalities.map((m, i) => {
    const l: Levering = { teller: i + 1, gemeentecode: ddasMunicipalityCode(m.municipalityCode), aanleverende_organisatie: mapDeliverer(m.deliverer) };
    l.vroegsignalen = m.signals.map((s) => mapSignal(s, header, warnings));
    l.vroegsignaalzaken = m.cases.map((c) => mapCase(c, warnings)).filter((z): z is Vroegsignaalzaak => z !== undefined);
    return l;
  });
  const document: Uitwisselmodel = {
    codeGegevensleverancier: header.supplierCode,
    startdatumLevering: header.periodStart,
    einddatumLevering: header.periodEnd,
    aanleverdatumEnTijd: header.deliveredAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  // "leveringen" has minItems 1: a delivery without any municipality leaves the array out.
  if (leveringen.length > 0) document.leveringen = leveringen;
  return { document, warnings };
}
