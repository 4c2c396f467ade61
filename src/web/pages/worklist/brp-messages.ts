import { defineMessages } from '../../i18n/locale.ts';
import { BRP_CHECK_OUTCOMES, type BrpCheckOutcome } from '../../../domain/brp/case-check.ts';

/** The case page's BRP check (issue 18 point 3). */
export const brpMessages = defineMessages({
  nl: {
    brpTitle: 'Controle in de BRP',
    brpPending: 'Wordt binnenkort gecontroleerd in de BRP.',
    brpUnavailable: 'BRP niet bereikbaar, wordt opnieuw geprobeerd (volgende poging {when}; {attempts} keer geprobeerd).',
    brpOutcome: 'Uitkomst',
    brpCheckedAt: 'Gecontroleerd op',
    brpPeildatum: 'Peildatum (laatste signaaldatum)',
    brpResidents: 'Aantal bewoners op de peildatum',
    brpMinors: 'Minderjarigen in het huishouden',
    brpYes: 'ja',
    brpNo: 'nee',
    brpCompositionNote: 'Samenstelling uit de BRP (bewoning op de peildatum), voor het afwegingskader; wordt met de zaak verwijderd.',
    brpNotShown: 'Geen samenstelling: het huishouden van de zaak woont volgens de BRP niet op dit adres.',
    outcome_match: 'Inwoner met deze naam woont op dit adres',
    outcome_no_resident: 'Geen inwoner met deze naam op dit adres',
    outcome_other_address: 'Woont op een ander adres in de gemeente',
    outcome_deceased: 'Inwoner is overleden',
    outcome_moved_out: 'Persoon is geen inwoner (meer): verhuisd naar gemeente {municipality}; signalen overgedragen waar de regels dat toestaan',
    outcome_unknown_address: 'Niemand ingeschreven op dit adres',
    outcome_moved_abroad: 'Persoon is geen inwoner (meer): in geen gemeente ingeschreven (vertrokken naar het buitenland, RNI)',
    ev_brp_check: 'Gecontroleerd in de BRP: {outcome}',
  },
  en: {
    brpTitle: 'Check in the BRP (personal records database)',
    brpPending: 'Will be checked in the BRP shortly.',
    brpUnavailable: 'BRP not reachable, will be tried again (next attempt {when}; tried {attempts} times).',
    brpOutcome: 'Outcome',
    brpCheckedAt: 'Checked on',
    brpPeildatum: 'Reference date (latest signal date)',
    brpResidents: 'Residents on the reference date',
    brpMinors: 'Minors in the household',
    brpYes: 'yes',
    brpNo: 'no',
    brpCompositionNote: 'Composition from the BRP (occupancy on the reference date), for the weighing framework; deleted with the case.',
    brpNotShown: 'No composition: according to the BRP the case’s household does not live at this address.',
    outcome_match: 'A resident with this name lives at this address',
    outcome_no_resident: 'No resident with this name at this address',
    outcome_other_address: 'Lives at another address in the municipality',
    outcome_deceased: 'Resident has died',
    outcome_moved_out: 'No longer a resident: moved to municipality {municipality}; signals handed over where the rules allow',
    outcome_unknown_address: 'Nobody registered at this address',
    outcome_moved_abroad: 'No longer a resident: registered in no municipality (left the country, RNI)',
    ev_brp_check: 'Checked in the BRP: {outcome}',
  },
});

const OUTCOMES: ReadonlySet<string> = new Set(BRP_CHECK_OUTCOMES);

/** An outcome in words; an unknown code as it is. */
export function brpOutcomeText(t: ReturnType<typeof brpMessages>, outcome: string, movedTo: string | null | undefined): string {
  if (outcome === 'moved_out' && !movedTo) return t('outcome_moved_abroad');
  return OUTCOMES.has(outcome) ? t(`outcome_${outcome as BrpCheckOutcome}`, { municipality: movedTo ?? '—' }) : outcome;
}
