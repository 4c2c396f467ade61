import { createElement } from 'react';
import { whatIfCapacity, whatIfChoices, WhatIfInputError, type WhatIfRequest, type WhatIfView } from '../../../app/capacity/what-if-capacity.ts';
import type { Selection } from '../../../domain/capacity/selection.ts';
import type { WebApp } from '../../web-app.ts';
import { CalibrationInputError, calibrationMunicipalities, calibrationReport, type CalibrationStatus } from '../../../app/capacity/calibration-report.ts';
import { calibrationMessages } from './calibration-messages.ts';
import { CalibrationPage } from './calibration-page.tsx';
import { whatIfMessages } from './messages.ts';
// The pages show signal type names; their forms still send the codes.
import { signalTypeNamer } from '../worklist/rule-data.ts';
import { WhatIfPage, type WhatIfFormValues } from './what-if-page.tsx';

type Query = Record<string, string | string[] | undefined>;

const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== '');
const single = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The question from the query string; with none, the deck's: the municipal tax signal at € 300 against € 500. */
function formOf(q: Query): WhatIfFormValues {
  const asked = Object.keys(q).some((k) => k !== 'lang');
  return {
    signal: asked ? many(q.signal) : ['municipal_tax'],
    add: many(q.add),
    experiment: single(q.experiment),
    municipality: many(q.municipality),
    minAmount: asked ? single(q.minAmount) : '300',
    compareMinAmount: asked ? single(q.compareMinAmount) : '500',
    minAge: single(q.minAge),
    compareMinAge: single(q.compareMinAge),
    months: single(q.months) || '12',
  };
}

/** A number field: '' is "not given"; anything else must be a number (NaN reaches the domain's check and is refused there). */
const numberOf = (s: string) => (s === '' ? null : Number(s.replace(',', '.')));

function requestOf(f: WhatIfFormValues): WhatIfRequest {
  const current: Selection = { minAmount: numberOf(f.minAmount), minArrearAgeMonths: numberOf(f.minAge) };
  const proposed: Selection = {
    ...(f.compareMinAmount !== '' ? { minAmount: numberOf(f.compareMinAmount) } : {}),
    ...(f.compareMinAge !== '' ? { minArrearAgeMonths: numberOf(f.compareMinAge) } : {}),
  };
  return {
    signalTypes: f.signal,
    addSignalTypes: f.add,
    municipalities: f.municipality,
    // Left empty with an experiment chosen: the experiment's declared pre-selection is the current one.
    ...(f.experiment && f.minAmount === '' && f.minAge === '' ? {} : { current }),
    proposed,
    ...(f.experiment ? { experimentId: f.experiment } : {}),
    months: Number(f.months),
  };
}

/**
 * The capacity what-if page (issue 9 point 3), for the ministry and municipal coordinators
 * (aggregates: permission evaluation:read). A municipality's staff see their own municipality only.
 */
export function registerCapacityPages(web: WebApp): void {
  const access = { permission: 'evaluation:read' as const, organisationKinds: ['ministry', 'municipality'] as const };
  web.addNav({ href: '/wat-als', label: { nl: 'Wat-als capaciteit', en: 'Capacity what-if' }, ...access, order: 46 });

  web.get<Query>('/wat-als', access, async ({ deps, ctx, locale, query }) => {
    const t = whatIfMessages(locale);
    const form = formOf(query);
    let view: WhatIfView | null = null;
    let problems: string[] = [];
    try {
      view = await whatIfCapacity(deps, ctx, requestOf(form));
    } catch (e) {
      if (!(e instanceof WhatIfInputError)) throw e;
      problems = e.params.map((p) => `${p.name}: ${p.reason}`);
    }
    const choices = view ?? (await whatIfChoices(deps, ctx));
    const body = createElement(WhatIfPage, {
      form,
      choices: { signalTypes: choices.signalTypes, experiments: choices.experiments, municipalities: choices.municipalities, ownMunicipality: choices.ownMunicipality },
      view,
      problems,
      typeName: signalTypeNamer(deps.rules, locale),
    });
    return problems.length > 0 ? { status: 400, page: { title: t('title'), body } } : { title: t('title'), body };
  });

  // The calibration of the synthetic population behind the what-if (issue 25), for the representative
  // set or the municipalities ticked: computed in a worker thread once per set and kept.
  web.get<Query>('/wat-als/kalibratie', access, async ({ deps, ctx, locale, query }) => {
    const t = calibrationMessages(locale);
    const asked = many(query.municipality).map((c) => c.trim().toUpperCase());
    let status: CalibrationStatus | null = null;
    let problems: string[] = [];
    try {
      status = await calibrationReport(deps, ctx, asked);
    } catch (e) {
      if (!(e instanceof CalibrationInputError)) throw e;
      problems = e.problems.map((p) => `${p.name}: ${p.reason}`);
    }
    const body = createElement(CalibrationPage, { status, municipalities: calibrationMunicipalities(), chosen: status?.municipalities ?? asked, problems, typeName: signalTypeNamer(deps.rules, locale) });
    return problems.length > 0 ? { status: 400, page: { title: t('title'), body } } : { title: t('title'), body };
  });
}

