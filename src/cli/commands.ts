import type { Command } from './command';
import { compareCommand } from './compare';
import { evalCommand } from './eval';
import { experimentCommand } from './experiment';
import { layersCommand } from './layers';
import { sweepCommand } from './sweep';
import { trainCommand } from './train';

/** Every CLI command, in the order `probe-lens --help` lists them. Add a command here, one file each. */
export const COMMANDS: readonly Command[] = [layersCommand, trainCommand, evalCommand, compareCommand, experimentCommand, sweepCommand];
