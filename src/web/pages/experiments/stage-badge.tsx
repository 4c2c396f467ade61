import { STAGE_LABELS, type Stage } from '../../../domain/experiments/stages.ts';
import { StatusBadge, type BadgeStatus } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { textIn } from '../../../domain/i18n/index.ts';

const STATUS: Record<Stage, BadgeStatus> = {
  initiative: 'neutral',
  idea: 'neutral',
  plan: 'neutral',
  submitted: 'warning',
  approved: 'active',
  regulation_in_force: 'active',
  running: 'safe',
  evaluated: 'inactive',
  stopped: 'danger',
};

/** The stage as a badge; the text says it, the colour only repeats it. */
export function StageBadge({ stage }: { stage: Stage }) {
  const { locale } = useWeb();
  return <StatusBadge status={STATUS[stage]}>{textIn(STAGE_LABELS[stage], locale)}</StatusBadge>;
}
