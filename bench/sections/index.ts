import type { Section } from '../context';
import { activationSection } from './activation';
import { atSizeSection } from './at-size';
import { fittingSection } from './fitting';
import { forwardSection } from './forward';
import { hoverSection } from './hover';
import { throughputSection } from './throughput';
import { trainingSection } from './training';
import { tuningSection } from './tuning';

/** In running order: the cheap, decisive ratios first, the long trainings last. */
export const SECTIONS: Section[] = [tuningSection, forwardSection, hoverSection, throughputSection, activationSection, atSizeSection, trainingSection, fittingSection];

/**
 * What `--scale base` runs unless --only says otherwise: the measures at the sizes users run (compare and
 * its peers, fitting every head); the other model sections run at base scale when named with --only.
 */
export const BASE_SCALE_SECTIONS = ['forward', 'fitting'];
