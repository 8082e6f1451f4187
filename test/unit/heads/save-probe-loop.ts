/**
 * A writer for the probe-store race test, run as its own process: saves the same probe folder again and
 * again (argv: folder, rounds, seed), as concurrent `probe-lens train` runs into one --out do.
 */
import { saveProbe } from '../../../src/core/heads/probe/store';
import { makeProbe } from './probe-fixture';

const [folder, rounds, seed] = process.argv.slice(2);
for (let round = 0; round < Number(rounds); round++) saveProbe(folder, makeProbe('ner', 'dwatt', Number(seed), new Date()));
