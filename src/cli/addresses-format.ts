import type { AddressChanges, AddressVersionRow } from '../app/addresses/address-table-versions.ts';

export function formatChanges(c: AddressChanges, nameOf: (municipality: number) => string): string {
  if (!c.previous) return `First version: ${c.added.toLocaleString('en')} addresses.`;
  const lines = [
    `Compared with version ${c.previous.id} (valid from ${c.previous.validFrom}): ${c.added.toLocaleString('en')} addresses added, ${c.removed.toLocaleString('en')} removed, ${c.moved.toLocaleString('en')} moved to another municipality.`,
  ];
  for (const m of c.movedBetween.slice(0, 20)) lines.push(`  ${m.addresses.toLocaleString('en')} from ${nameOf(m.from)} to ${nameOf(m.to)}`);
  if (c.movedBetween.length > 20) lines.push(`  … and ${c.movedBetween.length - 20} more pairs`);
  return lines.join('\n');
}

export function formatVersions(versions: readonly AddressVersionRow[]): string {
  if (versions.length === 0) return 'No address table imported: routing uses the postcode areas (reference-data/postcode-areas.yaml).';
  return versions
    .map((v) => `${v.id}\tvalid from ${v.validFrom}\t${v.status}\t${v.rowsStored.toLocaleString('en')} addresses\t${v.rowsRefused} refused\t${v.sourceName}`)
    .join('\n');
}
