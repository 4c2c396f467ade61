import { parse } from 'csv-parse/sync';
import { CSV_HEADER_LINE, signalToCsvLine } from '../population/signal-csv.ts';
import type { GeneratedSignal } from '../population/signal-builder.ts';
import type { SimulationApi } from './api-client.ts';

/** What the creditors sent and what the platform answered. */
export interface DeliveryTally {
  sent: number;
  viaApi: number;
  viaFile: number;
  files: number;
  apiRequests: number;
  accepted: number;
  refused: number;
  duplicate: number;
  conflict: number;
  /** Requests the API refused as malformed (400) before judging: the signal is not received. */
  malformed: number;
  refusalCodes: Record<string, number>;
}

export function emptyTally(): DeliveryTally {
  return { sent: 0, viaApi: 0, viaFile: 0, files: 0, apiRequests: 0, accepted: 0, refused: 0, duplicate: 0, conflict: 0, malformed: 0, refusalCodes: {} };
}

function countCodes(t: DeliveryTally, codes: readonly string[]) {
  for (const c of codes) if (c) t.refusalCodes[c] = (t.refusalCodes[c] ?? 0) + 1;
}

class DeliveryError extends Error {}

/** One monthly file, as a creditor uploads it (POST /v1/batches), then its per-row results. */
export async function deliverFile(api: SimulationApi, token: string, filename: string, signals: readonly GeneratedSignal[], t: DeliveryTally): Promise<void> {
  const body = CSV_HEADER_LINE + signals.map((g) => `${signalToCsvLine(g.signal)}\n`).join('');
  const res = await api.request('POST', `/v1/batches?filename=${encodeURIComponent(filename)}`, { token, contentType: 'text/csv', body });
  t.files++;
  t.sent += signals.length;
  t.viaFile += signals.length;
  if (res.status !== 201) throw new DeliveryError(`batch ${filename}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
  const batch = JSON.parse(res.body) as { id: string; rowsTotal: number; rowsAccepted: number; rowsRefused: number; rowsDuplicate: number };
  t.accepted += batch.rowsAccepted;
  t.refused += batch.rowsRefused;
  t.duplicate += batch.rowsDuplicate;
  t.conflict += batch.rowsTotal - batch.rowsAccepted - batch.rowsRefused - batch.rowsDuplicate;
  if (batch.rowsRefused > 0) {
    const results = await api.request('GET', `/v1/batches/${batch.id}/results`, { token });
    if (results.status !== 200) throw new DeliveryError(`results of ${filename}: HTTP ${results.status}`);
    const rows = parse(results.body, { columns: true, skip_empty_lines: true }) as Array<{ outcome: string; codes: string }>;
    for (const r of rows) if (r.outcome === 'refused') countCodes(t, r.codes.split(' '));
  }
}

interface Result {
  outcome: 'accepted' | 'refused' | 'duplicate' | 'conflict';
  refusals: Array<{ code: string }>;
}

/** One signal on its own (POST /v1/signals): 201, 200 (already received), 409, 422 or 400. */
async function deliverOne(api: SimulationApi, token: string, g: GeneratedSignal, t: DeliveryTally): Promise<void> {
  const res = await api.request('POST', '/v1/signals', { token, contentType: 'application/json', body: JSON.stringify(g.signal) });
  t.apiRequests++;
  if (res.status === 201) t.accepted++;
  else if (res.status === 200) t.duplicate++;
  else if (res.status === 409) t.conflict++;
  else if (res.status === 422) {
    t.refused++;
    const problem = JSON.parse(res.body) as { invalidParams?: Array<{ code?: string }> };
    countCodes(t, (problem.invalidParams ?? []).map((p) => p.code ?? ''));
  } else if (res.status === 400) {
    t.malformed++;
    countCodes(t, ['MALFORMED_REQUEST']);
  } else throw new DeliveryError(`signal ${g.signal.reference}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
}

/**
 * Signals over the API in requests of up to `chunk`. A request the schema refuses as a whole (400:
 * a row broken beyond judging, such as an empty date) is sent again one signal at a time, as a
 * sender's integration would, so one bad row does not hold back the rest.
 */
export async function deliverApi(api: SimulationApi, token: string, signals: readonly GeneratedSignal[], chunk: number, t: DeliveryTally): Promise<void> {
  t.sent += signals.length;
  t.viaApi += signals.length;
  for (let i = 0; i < signals.length; i += chunk) {
    const part = signals.slice(i, i + chunk);
    const res = await api.request('POST', '/v1/signals', { token, contentType: 'application/json', body: JSON.stringify({ signals: part.map((g) => g.signal) }) });
    t.apiRequests++;
    if (res.status === 400) {
      for (const g of part) await deliverOne(api, token, g, t);
      continue;
    }
    if (res.status !== 200) throw new DeliveryError(`signals: HTTP ${res.status} ${res.body.slice(0, 300)}`);
    const body = JSON.parse(res.body) as { results: Result[] };
    for (const r of body.results) {
      t[r.outcome]++;
      if (r.outcome === 'refused') countCodes(t, r.refusals.map((x) => x.code));
    }
  }
}
