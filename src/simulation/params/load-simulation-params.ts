import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseSimulationParams, type SimulationParams } from '../casework/params.ts';

const SIMULATION_PARAMS_PATH = fileURLToPath(new URL('./simulation.params.yaml', import.meta.url));

/** Reads src/simulation/params/simulation.params.yaml (the one I/O step in front of the simulation's pure model). */
export function loadSimulationParams(path: string = SIMULATION_PARAMS_PATH): SimulationParams {
  return parseSimulationParams(parse(readFileSync(path, 'utf8')));
}
