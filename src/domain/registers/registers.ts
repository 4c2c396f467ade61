import type { LocalizedText } from '../i18n/index.ts';

/**
 * The registers the rules refer to, as dated data (rules/registers/*.yaml, checked by
 * rules/schema/register.schema.json). Keys are snake_case like the files, so a profile read from
 * the database and one read from YAML have the same shape.
 *
 * Dates are 'YYYY-MM-DD'; `valid_until` / `until` is the LAST day something holds (inclusive);
 * null means open-ended.
 */

export interface SourceNote {
  /** Where the value came from. */
  source?: string;
  /** What still needs checking against an official source (docs/background/LEGAL-FRAMEWORK.md: "verify"). */
  verify?: string;
}

export interface Municipality extends SourceNote {
  /** CBS code, 'GM0363'. */
  code: string;
  name: string;
  valid_from: string | null;
  valid_until: string | null;
  /** CBS code of the municipality it merged into, when it ended by a merger. */
  successor?: string;
}

export interface OrganisationKind {
  id: string;
  label: LocalizedText;
}

/** A dated relation to another register entry. */
export interface DatedLink {
  from?: string | null;
  until?: string | null;
}

export interface GroupMembership extends DatedLink {
  group: string;
}

export interface MunicipalTaxCollection extends DatedLink {
  municipality: string;
}

/** A processor may send signals for `creditor` (processing agreement, art. 28 GDPR). */
export interface ProcessorMandate extends DatedLink, SourceNote {
  creditor: string;
}

export interface OrganisationProfile extends SourceNote {
  /** Stable id, referred to by the rules and by signals (sender, onBehalfOf). */
  id: string;
  name: string;
  kinds: string[];
  valid_from?: string | null;
  valid_until?: string | null;
  groups?: GroupMembership[];
  /** For a municipal tax collector: the municipalities whose taxes it collects (art. 231 lid 2 c Gemeentewet). */
  collects_municipal_taxes_for?: MunicipalTaxCollection[];
  /** For a processor: the creditors it may send for. */
  mandates?: ProcessorMandate[];
}

export interface GroupMember extends DatedLink {
  organisation: string;
}

export interface OrganisationGroup extends SourceNote {
  id: string;
  name: string;
  members: GroupMember[];
}

/**
 * The article a refusal cites when no designation's own citation fits (a signal type no regulation
 * designates; a processor acting without a mandate). Written like a rule file's citation.
 */
export interface LegalGround extends SourceNote {
  id: string;
  regulation: string;
  title: string;
  article: string;
  paragraph?: string;
  item?: string;
  url: string;
}

export interface Registers {
  municipalities: Municipality[];
  organisationKinds: OrganisationKind[];
  organisations: OrganisationProfile[];
  groups: OrganisationGroup[];
  legalGrounds: LegalGround[];
}

export const EMPTY_REGISTERS: Registers = { municipalities: [], organisationKinds: [], organisations: [], groups: [], legalGrounds: [] };

/** Concatenates registers (e.g. the main ones and a fixture's); duplicates are caught when the book is built. */
export function mergeRegisters(...parts: Registers[]): Registers {
  return {
    municipalities: parts.flatMap((p) => p.municipalities),
    organisationKinds: parts.flatMap((p) => p.organisationKinds),
    organisations: parts.flatMap((p) => p.organisations),
    groups: parts.flatMap((p) => p.groups),
    legalGrounds: parts.flatMap((p) => p.legalGrounds),
  };
}
