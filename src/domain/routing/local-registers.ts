import type { AddressRouter, Placement } from './address-router.ts';
import type { BasisRegisters, PersonRegister, Residence } from './person-register.ts';

/**
 * An in-memory person register for tests and the demo: each person's dated residences. Recording a
 * move ends nothing explicitly; the latest residence that started on or before a date applies.
 */
class LocalPersonRegister implements PersonRegister {
  private readonly residences = new Map<string, Residence[]>();

  recordResidence(bsn: string, residence: Residence): void {
    const list = this.residences.get(bsn) ?? [];
    list.push(residence);
    list.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
    this.residences.set(bsn, list);
  }

  async residencesOn(bsns: readonly string[], date: string): Promise<Map<string, Residence>> {
    const out = new Map<string, Residence>();
    for (const bsn of bsns) {
      const list = this.residences.get(bsn);
      if (!list) continue;
      let current: Residence | undefined;
      for (const r of list) if (r.since <= date) current = r;
      if (current) out.set(bsn, current);
    }
    return out;
  }
}

/** The local stand-ins for BAG and BRP, composed behind the one registers interface. */
export class LocalBasisRegisters implements BasisRegisters {
  constructor(
    readonly addresses: AddressRouter,
    readonly persons: LocalPersonRegister = new LocalPersonRegister(),
  ) {}

  place(postcode: string, houseNumber: string | undefined, date: string): Placement {
    return this.addresses.place(postcode, houseNumber, date);
  }

  residencesOn(bsns: readonly string[], date: string): Promise<Map<string, Residence>> {
    return this.persons.residencesOn(bsns, date);
  }
}
