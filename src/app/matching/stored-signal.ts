import type { Selectable } from 'kysely';
import type { SignalsTable } from '../../db/schema.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { fieldPlace, SIGNAL_FIELDS, type SignalField } from '../../domain/signals/signal-fields.ts';

type Row = Selectable<SignalsTable>;

const euros = (cents: unknown) => (cents === null || cents === undefined ? undefined : (Number(cents) / 100).toFixed(2));

const STORED = (SIGNAL_FIELDS as readonly SignalField[]).filter((f) => f.column !== null);

/** A stored value as it was delivered (amounts back in euros); undefined for an empty column. */
function deliveredValue(f: SignalField, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  switch (f.stored) {
    case 'cents':
      return euros(v);
    case 'components_cents':
      return Object.fromEntries(Object.entries(v as Record<string, number | null>).map(([k, x]) => [k, euros(x) ?? '0.00']));
    default:
      return v;
  }
}

/** A stored signal as the input it was accepted as, so that the rules can judge it again (e.g. after a move). */
export function signalInputFromRow(r: Row): SignalInput {
  const row = r as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of STORED) {
    const v = deliveredValue(f, row[f.column!]);
    if (v === undefined) continue;
    const { group, key } = fieldPlace(f);
    if (group === undefined) out[key] = v;
    else ((out[group] ??= {}) as Record<string, unknown>)[key] = v;
  }
  return out as unknown as SignalInput;
}
