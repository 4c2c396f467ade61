import type { AddressRouter, Placement } from './address-router.ts';

export interface PostcodeArea {
  municipality: string;
  from: number;
  to: number;
  name?: string;
  valid_from?: string;
  valid_until?: string;
}

/**
 * Routes by four-digit postcode area on a date. A table indexed by PC4 holds the (few) dated
 * areas per code, so a lookup is one array access and a date comparison.
 */
export class PostcodeAreaRouter implements AddressRouter {
  private readonly byPc4: Array<PostcodeArea[] | undefined> = new Array(10000);

  constructor(readonly areas: readonly PostcodeArea[]) {
    for (const a of areas) for (let pc = a.from; pc <= a.to; pc++) (this.byPc4[pc] ??= []).push(a);
  }

  /** Always a PC4 placement, marked as such: a demo stand-in, not an address lookup. */
  place(postcode: string, _houseNumber: string | undefined, date: string): Placement {
    const pc4 = Number(postcode.slice(0, 4));
    const candidates = this.byPc4[pc4];
    for (const a of candidates ?? []) {
      if (a.valid_from && date < a.valid_from) continue;
      if (a.valid_until && date > a.valid_until) continue;
      return { municipality: a.municipality, by: 'postcode-area' };
    }
    return { unplaced: 'postcode-unknown' };
  }
}
