/**
 * Every sender the generator can name, as organisation profiles (the register's shape), so that a
 * simulation or test can onboard the ones the rule register does not already hold
 * (ruleBook.withOrganisations). One organisation may deliver several types (Vattenfall: electricity,
 * gas and heat); its kinds are merged.
 */
import type { OrganisationProfile } from '../../domain/registers/registers.ts';
import { CreditorType } from './creditors.ts';
import type { PopulationParams } from './params.ts';

export function senderDirectory(params: PopulationParams): OrganisationProfile[] {
  const byId = new Map<string, OrganisationProfile>();
  for (const m of params.municipalities) {
    params.signalTypes.forEach((t, i) => {
      const type = new CreditorType(t, i, m, params.households.monthlyCost);
      for (const s of type.senders) {
        let p = byId.get(s.id);
        if (p === undefined) {
          p = { id: s.id, name: s.name, kinds: [], source: 'synthetic population (sim/population.params.yaml)' };
          byId.set(s.id, p);
        }
        if (!p.kinds.includes(t.organisationKind)) p.kinds.push(t.organisationKind);
        if (t.organisationKind === 'municipal_tax_collector') {
          const collects = (p.collects_municipal_taxes_for ??= []);
          if (!collects.some((c) => c.municipality === m.code)) collects.push({ municipality: m.code });
        }
      }
    });
  }
  return [...byId.values()];
}
