-- Each organisation's own look (issue 19 point 6): its name as shown in the header, a logo and
-- six colours, applied as NL Design System design tokens (src/domain/branding). No row: the
-- platform's neutral theme. Colours were checked for WCAG 2.1 AA contrast when saved.
create table organisation_themes (
  organisation_id text primary key references organisations (id) on delete cascade,
  -- Shown in the header instead of the registered name; null: the registered name.
  display_name text check (display_name is null or length(display_name) between 1 and 100),
  primary_color text not null check (primary_color ~ '^#[0-9a-f]{6}$'),
  primary_text_color text not null check (primary_text_color ~ '^#[0-9a-f]{6}$'),
  header_background_color text not null check (header_background_color ~ '^#[0-9a-f]{6}$'),
  header_text_color text not null check (header_text_color ~ '^#[0-9a-f]{6}$'),
  footer_background_color text not null check (footer_background_color ~ '^#[0-9a-f]{6}$'),
  footer_text_color text not null check (footer_text_color ~ '^#[0-9a-f]{6}$'),
  -- PNG or JPEG only (an SVG can carry script), checked by content, served by the platform itself.
  logo bytea check (logo is null or length(logo) <= 204800),
  logo_type text check (logo_type in ('image/png', 'image/jpeg')),
  logo_width integer,
  logo_height integer,
  -- The logo's content hash: its URL's version and ETag.
  logo_sha256 text,
  check ((logo is null) = (logo_type is null) and (logo is null) = (logo_sha256 is null) and (logo is null) = (logo_width is null) and (logo is null) = (logo_height is null)),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);
