import type { CaseDeadline } from '../../../domain/worklist/deadlines.ts';
import { StatusBadge, type BadgeStatus } from '../../components/index.ts';
import { formatDate, type Locale } from '../../i18n/locale.ts';
import type { WorklistT } from './messages.ts';

/** '1011AB|12|A' → '1011 AB 12 A' (the household key in people's notation). */
export function addressOfKey(key: string): string {
  const [pc = '', nr = '', add = ''] = key.split('|');
  return [pc.length === 6 ? `${pc.slice(0, 4)} ${pc.slice(4)}` : pc, nr, add].filter(Boolean).join(' ');
}

const STATE: Record<CaseDeadline['state'], { status: BadgeStatus; key: Parameters<WorklistT>[0] }> = {
  overdue: { status: 'danger', key: 'stateOverdue' },
  over_target: { status: 'warning', key: 'stateOverTarget' },
  due_soon: { status: 'warning', key: 'stateDueSoon' },
  on_time: { status: 'neutral', key: 'stateOnTime' },
  done: { status: 'safe', key: 'stateDone' },
};

/** The due date with its state in words (colour only supports the text). */
export function DueCell({ due, t, locale }: { due: CaseDeadline; t: WorklistT; locale: Locale }) {
  const s = STATE[due.state];
  return (
    <>
      <StatusBadge status={s.status}>{t(s.key)}</StatusBadge> {formatDate(locale, due.due)}
      {due.state !== 'done' ? <span className="vs-muted"> ({due.daysLeft < 0 ? t('daysLate', { n: -due.daysLeft }) : t('daysLeft', { n: due.daysLeft })})</span> : null}
    </>
  );
}

export function rowClassOf(due: CaseDeadline): string | undefined {
  return due.state === 'overdue' || due.state === 'over_target' ? 'vs-row--overdue' : due.state === 'due_soon' ? 'vs-row--due-soon' : undefined;
}

export function FlagBadges({ c, t }: { c: { crisis: boolean; multiple: boolean; consecutive: boolean }; t: WorklistT }) {
  return (
    <>
      {c.crisis ? <StatusBadge status="danger">{t('crisis')}</StatusBadge> : null}
      {c.multiple ? <StatusBadge status="active">{t('multiple')}</StatusBadge> : null}
      {c.consecutive ? <StatusBadge status="inactive">{t('consecutive')}</StatusBadge> : null}
    </>
  );
}
