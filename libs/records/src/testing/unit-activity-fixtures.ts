import type { Facts } from '../commands/facts';
import { doctor, unit } from './fixtures';

/** A centre open since 2020 with one of its doctors: the facts most unit-activity specs need. */
export const centreWithDoctor = (): Facts => ({
  unit: unit('c1', 'community_centre'),
  doctor: doctor('d1', 'c1'),
  doctorUnit: unit('c1', 'community_centre'),
});
