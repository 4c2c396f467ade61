import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Every capacity a municipality stated in an experiment that is not stopped, with the experiment's signal type. */
export async function listCapacityStatements(db: Executor) {
  return db
    .selectFrom('experiment_capacity as c')
    .innerJoin('experiments as e', 'e.id', 'c.experiment_id')
    .select(['c.experiment_id', 'e.signal_type', 'c.municipality_code', 'c.capacity_per_month'])
    .where('e.stage', '<>', 'stopped')
    .orderBy('c.experiment_id')
    .orderBy('c.municipality_code')
    .execute();
}

/** Experiments (not stopped) with a signal type: the choices of the what-if form. */
export async function listExperimentSignals(db: Executor) {
  return db
    .selectFrom('experiments')
    .select(['id', 'name_nl', 'name_en', 'signal_type', 'stage'])
    .where('stage', '<>', 'stopped')
    .where('signal_type', 'is not', null)
    .orderBy('id')
    .execute();
}
