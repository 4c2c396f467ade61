import { createPseudonymizer } from '../../../domain/privacy/pseudonym.ts';
import type { OrganisationProfile, Registers } from '../../../domain/registers/registers.ts';
import { AddressTables, type AddressTableData } from '../../../domain/addresses/address-table.ts';
import { PostcodeAreaRouter, type PostcodeArea } from '../../../domain/routing/postcode-areas.ts';
import { TableRouter } from '../../../domain/routing/table-router.ts';
import { AddressRouting } from '../../routing/address-routing.ts';
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
 * experiments (pre-selection), and for routing by address the address table's versions (on shared
 * memory, so not copied) and the postcode areas.
 */
export interface IntakeKitSnapshot {
  /** Changes whenever any part does: a worker rebuilds its kit only then. */
  id: string;
  regulations: readonly RegulationVersionDoc[];
  registers: Registers;
  extraOrganisations: readonly OrganisationProfile[];
  experiments: readonly RunningExperiment[];
  postcodeAreas: readonly PostcodeArea[];
  addressTables: readonly AddressTableData[];
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
  const addresses = (deps.registers as { addresses?: unknown }).addresses;
  if (!(addresses instanceof AddressRouting)) return undefined;
  const book = judge.inner.ruleBook;
  const experiments = judge.runtime.running();
  const router = addresses.router;
  return {
    id: `${identity(book)}.${identity(experiments)}.${identity(router)}`,
    regulations: book.versions,
    registers: book.registers,
    extraOrganisations: book.extraOrganisations,
    experiments,
    postcodeAreas: router.areas.areas,
    addressTables: router.tables.tables.map((t) => t.data),
  };
}

/** Builds the judge from a snapshot, the same way createAppDeps builds it. */
export function kitFromSnapshot(s: IntakeKitSnapshot, pseudonymKey: string): IntakeKit {
  const book = buildRuleBook({ regulations: s.regulations, registers: s.registers }).withOrganisations(s.extraOrganisations);
  const runtime = new RunningExperiments();
  runtime.install(s.experiments);
  return {
    judge: new ExperimentScreeningJudge(new RuleBookJudge(book), runtime),
    router: new TableRouter(new AddressTables(s.addressTables), new PostcodeAreaRouter(s.postcodeAreas)),
    pseudonymize: createPseudonymizer(pseudonymKey),
  };
}
