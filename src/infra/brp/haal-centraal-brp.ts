import {
  BrpUnavailable,
  gmCode,
  occupancyOf,
  type AddressQuery,
  type AddressResident,
  type BrpRegister,
  type MunicipalBrp,
  type Occupancy,
  type RegisteredAddress,
  type RegisteredPerson,
} from '../../domain/routing/brp-register.ts';
import type { Residence } from '../../domain/routing/person-register.ts';
import type { BrpConnection } from './brp-connection.ts';
import { BrpHttp } from './brp-http.ts';

type Json = Record<string, unknown>;

/** RaadpleegMetBurgerservicenummer takes at most this many BSNs per call (the specification's maxItems). */
const BSNS_PER_CALL = 20;

/** The fields asked for: only what the platform uses (the API's fields parameter; data minimisation). */
const PERSON_FIELDS = [
  'burgerservicenummer',
  'naam.voornamen',
  'naam.voorvoegsel',
  'naam.geslachtsnaam',
  'naam.volledigeNaam',
  'geboorte.datum',
  'overlijden.datum',
  'gemeenteVanInschrijving',
  'verblijfplaats.verblijfadres',
  'verblijfplaats.adresseerbaarObjectIdentificatie',
  'verblijfplaats.datumVan',
] as const;

/** A whole date from an AbstractDatum; a partly unknown one (JaarDatum, DatumOnbekend) is not a date. */
function wholeDate(d: unknown): string | undefined {
  const v = d as { type?: string; datum?: string } | undefined;
  return v?.type === 'Datum' ? v.datum : undefined;
}

function addressOf(p: Json): RegisteredAddress | undefined {
  const v = p.verblijfplaats as Json | undefined;
  if (v?.type !== 'Adres') return undefined;
  const a = (v.verblijfadres ?? {}) as Json;
  if (typeof a.postcode !== 'string' || a.huisnummer === undefined) return undefined;
  const since = wholeDate(v.datumVan);
  return {
    postcode: a.postcode.replace(' ', '').toUpperCase(),
    houseNumber: String(a.huisnummer),
    ...(typeof a.huisletter === 'string' ? { houseLetter: a.huisletter } : {}),
    ...(typeof a.huisnummertoevoeging === 'string' ? { houseNumberAddition: a.huisnummertoevoeging } : {}),
    ...(typeof a.officieleStraatnaam === 'string' ? { street: a.officieleStraatnaam } : {}),
    ...(typeof a.woonplaats === 'string' ? { city: a.woonplaats } : {}),
    ...(typeof v.adresseerbaarObjectIdentificatie === 'string' ? { addressableObjectId: v.adresseerbaarObjectIdentificatie } : {}),
    ...(since ? { since } : {}),
  };
}

