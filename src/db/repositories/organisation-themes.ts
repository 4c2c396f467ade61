import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { ThemeColours } from '../../domain/branding/theme.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** A theme without its logo's bytes: what every page's layout and the admin screen need. */
export interface StoredTheme {
  displayName: string | null;
  colours: ThemeColours;
  logo: { type: 'image/png' | 'image/jpeg'; width: number; height: number; sha256: string } | null;
  updatedAt: Date;
}

export async function getTheme(db: Executor, organisationId: string): Promise<StoredTheme | undefined> {
  const r = await db
    .selectFrom('organisation_themes')
    .select(['display_name', 'primary_color', 'primary_text_color', 'header_background_color', 'header_text_color', 'footer_background_color', 'footer_text_color', 'logo_type', 'logo_width', 'logo_height', 'logo_sha256', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    displayName: r.display_name,
    colours: {
      primary: r.primary_color,
      primaryText: r.primary_text_color,
      headerBackground: r.header_background_color,
      headerText: r.header_text_color,
      footerBackground: r.footer_background_color,
      footerText: r.footer_text_color,
    },
    logo: r.logo_type && r.logo_sha256 && r.logo_width !== null && r.logo_height !== null ? { type: r.logo_type, width: r.logo_width, height: r.logo_height, sha256: r.logo_sha256 } : null,
    updatedAt: new Date(r.updated_at),
  };
}

export async function getLogo(db: Executor, organisationId: string): Promise<{ bytes: Uint8Array; type: 'image/png' | 'image/jpeg'; sha256: string } | undefined> {
  const r = await db.selectFrom('organisation_themes').select(['logo', 'logo_type', 'logo_sha256']).where('organisation_id', '=', organisationId).executeTakeFirst();
  return r?.logo && r.logo_type && r.logo_sha256 ? { bytes: r.logo, type: r.logo_type, sha256: r.logo_sha256 } : undefined;
}

export interface ThemeWrite {
  displayName: string | null;
  colours: ThemeColours;
  /** A new logo; null removes it; absent keeps the one stored. */
  logo?: { bytes: Uint8Array; type: 'image/png' | 'image/jpeg'; width: number; height: number; sha256: string } | null;
}

export async function putTheme(db: Executor, organisationId: string, t: ThemeWrite, by: string | null, at: Date): Promise<void> {
  const c = t.colours;
  const values = {
    display_name: t.displayName,
    primary_color: c.primary,
    primary_text_color: c.primaryText,
    header_background_color: c.headerBackground,
    header_text_color: c.headerText,
    footer_background_color: c.footerBackground,
    footer_text_color: c.footerText,
    updated_at: at,
    updated_by: by,
    ...(t.logo === undefined
      ? {}
      : t.logo === null
        ? { logo: null, logo_type: null, logo_width: null, logo_height: null, logo_sha256: null }
        : { logo: t.logo.bytes, logo_type: t.logo.type, logo_width: t.logo.width, logo_height: t.logo.height, logo_sha256: t.logo.sha256 }),
  };
  await db
    .insertInto('organisation_themes')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .execute();
}

export async function deleteTheme(db: Executor, organisationId: string): Promise<boolean> {
  const r = await db.deleteFrom('organisation_themes').where('organisation_id', '=', organisationId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
