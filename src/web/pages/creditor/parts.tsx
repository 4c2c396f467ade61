import { formatCitation } from '../../../domain/rules/format-citation.ts';
import type { Citation } from '../../../domain/rules/judgement.ts';
import { StatusBadge, type BadgeStatus } from '../../components/index.ts';
import { formatDate, type Locale } from '../../i18n/locale.ts';
import type { CreditorText } from './messages.ts';

/** "Tijdelijke regeling …, art. 2.1 lid 2 onder a", as the results CSV cites it. */
function citationText(c: Citation, locale: Locale): string {
  return formatCitation(c, locale);
}

/** A citation linked to the official text (dated URL), opened in the same tab. */
export function CitationLink({ c, locale }: { c: Citation; locale: Locale }) {
  const text = citationText(c, locale);
  return /^https:\/\//.test(c.url) ? (
    <a className="utrecht-link utrecht-link--html-a" href={c.url} rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}

const OUTCOME_BADGE: Record<string, BadgeStatus> = { accepted: 'safe', refused: 'danger', duplicate: 'neutral', conflict: 'warning' };

export function OutcomeBadge({ outcome, t }: { outcome: string; t: CreditorText }) {
  return <StatusBadge status={OUTCOME_BADGE[outcome] ?? 'neutral'}>{t(`outcome_${outcome}` as 'outcome_accepted')}</StatusBadge>;
}

const BATCH_BADGE: Record<string, BadgeStatus> = { receiving: 'active', completed: 'safe', failed: 'danger' };

export function BatchStatusBadge({ status, t }: { status: string; t: CreditorText }) {
  return <StatusBadge status={BATCH_BADGE[status] ?? 'neutral'}>{t(`status_${status}` as 'status_completed')}</StatusBadge>;
}

/** A period of days for people: open ends read as "from …" / "without an end date". */
export function periodText(from: string | null, until: string | null, locale: Locale, t: CreditorText): string {
  if (from && until) return t('periodFromUntil', { from: formatDate(locale, from), until: formatDate(locale, until) });
  if (from) return t('periodFrom', { from: formatDate(locale, from) });
  if (until) return t('periodUntil', { until: formatDate(locale, until) });
  return t('periodAlways');
}

/** Previous / next links that keep the other query parameters. */
export function Pager({ page, pages, href, t }: { page: number; pages: number; href: (page: number) => string; t: CreditorText }) {
  if (pages <= 1) return null;
  return (
    <nav className="utrecht-pagination" aria-label={t('pagination')}>
      {page > 1 ? (
        <a className="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev" rel="prev" href={href(page - 1)}>
          {t('previous')}
        </a>
      ) : null}{' '}
      <span>
        {page} / {pages}
      </span>{' '}
      {page < pages ? (
        <a className="utrecht-pagination__relative-link utrecht-pagination__relative-link--next" rel="next" href={href(page + 1)}>
          {t('next')}
        </a>
      ) : null}
    </nav>
  );
}

/** A URL with query parameters, leaving out empty ones and page 1. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}
