import { createPseudonymizer } from '../../../domain/privacy/pseudonym.ts';
import type { OrganisationProfile, Registers } from '../../../domain/registers/registers.ts';
import { LocalBasisRegisters } from '../../../domain/routing/local-registers.ts';
import { PostcodeAreaRouter, type PostcodeArea } from '../../../domain/routing/postcode-areas.ts';
import type { RegulationVersionDoc } from '../../../domain/rules/regulation.ts';
import { buildRuleBook } from '../../../domain/rules/rule-book.ts';
import type { AppDeps } from '../../context.ts';
import { RunningExperiments, type RunningExperiment } from '../../experiments/running-experiments.ts';
import { ExperimentScreeningJudge } from '../../experiments/screening-judge.ts';
import { RuleBookJudge } from '../../rules/rule-judge.ts';
import type { IntakeKit } from './chunk-processor.ts';

/**
 * Everything a worker thread needs to judge signals exactly as this process does, as plain data
 * (structured-clonable): the rule book's source and its onboarded organisations, the running
 * experiments (pre-selection), and the postcode areas for routing by address.
 */
export interface IntakeKitSnapshot {
  /** Changes whenever any part does: a worker rebuilds its kit only then. */
  id: string;
  regulations: readonly RegulationVersionDoc[];
  registers: Registers;
  extraOrganisations: readonly OrganisationProfile[];
  experiments: readonly RunningExperiment[];
  postcodeAreas: readonly PostcodeArea[];
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
const identity = (o: object) => {
  let n = identities.get(o);
  if (n === undefined) identities.set(o, (n = nextIdentity++));
  return n;
};

/**
 * The snapshot of the process's judge, or undefined when it cannot be described to another thread
 * (a judge or a person register plugged in by code, e.g. a real BAG): intake then judges in-process.
 */
export function snapshotIntakeKit(deps: Pick<AppDeps, 'judge' | 'registers'>): IntakeKitSnapshot | undefined {
  const judge = deps.judge;
  if (!(judge instanceof ExperimentScreeningJudge) || !(judge.inner instanceof RuleBookJudge)) return undefined;
  const registers = deps.registers;
  if (!(registers instanceof LocalBasisRegisters) || !(registers.addresses instanceof PostcodeAreaRouter)) return undefined;
  const book = judge.inner.ruleBook;
  const experiments = judge.runtime.running();
  const areas = registers.addresses.areas;
  return {
    id: `${identity(book)}.${identity(experiments)}.${identity(areas)}`,
    regulations: book.versions,
    registers: book.registers,
    extraOrganisations: book.extraOrganisations,
    experiments,
    postcodeAreas: areas,
  };
}

/** Builds the judge from a snapshot, the same way createAppDeps builds it. */
export function kitFromSnapshot(s: IntakeKitSnapshot, pseudonymKey: string): IntakeKit {
  const book = buildRuleBook({ regulations: s.regulations, registers: s.registers }).withOrganisations(s.extraOrganisations);
  const runtime = new RunningExperiments();
  runtime.install(s.experiments);
  return {
    judge: new ExperimentScreeningJudge(new RuleBookJudge(book), runtime),
    router: new PostcodeAreaRouter(s.postcodeAreas),
    pseudonymize: createPseudonymizer(pseudonymKey),
  };
}
