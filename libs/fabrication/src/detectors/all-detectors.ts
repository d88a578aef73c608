import { type AlertDraft, DETECTORS, alertKey } from '../alert';
import type { DetectionInput, Detector } from '../detection-input';
import { afterDeathDetector } from './after-death/after-death.detector';
import { afterMoveDetector } from './after-move/after-move.detector';
import { backdatingDetector } from './backdating/backdating.detector';
import { benfordFundsDetector } from './benford-funds/benford-funds.detector';
import { copiedVitalsDetector } from './copied-vitals/copied-vitals.detector';
import { digitPreferenceDetector } from './digit-preference/digit-preference.detector';
import { fundPreDisbursementDetector } from './fund-pre-disbursement/fund-pre-disbursement.detector';
import { villageClinicShareDetector } from './village-clinic-share/village-clinic-share.detector';
import { followUpBurstDetector } from './follow-up-burst/follow-up-burst.detector';
import { overClaimDetector } from './over-claim/over-claim.detector';
import { signWithoutServiceDetector } from './sign-without-service/sign-without-service.detector';
import { workloadDetector } from './workload/workload.detector';
import { placesDetector } from './places/places.detector';
import { impossibleSequenceDetector } from './impossible-sequence/impossible-sequence.detector';
import { duplicateRegistrationDetector } from './duplicate-registration/duplicate-registration.detector';
import { duplicateHouseholdDetector } from './duplicate-household/duplicate-household.detector';

/** Every detector, in the order of DETECTORS (alert.ts). */
export const ALL_DETECTORS: readonly Detector[] = [
  afterDeathDetector,
  afterMoveDetector,
  followUpBurstDetector,
  workloadDetector,
  copiedVitalsDetector,
  digitPreferenceDetector,
  backdatingDetector,
  signWithoutServiceDetector,
  overClaimDetector,
  benfordFundsDetector,
  fundPreDisbursementDetector,
  villageClinicShareDetector,
  placesDetector,
  impossibleSequenceDetector,
  duplicateRegistrationDetector,
  duplicateHouseholdDetector,
] as Detector[];

/**
 * Runs every detector with its default parameters (or `params[detectorId]`), drops alerts without
 * evidence (a bug, never shown) and de-duplicates by alertKey (first one wins).
 */
export function runDetectors(
  input: DetectionInput,
  params: Partial<Record<(typeof DETECTORS)[number], Record<string, number>>> = {},
): AlertDraft[] {
  const seen = new Set<string>();
  const out: AlertDraft[] = [];
  for (const d of ALL_DETECTORS) {
    for (const a of d.detect(input, params[d.id])) {
      if (a.evidence.length === 0) continue;
      const key = alertKey(a);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}
