import { inForceOn, type InForceView } from '../../domain/rules/in-force.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps } from '../context.ts';

/**
 * What is in force on a date (default: today in the Netherlands): every signal type with its
 * senders, municipalities, data, period, citations and verification status. The regulations are
 * public law, so this needs no permission and touches no personal data.
 */
export function getRulesInForce(deps: Pick<AppDeps, 'rules' | 'now'>, date?: string): InForceView {
  return inForceOn(deps.rules, date ?? dutchToday(deps.now()));
}
