import type { Actor } from '../domain/access/actor.ts';
import type { Permission } from '../domain/access/roles.ts';
import type { Locale } from './i18n/locale.ts';

/** One entry of the main menu; shown only to users whose role and organisation fit. */
export interface NavItem {
  href: string;
  label: Record<Locale, string>;
  /** Absent: every logged-in user sees it. */
  permission?: Permission;
  /** Only for these kinds of organisation (a creditor never sees the worklist). Empty: all kinds. */
  organisationKinds?: ReadonlyArray<Actor['organisationKind']>;
  /** Lower comes first. */
  order: number;
}

export function visibleNav(items: readonly NavItem[], actor: Actor | undefined): NavItem[] {
  if (!actor) return [];
  return items
    .filter((i) => (i.permission === undefined || actor.permissions.has(i.permission)) && (!i.organisationKinds?.length || i.organisationKinds.includes(actor.organisationKind)))
    .sort((a, b) => a.order - b.order);
}
