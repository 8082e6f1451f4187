import type { Command } from './command';
import { layersCommand } from './layers';

/** Every CLI command, in the order `probe-lens --help` lists them. Add a command here, one file each. */
export const COMMANDS: readonly Command[] = [layersCommand];
