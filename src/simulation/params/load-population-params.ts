/**
 * Reads the population parameter file. The one I/O step in front of the pure generator, shared by
 * the generate-signals CLI, the simulation and the tests.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parsePopulationParams, type PopulationParams } from '../population/params.ts';

/** src/simulation/params/population.params.yaml of this repository. */
const DEFAULT_PARAMS_PATH = fileURLToPath(new URL('./population.params.yaml', import.meta.url));

export function loadPopulationParams(path: string = DEFAULT_PARAMS_PATH): PopulationParams {
  return parsePopulationParams(parse(readFileSync(path, 'utf8')));
}
