import { AccessDenied, requirePermission } from '../../domain/access/actor.ts';
import {
  CALIBRATION_BAND,
  checkCalibrationOptions,
  DEFAULT_CALIBRATION_MUNICIPALITIES,
  loadPopulationParams,
  runCalibrationsInWorker,
  type CalibrationReport,
  type PopulationParams,
} from '../../simulation/what-if.ts';
import type { AppDeps, CallContext } from '../context.ts';

export { CalibrationInputError } from '../../simulation/what-if.ts';

/**
 * The seeds of the calibration the platform shows, and how many inhabitants it simulates: a tenth of
 * the representative municipalities (about 193,000, some 7,000 cases a seed; a few seconds). A chosen
 * set is scaled to the same number of inhabitants (at most its real size), so its figures are about as
 * steady.
 */
const SHOWN_CALIBRATION = { seeds: [1, 2], defaultScale: 0.1 } as const;

export interface CalibrationStatus {
  seeds: readonly number[];
  scale: number;
  band: number;
  municipalities: readonly string[];
  /** Whether the set is the representative one (the what-if's statement) or one the caller chose. */
  representative: boolean;
  /** Figures compared per seed, and how many of them are within the band on every seed. */
  figures: number;
  withinOnEverySeed: number;
  reports: CalibrationReport[];
}

let params: PopulationParams | undefined;
const population = () => (params ??= loadPopulationParams());

const inhabitantsOf = (codes: readonly string[]) => population().municipalities.filter((m) => codes.includes(m.code)).reduce((s, m) => s + m.inhabitants, 0);

/** The scale a set is simulated at: as many inhabitants as the representative set at its shown scale, never more than the real ones. */
function scaleFor(codes: readonly string[]): number {
  const target = inhabitantsOf(DEFAULT_CALIBRATION_MUNICIPALITIES) * SHOWN_CALIBRATION.defaultScale;
  const scale = Math.min(1, target / Math.max(1, inhabitantsOf(codes)));
  return Number(scale.toPrecision(2));
}

// The parameters do not change while the platform runs, so a set's calibration is computed once and
// kept (the representative set for good, a few chosen sets besides). Computed in a worker thread, one
// at a time: the web process keeps answering other requests meanwhile.
const KEPT_CHOSEN_SETS = 8;
const computed = new Map<string, Promise<CalibrationStatus>>();
let active = 0;
const waiting: Array<() => void> = [];

/** One worker at a time (a chosen set costs a core for seconds); with none running it starts at once, before the caller's next await. */
async function oneAtATime<T>(run: () => Promise<T>): Promise<T> {
  if (active > 0) await new Promise<void>((go) => waiting.push(go));
  active++;
  try {
    return await run();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

async function compute(codes: readonly string[], standardTypes: ReadonlySet<string>, representative: boolean): Promise<CalibrationStatus> {
  const scale = representative ? SHOWN_CALIBRATION.defaultScale : scaleFor(codes);
  const reports = await oneAtATime(() => runCalibrationsInWorker({ municipalities: codes, seeds: SHOWN_CALIBRATION.seeds, scale, standardTypes }));
  const figures = reports[0]?.rows.length ?? 0;
  const withinOnEverySeed = reports[0]?.rows.filter((_, i) => reports.every((r) => r.rows[i]?.withinBand)).length ?? 0;
  return { seeds: SHOWN_CALIBRATION.seeds, scale, band: CALIBRATION_BAND, municipalities: codes, representative, figures, withinOnEverySeed, reports };
}

/**
 * How the synthetic year behind the what-if stands against the public figures (issue 25), for the
 * representative set or a chosen set of municipalities (checked at once: CalibrationInputError).
 * Synthetic aggregates only: no personal data, no audit record.
 */
export function calibrationStatus(deps: Pick<AppDeps, 'standardSignalTypes'>, municipalities?: readonly string[]): Promise<CalibrationStatus> {
  const chosen = municipalities === undefined || municipalities.length === 0 ? undefined : [...new Set(municipalities)].sort();
  const codes = chosen ?? [...DEFAULT_CALIBRATION_MUNICIPALITIES];
  const representative = chosen === undefined || chosen.join(',') === [...DEFAULT_CALIBRATION_MUNICIPALITIES].sort().join(',');
  const key = representative ? 'representative' : codes.join(',');
  const hit = computed.get(key);
  if (hit) return hit;
  checkCalibrationOptions({ municipalities: codes }, population());
  if (!representative && computed.size - (computed.has('representative') ? 1 : 0) >= KEPT_CHOSEN_SETS) {
    const oldest = [...computed.keys()].find((k) => k !== 'representative');
    if (oldest) computed.delete(oldest);
  }
  const status = compute(representative ? [...DEFAULT_CALIBRATION_MUNICIPALITIES] : codes, deps.standardSignalTypes, representative);
  computed.set(key, status);
  // A failed run is not kept: the next request tries again.
  status.catch(() => computed.delete(key));
  return status;
}

/** The municipalities a calibration can be asked for: those of the synthetic population. */
export function calibrationMunicipalities(): Array<{ code: string; name: string; inhabitants: number }> {
  return population().municipalities.map((m) => ({ code: m.code, name: m.name, inhabitants: m.inhabitants }));
}

/** The calibration page's data: for those who may see the what-if (the ministry, municipal coordinators). */
export function calibrationReport(deps: AppDeps, ctx: CallContext, municipalities?: readonly string[]): Promise<CalibrationStatus> {
  requirePermission(ctx.actor, 'evaluation:read');
  const kind = ctx.actor.organisationKind;
  if (kind !== 'ministry' && kind !== 'municipality' && kind !== 'operator' && kind !== 'platform') throw new AccessDenied('evaluation:read');
  return calibrationStatus(deps, municipalities);
}