function personFromBrp(p: Json): RegisteredPerson {
  const naam = (p.naam ?? {}) as Json;
  const gemeente = (p.gemeenteVanInschrijving as { code?: string } | undefined)?.code;
  const overlijden = p.overlijden as Json | undefined;
  const deathDate = wholeDate(overlijden?.datum) ?? wholeDate((p.opschortingBijhouding as Json | undefined)?.datum);
  const deceased = overlijden !== undefined || (p.opschortingBijhouding as { reden?: { code?: string } } | undefined)?.reden?.code === 'O';
  const address = addressOf(p);
  const birthDate = wholeDate((p.geboorte as Json | undefined)?.datum);
  return {
    bsn: p.burgerservicenummer as string,
    ...(typeof naam.voornamen === 'string' ? { givenNames: naam.voornamen } : {}),
    ...(typeof naam.voorvoegsel === 'string' ? { prefix: naam.voorvoegsel } : {}),
    ...(typeof naam.geslachtsnaam === 'string' ? { surname: naam.geslachtsnaam } : {}),
    ...(typeof naam.volledigeNaam === 'string' ? { fullName: naam.volledigeNaam } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(deathDate ? { deathDate } : {}),
    deceased,
    // gemeenteVanInschrijving 1999 is the RNI (registration of non-residents): no municipality.
    ...(gemeente && gemeente !== '1999' ? { municipalityCode: gmCode(gemeente) } : {}),
    ...(address ? { address } : {}),
  };
}

/** A search answers PersoonBeperkt: only these of its fields are asked for (no birth date, no address line). */
const SEARCH_FIELDS = ['burgerservicenummer', 'naam.voornamen', 'naam.voorvoegsel', 'naam.geslachtsnaam'] as const;

function residentFromSearch(p: Json): AddressResident {
  const naam = (p.naam ?? {}) as Json;
  // opschortingBijhouding comes unasked; reden O is overlijden.
  const deceased = (p.opschortingBijhouding as { reden?: { code?: string } } | undefined)?.reden?.code === 'O';
  return {
    bsn: p.burgerservicenummer as string,
    ...(typeof naam.voornamen === 'string' ? { givenNames: naam.voornamen } : {}),
    ...(typeof naam.voorvoegsel === 'string' ? { prefix: naam.voorvoegsel } : {}),
    ...(typeof naam.geslachtsnaam === 'string' ? { surname: naam.geslachtsnaam } : {}),
    deceased,
  };
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** One municipality's BRP through Haal Centraal: BRP API Personen and, when configured, BRP bewoning. */
export class HaalCentraalBrp implements BrpRegister {
  readonly http: BrpHttp;

  constructor(readonly connection: BrpConnection) {
    this.http = new BrpHttp(connection);
  }

  async persons(bsns: readonly string[]): Promise<Map<string, RegisteredPerson>> {
    const wanted = [...new Set(bsns)].filter((b) => /^\d{9}$/.test(b));
    const out = new Map<string, RegisteredPerson>();
    const answers = await Promise.all(
      chunks(wanted, BSNS_PER_CALL).map((burgerservicenummer) =>
        this.http.postJson(`${this.connection.personenUrl}/personen`, { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer, fields: PERSON_FIELDS }),
      ),
    );
    for (const answer of answers)
      for (const p of ((answer as Json | undefined)?.personen as Json[] | undefined) ?? []) {
        const person = personFromBrp(p);
        out.set(person.bsn, person);
      }
    return out;
  }

  async residentsAt(a: AddressQuery): Promise<AddressResident[]> {
    const postcode = a.postcode.replace(/\s/g, '').toUpperCase();
    const huisnummer = Number(a.houseNumber);
    // The specification's patterns: a query that cannot be valid is not sent (nobody lives there for the BRP).
    if (!/^[1-9]\d{3}[A-Z]{2}$/.test(postcode) || !Number.isInteger(huisnummer) || huisnummer < 1 || huisnummer > 99999) return [];
    const answer = (await this.http.postJson(`${this.connection.personenUrl}/personen`, {
      type: 'ZoekMetPostcodeEnHuisnummer',
      postcode,
      huisnummer,
      ...(a.houseLetter && /^[a-zA-Z]$/.test(a.houseLetter) ? { huisletter: a.houseLetter } : {}),
      ...(a.houseNumberAddition && /^[a-zA-Z0-9 -]{1,4}$/.test(a.houseNumberAddition) ? { huisnummertoevoeging: a.houseNumberAddition } : {}),
      inclusiefOverledenPersonen: true,
      fields: SEARCH_FIELDS,
    })) as Json | undefined;
    return ((answer?.personen as Json[] | undefined) ?? []).map(residentFromSearch);
  }

  /**
   * Where persons live on a date, for matching. BRP API Personen tells the current address and since
   * when; a person who moved after the date, or has died, is absent (their address on that date is
   * the Verblijfplaatshistorie API's, which this client does not speak).
   */
  async residencesOn(bsns: readonly string[], date: string): Promise<Map<string, Residence>> {
    const out = new Map<string, Residence>();
    for (const [bsn, p] of await this.persons(bsns)) {
      const a = p.address;
      if (p.deceased || !a || !p.municipalityCode || (a.since !== undefined && a.since > date)) continue;
      const addition = `${a.houseLetter ?? ''}${a.houseNumberAddition ?? ''}`;
      out.set(bsn, {
        municipalityCode: p.municipalityCode,
        postcode: a.postcode,
        houseNumber: a.houseNumber,
        ...(addition ? { houseNumberAddition: addition } : {}),
        ...(a.street ? { street: a.street } : {}),
        ...(a.city ? { city: a.city } : {}),
        since: a.since ?? date,
      });
    }
    return out;
  }

  async occupancyOn(addressableObjectIds: readonly string[], date: string): Promise<Map<string, Occupancy>> {
    const url = this.connection.bewoningUrl;
    if (url === undefined) throw new BrpUnavailable(`no BRP bewoning configured for ${this.connection.municipality}`);
    const ids = [...new Set(addressableObjectIds)].filter((id) => /^(?!0{16})\d{16}$/.test(id));
    const out = new Map<string, Occupancy>();
    // Bewoning answers one dwelling per call; the calls share the connection's concurrency limit.
    await Promise.all(
      ids.map(async (id) => {
        const answer = (await this.http.postJson(`${url}/bewoningen`, { type: 'BewoningMetPeildatum', peildatum: date, adresseerbaarObjectIdentificatie: id })) as Json | undefined;
        const bewoning = ((answer?.bewoningen as Json[] | undefined) ?? [])[0];
        if (!bewoning) return;
        const residents = ((bewoning.bewoners as Json[] | undefined) ?? []).map((b) => {
          const birthDate = wholeDate((b.geboorte as Json | undefined)?.datum);
          const fullName = (b.naam as Json | undefined)?.volledigeNaam;
          return { bsn: b.burgerservicenummer as string, ...(birthDate ? { birthDate } : {}), ...(typeof fullName === 'string' ? { fullName } : {}) };
        });
        out.set(id, occupancyOf(id, date, residents, ((bewoning.mogelijkeBewoners as unknown[] | undefined) ?? []).length));
      }),
    );
    return out;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** The BRP of every municipality that has one switched on (BRP_CONFIG_FILE). */
export class HaalCentraalMunicipalBrp implements MunicipalBrp {
  private readonly byMunicipality: Map<string, HaalCentraalBrp>;

  constructor(connections: readonly BrpConnection[]) {
    this.byMunicipality = new Map(connections.filter((c) => c.enabled).map((c) => [c.municipality, new HaalCentraalBrp(c)]));
  }

  forMunicipality(municipalityCode: string): HaalCentraalBrp | undefined {
    return this.byMunicipality.get(municipalityCode);
  }

  get municipalities(): string[] {
    return [...this.byMunicipality.keys()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.byMunicipality.values()].map((b) => b.close()));
  }
}
