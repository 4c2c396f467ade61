import { NOT_PICKED_UP, PICKED_UP } from '../../../domain/feedback/creditor-feedback.ts';
import { StatusBadge, type BadgeStatus } from '../../components/index.ts';

/** A creditor-visible status (DDAS wording, kept in Dutch as the standard names it) as a badge; the words carry the meaning. */
export function FeedbackBadge({ status }: { status: string }) {
  const kind: BadgeStatus = status === PICKED_UP ? 'safe' : status === 'Nog niet opgepakt' ? 'active' : status === NOT_PICKED_UP || status.startsWith('Niet opgepakt') ? 'inactive' : 'neutral';
  return (
    <StatusBadge status={kind}>
      <span lang="nl">{status}</span>
    </StatusBadge>
  );
}
