import { FIELD_CATEGORY } from '../signals/signal.ts';

/**
 * The personal-data fields of a SignalInput in a fixed order, and one bit per field, so that the
 * evaluator compares "fields present" with "fields this rule forbids" in a single AND.
 */
export const FIELD_KEYS: readonly string[] = Object.freeze(Object.keys(FIELD_CATEGORY));

export function fieldBit(key: string): number {
  const i = FIELD_KEYS.indexOf(key);
  if (i < 0) throw new Error(`'${key}' is not a personal-data field of SignalInput`);
  return 1 << i;
}
