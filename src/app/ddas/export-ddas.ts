import { warmTransfers } from '../../db/repositories/resident-reminders.ts';
import { AccessDenied, requirePermission } from '../../domain/access/actor.ts';
import { mapDelivery, type ClientDetail, type MappingWarning, type MunicipalityDeliveryFacts } from '../../domain/ddas/map-delivery.ts';
import type { Uitwisselmodel } from '../../domain/ddas/exchange-model.ts';
import { planPage, type PagePlan } from '../../domain/ddas/paginate.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { findContactAttemptsSource } from '../../db/repositories/contact-attempts-source.ts';
import {
  casesOfSignals,
  contactAttemptsOf,
  countDeliverySignals,
  findMunicipalityByDeliverer,
  municipalityNames,
  pageDeliverySignals,
  type DeliveryScope,
} from '../../db/repositories/ddas-export.ts';
import type { AppDeps, CallContext } from '../context.ts';

export interface DdasExportRequest {
  aanleverperiodeStartdatum?: string | undefined;
  aanleverperiodeEinddatum?: string | undefined;
  aanleverende_organisatie?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface DdasExportOptions {
  /** Code of the data supplier (codeGegevensleverancier): this platform's operator. */
  supplierCode: string;
  clientDetail: ClientDetail;
}

export interface DdasExport {
  gegevens: Uitwisselmodel;
  paginering?: PagePlan['paginering'];
  warnings: MappingWarning[];
}

export class DdasRequestError extends Error {
  constructor(
    message: string,
    public readonly field: string,
    public readonly status: 400 | 422 = 400,
  ) {
    super(message);
  }
}

/** Without dates the supplier picks the period (berichten.md): the last full calendar month. */
function defaultPeriod(now: Date): { from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** Whose data the caller may pull: a municipality its own; the platform operator (the data supplier) every municipality. */
async function municipalitiesFor(deps: AppDeps, ctx: CallContext, deliverer: string | undefined): Promise<string[] | null> {
  const kind = ctx.actor.organisationKind;
  const asked = deliverer ? await findMunicipalityByDeliverer(deps.db, deliverer) : undefined;
  if (deliverer && !asked) throw new DdasRequestError(`unknown aanleverende_organisatie '${deliverer}'`, 'aanleverende_organisatie', 422);
  if (kind === 'municipality') {
    if (asked && asked !== ctx.actor.organisationId) throw new AccessDenied('ddas:export (other municipality)');
    return [ctx.actor.organisationId];
  }
  if (kind === 'operator' || kind === 'platform') return asked ? [asked] : null;
  throw new AccessDenied('ddas:export');
}

/**
 * DDAS-VS `POST /gegevens`: the signals and cases of a period in the DDAS exchange model, per
 * municipality, at most 50,000 signals a message. A case travels with the page that holds its first
 * signal of the period. Every export is recorded in the audit trail (with the subjects' pseudonyms
 * when resident details go out).
 */
export async function exportDdas(deps: AppDeps, ctx: CallContext, req: DdasExportRequest, opts: DdasExportOptions): Promise<DdasExport> {
  requirePermission(ctx.actor, 'ddas:export');
  const period = req.aanleverperiodeStartdatum || req.aanleverperiodeEinddatum ? undefined : defaultPeriod(deps.now());
  const from = req.aanleverperiodeStartdatum ?? period?.from ?? req.aanleverperiodeEinddatum!;
  const to = req.aanleverperiodeEinddatum ?? period?.to ?? deps.now().toISOString().slice(0, 10);
  if (from > to) throw new DdasRequestError('aanleverperiodeStartdatum lies after aanleverperiodeEinddatum', 'aanleverperiodeStartdatum', 422);
  const municipalities = await municipalitiesFor(deps, ctx, req.aanleverende_organisatie);
  const scope: DeliveryScope = { municipalities, from, to };

  return deps.db.transaction().execute(async (trx) => {
    const total = await countDeliverySignals(trx, scope);
    const plan = planPage(total, { page: req.page, pageSize: req.pageSize });
    const paged = await pageDeliverySignals(trx, scope, plan.offset, plan.limit, opts.clientDetail === 'full');
    const warm = await warmTransfers(trx, paged.map((s) => s.id));
    const signals = warm.size === 0 ? paged : paged.map((s) => (warm.has(s.id) ? { ...s, warmTransfer: true } : s));
    const onPage = new Set(signals.map((s) => s.id));
    const cases = (await casesOfSignals(trx, scope, [...onPage])).filter((c) => c.firstInScope !== null && onPage.has(c.firstInScope));
    const attempts = await contactAttemptsOf(trx, await findContactAttemptsSource(trx), cases.map((c) => c.id));
    const codes = [...new Set([...(municipalities ?? []), ...signals.map((s) => s.municipalityCode)])].sort();
    const names = await municipalityNames(trx, codes);
    const perMunicipality: MunicipalityDeliveryFacts[] = codes.map((code) => ({
      municipalityCode: code,
      deliverer: { name: names.get(code) ?? code },
      signals: signals.filter((s) => s.municipalityCode === code),
      cases: cases.filter((c) => c.municipalityCode === code).map((c) => ({ ...c, contactAttempts: attempts.get(c.id) ?? [] })),
    }));
    const { document, warnings } = mapDelivery({ supplierCode: opts.supplierCode, partnerOf: deps.rules.ddasPartnerOf, periodStart: from, periodEnd: to, deliveredAt: deps.now(), clientDetail: opts.clientDetail }, perMunicipality);
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'ddas.export',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: ctx.actor.organisationId,
      objectType: 'ddas_delivery',
      // DDAS DPIA: logging each BSN is advised against; pseudonyms are kept only when resident details went out.
      subjectPseudonyms: opts.clientDetail === 'full' ? [...new Set(signals.map((s) => s.subjectPseudonym))] : [],
      outcome: 'success',
      detail: { municipalities: codes, from, to, page: plan.paginering?.currentPage ?? 1, signals: signals.length, cases: cases.length, totalSignals: total, clientDetail: opts.clientDetail, warnings: warnings.length },
    });
    return { gegevens: document, ...(plan.paginering ? { paginering: plan.paginering } : {}), warnings };
  });
}
