/**
 * The stub's answers to BRP API Personen queries (POST /personen), built from the stub register the
 * way the specification describes them: whole persons for RaadpleegMetBurgerservicenummer, limited
 * ones (PersoonBeperkt) for the searches, only the requested `fields` plus what is always delivered.
 */
import { ageOn } from '../../domain/routing/brp-register.ts';
import { residenceOn, type StubAddress, type StubPerson, type StubRegister } from './residents.ts';

type Json = Record<string, unknown>;

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

export function datum(iso: string): Json {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { type: 'Datum', datum: iso, langFormaat: `${d} ${MONTHS[m - 1]} ${y}` };
}

function volledigeNaam(p: StubPerson): string {
  return [p.givenName, p.prefix, p.surname].filter(Boolean).join(' ');
}

function verblijfadres(a: StubAddress): Json {
  return {
    officieleStraatnaam: a.street,
    korteStraatnaam: a.street.slice(0, 24),
    huisnummer: a.houseNumber,
    ...(a.houseLetter ? { huisletter: a.houseLetter } : {}),
    ...(a.houseNumberAddition ? { huisnummertoevoeging: a.houseNumberAddition } : {}),
    postcode: a.postcode,
    woonplaats: a.city,
  };
}

/** The whole Persoon of the specification as far as the stub knows it, on `today`. */
function persoon(p: StubPerson, today: string): Json {
  const last = p.residences[p.residences.length - 1]!;
  const current = p.deathDate ? last : (residenceOn(p, today) ?? last);
  const a = current.address;
  const inMunicipalitySince = p.residences.filter((r) => r.address.municipalityCode === a.municipalityCode).reduce((min, r) => (r.from < min ? r.from : min), current.from);
  const letterAndAddition = `${a.houseLetter ?? ''}${a.houseNumberAddition ? ` ${a.houseNumberAddition}` : ''}`;
  return {
    burgerservicenummer: p.bsn,
    geslacht: p.gender === 'M' ? { code: 'M', omschrijving: 'man' } : { code: 'V', omschrijving: 'vrouw' },
    ...(p.deathDate ? {} : { leeftijd: ageOn(p.birthDate, today) }),
    naam: {
      voornamen: p.givenName,
      ...(p.prefix ? { voorvoegsel: p.prefix } : {}),
      geslachtsnaam: p.surname,
      voorletters: `${p.givenName[0]}.`,
      volledigeNaam: volledigeNaam(p),
      aanduidingNaamgebruik: { code: 'E', omschrijving: 'eigen geslachtsnaam' },
    },
    geboorte: { datum: datum(p.birthDate) },
    ...(p.deathDate ? { overlijden: { datum: datum(p.deathDate), land: { code: '6030', omschrijving: 'Nederland' } } } : {}),
    verblijfplaats: {
      type: 'Adres',
      verblijfadres: verblijfadres(a),
      functieAdres: { code: 'W', omschrijving: 'woonadres' },
      adresseerbaarObjectIdentificatie: a.addressableObjectId,
      nummeraanduidingIdentificatie: a.numberDesignationId,
      datumVan: datum(current.from),
    },
    gemeenteVanInschrijving: { code: a.municipalityCode.slice(2), omschrijving: a.municipalityName },
    datumInschrijvingInGemeente: datum(inMunicipalitySince),
    adressering: {
      adresregel1: `${a.street} ${a.houseNumber}${letterAndAddition}`.slice(0, 40),
      adresregel2: `${a.postcode.slice(0, 4)} ${a.postcode.slice(4)}  ${a.city.toUpperCase()}`.slice(0, 50),
      aanschrijfwijze: { naam: volledigeNaam(p) },
    },
  };
}

/** Delivered without being asked for (the specification forbids naming them in fields). */
function automatic(p: StubPerson): Json {
  return p.deathDate ? { opschortingBijhouding: { reden: { code: 'O', omschrijving: 'overlijden' }, datum: datum(p.deathDate) } } : {};
}

