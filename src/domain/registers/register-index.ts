import { DATE_MAX, DATE_MIN, requireDateKey } from '../rules/input-checks.ts';
import type { Municipality, OrganisationGroup, OrganisationKind, OrganisationProfile } from './registers.ts';

/**
 * Registers compiled into maps with integer date keys (YYYYMMDD), so that the evaluator answers
 * "was X a member of Y on date D" with a map lookup and a short loop, allocating nothing.
 */

export interface DatedId {
  readonly id: string;
  readonly from: number;
  readonly until: number;
}

export interface IndexedMunicipality {
  readonly code: string;
  readonly name: string;
  readonly from: number;
  readonly until: number;
  readonly successor: string | undefined;
}

export interface IndexedOrganisation {
  readonly id: string;
  readonly name: string;
  readonly kinds: ReadonlySet<string>;
  readonly from: number;
  readonly until: number;
  readonly groups: readonly DatedId[];
  readonly collectsFor: readonly DatedId[];
  readonly mandates: readonly DatedId[];
}

export class RegisterError extends Error {
  override name = 'RegisterError';
}

function span(from: string | null | undefined, until: string | null | undefined, what: string): { from: number; until: number } {
  const f = requireDateKey(from, DATE_MIN, `${what} from`);
  const u = requireDateKey(until, DATE_MAX, `${what} until`);
  if (u < f) throw new RegisterError(`${what}: ends (${String(until)}) before it starts (${String(from)})`);
  return { from: f, until: u };
}

export function heldOn(list: readonly DatedId[], id: string, date: number): boolean {
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (e.id === id && e.from <= date && date <= e.until) return true;
  }
  return false;
}

export function indexMunicipalities(list: readonly Municipality[]): Map<string, IndexedMunicipality> {
  const map = new Map<string, IndexedMunicipality>();
  for (const m of list) {
    if (map.has(m.code)) throw new RegisterError(`municipality ${m.code} is listed twice`);
    const s = span(m.valid_from, m.valid_until, `municipality ${m.code}`);
    map.set(m.code, Object.freeze({ code: m.code, name: m.name, from: s.from, until: s.until, successor: m.successor }));
  }
  for (const m of map.values()) {
    if (m.successor !== undefined && !map.has(m.successor)) {
      throw new RegisterError(`municipality ${m.code}: successor ${m.successor} is not in the register`);
    }
  }
  return map;
}

export function indexKinds(list: readonly OrganisationKind[]): Map<string, OrganisationKind> {
  const map = new Map<string, OrganisationKind>();
  for (const k of list) {
    if (map.has(k.id)) throw new RegisterError(`organisation kind ${k.id} is listed twice`);
    map.set(k.id, k);
  }
  return map;
}

/**
 * Builds the organisation index. `extra` profiles (from the database) may not redefine a register
 * organisation: the register holds the legally designated parties and stays authoritative.
 */
export function indexOrganisations(
  registerOrgs: readonly OrganisationProfile[],
  groups: readonly OrganisationGroup[],
  kinds: ReadonlyMap<string, OrganisationKind>,
  municipalities: ReadonlyMap<string, IndexedMunicipality>,
  extra: readonly OrganisationProfile[] = [],
): Map<string, IndexedOrganisation> {
  const groupIds = new Set<string>();
  for (const g of groups) {
    if (groupIds.has(g.id)) throw new RegisterError(`group ${g.id} is listed twice`);
    groupIds.add(g.id);
  }
  const profiles = new Map<string, OrganisationProfile>();
  for (const p of registerOrgs) {
    if (profiles.has(p.id)) throw new RegisterError(`organisation ${p.id} is listed twice`);
    profiles.set(p.id, p);
  }
  for (const p of extra) {
    if (profiles.has(p.id)) {
      throw new RegisterError(`organisation ${p.id} is already in the registers; the register entry cannot be overridden`);
    }
    profiles.set(p.id, p);
  }
  const memberships = new Map<string, DatedId[]>();
  for (const g of groups) {
    for (const m of g.members) {
      if (!profiles.has(m.organisation)) throw new RegisterError(`group ${g.id}: member ${m.organisation} is not a known organisation`);
      const s = span(m.from, m.until, `group ${g.id} member ${m.organisation}`);
      const list = memberships.get(m.organisation) ?? [];
      list.push(Object.freeze({ id: g.id, ...s }));
      memberships.set(m.organisation, list);
    }
  }
  const out = new Map<string, IndexedOrganisation>();
  for (const p of profiles.values()) {
    const what = `organisation ${p.id}`;
    if (p.kinds.length === 0) throw new RegisterError(`${what}: has no kind`);
    for (const k of p.kinds) if (!kinds.has(k)) throw new RegisterError(`${what}: unknown organisation kind '${k}'`);
    const own = span(p.valid_from, p.valid_until, what);
    const groupsOf = [...(memberships.get(p.id) ?? [])];
    for (const g of p.groups ?? []) {
      if (!groupIds.has(g.group)) throw new RegisterError(`${what}: unknown group '${g.group}'`);
      groupsOf.push(Object.freeze({ id: g.group, ...span(g.from, g.until, `${what} group ${g.group}`) }));
    }
    const collectsFor = (p.collects_municipal_taxes_for ?? []).map((c) => {
      if (!municipalities.has(c.municipality)) throw new RegisterError(`${what}: collects for unknown municipality ${c.municipality}`);
      return Object.freeze({ id: c.municipality, ...span(c.from, c.until, `${what} collects for ${c.municipality}`) });
    });
    const mandates = (p.mandates ?? []).map((m) => {
      if (!profiles.has(m.creditor)) throw new RegisterError(`${what}: mandate for unknown organisation ${m.creditor}`);
      return Object.freeze({ id: m.creditor, ...span(m.from, m.until, `${what} mandate for ${m.creditor}`) });
    });
    if (collectsFor.length > 0 && !p.kinds.includes('municipal_tax_collector')) {
      throw new RegisterError(`${what}: collects municipal taxes but is not of kind municipal_tax_collector`);
    }
    if (mandates.length > 0 && !p.kinds.includes('processor')) {
      throw new RegisterError(`${what}: holds mandates but is not of kind processor`);
    }
    out.set(
      p.id,
      Object.freeze({
        id: p.id,
        name: p.name,
        kinds: new Set(p.kinds),
        from: own.from,
        until: own.until,
        groups: Object.freeze(groupsOf),
        collectsFor: Object.freeze(collectsFor),
        mandates: Object.freeze(mandates),
      }),
    );
  }
  return out;
}
