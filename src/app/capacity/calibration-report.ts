import { AccessDenied, requirePermission } from '../../domain/access/actor.ts';
import { CALIBRATION_BAND, DEFAULT_CALIBRATION_MUNICIPALITIES, runCalibration, type CalibrationReport } from '../../simulation/what-if.ts';
import type { AppDeps, CallContext } from '../context.ts';

/** The seeds and scale of the calibration the platform shows: two seeds, a tenth of the representative municipalities (a few seconds). */
const SHOWN_CALIBRATION = { seeds: [1, 2], scale: 0.1 } as const;

export interface CalibrationStatus {
  seeds: readonly number[];
  scale: number;
  band: number;
  municipalities: readonly string[];
  /** Figures compared per seed, and how many of them are within the band on every seed. */
  figures: number;
  withinOnEverySeed: number;
  reports: CalibrationReport[];
}

let computed: CalibrationStatus | undefined;

/**
 * How the synthetic year behind the what-if stands against the public figures (issue 25). The
 * parameters do not change while the platform runs, so it is computed once, on the first request,
 * and kept. Synthetic aggregates only: no personal data, no audit record.
 */
export function calibrationStatus(deps: Pick<AppDeps, 'standardSignalTypes'>): CalibrationStatus {
  if (computed) return computed;
  const reports = SHOWN_CALIBRATION.seeds.map((seed) => runCalibration({ seed, scale: SHOWN_CALIBRATION.scale, standardTypes: deps.standardSignalTypes }));
  const figures = reports[0]?.rows.length ?? 0;
  const withinOnEverySeed = reports[0]?.rows.filter((_, i) => reports.every((r) => r.rows[i]?.withinBand)).length ?? 0;
  computed = {
    seeds: SHOWN_CALIBRATION.seeds,
    scale: SHOWN_CALIBRATION.scale,
    band: CALIBRATION_BAND,
    municipalities: DEFAULT_CALIBRATION_MUNICIPALITIES,
    figures,
    withinOnEverySeed,
    reports,
  };
  return computed;
}

/** The calibration page's data: for those who may see the what-if (the ministry, municipal coordinators). */
export function calibrationReport(deps: AppDeps, ctx: CallContext): CalibrationStatus {
  requirePermission(ctx.actor, 'evaluation:read');
  const kind = ctx.actor.organisationKind;
  if (kind !== 'ministry' && kind !== 'municipality' && kind !== 'operator' && kind !== 'platform') throw new AccessDenied('evaluation:read');
  return calibrationStatus(deps);
}
