/**
 * A municipality's districts (wijken, stadsdelen) by four-digit postcode range: the stand-in for
 * the municipality's own area register, enough to route cases to district teams.
 */
export interface District {
  name: string;
  pc4From: number;
  pc4To: number;
}

/** The district of a household by its address key ('1011AB|12|A'), or null when none covers it. */
export function districtOf(addressKey: string, districts: readonly District[]): string | null {
  const pc4 = Number(addressKey.slice(0, 4));
  if (!Number.isInteger(pc4)) return null;
  for (const d of districts) if (pc4 >= d.pc4From && pc4 <= d.pc4To) return d.name;
  return null;
}
