/**
 * The municipality's first outreach on a case and the chance that it reaches the resident
 * (municipal_handling.outreach in the parameters). Multiple or crisis signals get more intensive
 * channels (a home visit), as the weighing frameworks of municipalities do (docs/background/LEGAL-FRAMEWORK.md).
 * The simulation draws outcomes with it; the calibration uses its expected value.
 */
import { MULTIPLE_MIN_SIGNALS } from '../../domain/matching/multiple.ts';
import type { PopulationParams } from './params.ts';
import { type Rng, WeightedChoice } from './rng.ts';

export type CaseKind = 'single' | 'multiple' | 'crisis';
export type Channel = string;

export interface OutreachCase {
  signalCount: number;
  /** The platform's flag (src/domain/matching/multiple.ts) where the case comes from the platform; else its signals are one month's. */
  multiple?: boolean;
  crisis: boolean;
  phoneKnown: boolean;
}

function caseKind(c: OutreachCase): CaseKind {
  if (c.crisis) return 'crisis';
  return (c.multiple ?? c.signalCount >= MULTIPLE_MIN_SIGNALS) ? 'multiple' : 'single';
}

export class OutreachModel {
  private readonly channels: Record<CaseKind, WeightedChoice<Channel>>;

  constructor(private readonly params: PopulationParams['municipalHandling']['outreach']) {
    const choice = (w: Readonly<Record<string, number>>) => new WeightedChoice(Object.entries(w));
    this.channels = { single: choice(params.channelByCase.single), multiple: choice(params.channelByCase.multiple), crisis: choice(params.channelByCase.crisis) };
  }

  private reach(channel: Channel, phoneKnown: boolean): number {
    const p = this.params.reachProbability[channel] ?? 0;
    return channel === 'phone' && !phoneKnown ? p * this.params.noPhoneFactor : p;
  }

  /** Probability that the first outreach on this case reaches the resident. */
  reachProbability(c: OutreachCase): number {
    const kind = caseKind(c);
    const weights = this.params.channelByCase[kind];
    let total = 0;
    let p = 0;
    for (const [channel, w] of Object.entries(weights)) {
      total += w;
      p += w * this.reach(channel, c.phoneKnown);
    }
    return total > 0 ? p / total : 0;
  }

  /** One outreach: the channel tried and whether it reached the resident. */
  draw(c: OutreachCase, rng: Rng): { channel: Channel; reached: boolean } {
    const channel = this.channels[caseKind(c)].draw(rng);
    return { channel, reached: rng.chance(this.reach(channel, c.phoneKnown)) };
  }
}
