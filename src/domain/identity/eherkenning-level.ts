/**
 * eHerkenning's assurance levels, lowest first. Brokers send them as the SAML AuthnContextClassRef
 * of the eToegang stelsel (urn:etoegang:core:assurance-class:loa3) or, in OIDC claims, sometimes in
 * short form (EH3, loa3); all are read to the same level.
 */
export const EHERKENNING_LEVELS = ['EH1', 'EH2', 'EH2+', 'EH3', 'EH4'] as const;
export type EherkenningLevel = (typeof EHERKENNING_LEVELS)[number];

const BY_LOA: Record<string, EherkenningLevel> = { loa1: 'EH1', loa2: 'EH2', loa2plus: 'EH2+', loa3: 'EH3', loa4: 'EH4' };

/** The level a claim value names, or undefined when it names none. */
export function eherkenningLevelOf(value: unknown): EherkenningLevel | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const short = v.toUpperCase();
  if ((EHERKENNING_LEVELS as readonly string[]).includes(short)) return short as EherkenningLevel;
  const loa = /(?:^|:)(loa(?:1|2|2plus|3|4))$/i.exec(v)?.[1]?.toLowerCase();
  return loa ? BY_LOA[loa] : undefined;
}

export function meetsLevel(level: EherkenningLevel | undefined, required: EherkenningLevel): boolean {
  return level !== undefined && EHERKENNING_LEVELS.indexOf(level) >= EHERKENNING_LEVELS.indexOf(required);
}

/**
 * Delivering signals in the web portal needs EH3: the signal carries a resident's identity and
 * arrears, special personal data in effect, for which the government's own guidance (and the
 * issue's requirement) asks substantial assurance. Below it a person may read but not deliver.
 */
export const LEVEL_TO_DELIVER: EherkenningLevel = 'EH3';
