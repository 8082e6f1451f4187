import type { Section } from '../context';
import { activationSection } from './activation';
import { atSizeSection } from './at-size';
import { dwattSection } from './dwatt';
import { fittingSection } from './fitting';
import { forwardSection } from './forward';
import { hoverSection } from './hover';
import { throughputSection } from './throughput';
import { tuningSection } from './tuning';

/** In running order: the cheap, decisive ratios first, the long trainings last. */
export const SECTIONS: Section[] = [tuningSection, forwardSection, hoverSection, throughputSection, activationSection, atSizeSection, dwattSection, fittingSection];
