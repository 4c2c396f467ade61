/**
 * The stub's answer to BRP bewoning's BewoningMetPeildatum (POST /bewoningen): who lived at a
 * dwelling on a date. The stub's dates are all whole, so nobody is a "mogelijke bewoner".
 */
import { datum } from './personen.ts';
import { residenceOn, type StubRegister } from './residents.ts';

type Json = Record<string, unknown>;

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** One bewoning for the day (periode: peildatum up to the next day), or none for an unknown dwelling. */
export function bewoningMetPeildatum(register: StubRegister, addressableObjectId: string, peildatum: string): Json[] {
  const ever = register.byAddressableObject.get(addressableObjectId);
  if (!ever) return [];
  const bewoners = ever
    .filter((p) => residenceOn(p, peildatum)?.address.addressableObjectId === addressableObjectId)
    .map((p) => ({
      burgerservicenummer: p.bsn,
      naam: { volledigeNaam: [p.givenName, p.prefix, p.surname].filter(Boolean).join(' ') },
      geboorte: { datum: datum(p.birthDate) },
    }));
  return [{ adresseerbaarObjectIdentificatie: addressableObjectId, periode: { datumVan: peildatum, datumTot: nextDay(peildatum) }, bewoners, mogelijkeBewoners: [] }];
}