/** PersoonBeperkt: what a search answers. */
function persoonBeperkt(full: Json): Json {
  const naam = full.naam as Json;
  const { burgerservicenummer, geslacht, leeftijd, geboorte, adressering } = full as Record<string, Json | undefined>;
  const { adresregel1, adresregel2 } = (adressering ?? {}) as Json;
  return {
    burgerservicenummer,
    geslacht,
    ...(leeftijd === undefined ? {} : { leeftijd }),
    naam: { voornamen: naam.voornamen, ...(naam.voorvoegsel ? { voorvoegsel: naam.voorvoegsel } : {}), geslachtsnaam: naam.geslachtsnaam, voorletters: naam.voorletters, volledigeNaam: naam.volledigeNaam },
    geboorte,
    adressering: { adresregel1, adresregel2 },
  };
}

/**
 * Keeps the requested paths ("naam", "verblijfplaats.verblijfadres.postcode"). A polymorphic
 * object keeps its `type`, a date all of itself: both are meaningless in part.
 */
function pick(source: Json, fields: readonly string[]): Json {
  const out: Json = {};
  for (const field of fields) {
    let from: unknown = source;
    let to = out;
    const parts = field.split('.');
    for (let i = 0; i < parts.length; i++) {
      if (typeof from !== 'object' || from === null || Array.isArray(from)) break;
      const f = from as Json;
      if ('type' in f) to.type = f.type;
      const key = parts[i]!;
      if (!(key in f)) break;
      const value = f[key];
      const isDate = typeof value === 'object' && value !== null && 'langFormaat' in value;
      if (i === parts.length - 1 || isDate || typeof value !== 'object' || value === null) {
        to[key] = value;
        break;
      }
      to = (to[key] ??= {}) as Json;
      from = value;
    }
  }
  return out;
}

/** A field path's first part must be a property of the answer's person type; an unknown one is a 400. */
export function unknownFields(fields: readonly string[], allowed: ReadonlySet<string>): string[] {
  return fields.filter((f) => !allowed.has(f.split('.')[0]!));
}

export function raadpleeg(register: StubRegister, bsns: readonly string[], fields: readonly string[], today: string, municipality?: string): Json[] {
  const out: Json[] = [];
  for (const bsn of new Set(bsns)) {
    const p = register.persons.get(bsn);
    if (!p) continue;
    const full = persoon(p, today);
    if (municipality !== undefined && (full.gemeenteVanInschrijving as Json).code !== municipality) continue;
    out.push({ ...pick(full, fields), ...automatic(p) });
  }
  return out;
}

export interface AddressQuery {
  postcode: string;
  huisnummer: number;
  huisletter?: string;
  huisnummertoevoeging?: string;
  inclusiefOverledenPersonen?: boolean;
}

/** Persons whose current address it is (case-insensitive postcode, with or without its space). */
export function zoekMetPostcodeEnHuisnummer(register: StubRegister, q: AddressQuery, fields: readonly string[], today: string): Json[] {
  const postcode = q.postcode.replace(' ', '').toUpperCase();
  const out: Json[] = [];
  for (const p of register.persons.values()) {
    if (p.deathDate && !q.inclusiefOverledenPersonen) continue;
    const r = p.deathDate ? p.residences[p.residences.length - 1]! : residenceOn(p, today);
    if (!r) continue;
    const a = r.address;
    if (a.postcode !== postcode || a.houseNumber !== q.huisnummer) continue;
    if (q.huisletter !== undefined && a.houseLetter?.toUpperCase() !== q.huisletter.toUpperCase()) continue;
    if (q.huisnummertoevoeging !== undefined && a.houseNumberAddition?.toUpperCase() !== q.huisnummertoevoeging.toUpperCase()) continue;
    out.push({ ...pick(persoonBeperkt(persoon(p, today)), fields), ...automatic(p) });
  }
  return out;
}
