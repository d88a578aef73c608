/**
 * duplicate-registration (重复建档) — one ID number registered as two or more residents.
 *
 * The deciders refuse a registration whose ID number a living resident already holds
 * (DUPLICATE_ID_NUMBER), so what is found came in through a migration, which keeps the old
 * system's records as they were (decision 0020), or raced another registration. Duplicate health
 * records inflate every denominator and numerator they enter: the same person counted twice.
 * Matching uses the keyed hash each registration carries (decision 0021), never a number.
 *
 * A holder counts while neither died nor moved out before the period began, and when registered
 * by the period's end. Subject: the latest registration's resident (one alert per ID number).
 * Evidence: every holder's registration (and the correction that gave it the number). Score:
 * the number of holders.
 *
 * Parameters (defaults):
 * - `minHolders` 2 — how many residents must hold one ID number.
 * - `highHolders` 3 — from this many holders the alert is high, else medium.
 */
import { type Detector, withDefaults } from '../../detection-input';
import type { AlertDraft } from '../../alert';

interface DuplicateParams extends Record<string, number> {
  minHolders: number;
  highHolders: number;
}

const DEFAULTS: DuplicateParams = { minHolders: 2, highHolders: 3 };

export const duplicateRegistrationDetector: Detector<DuplicateParams> = {
  id: 'duplicate-registration',
  description: {
    zh: '同一身份证号登记为多个居民（重复建档）',
    en: 'one ID number registered as more than one resident (duplicate health records)',
  },
  params: DEFAULTS,
  detect: (input, overrides) => {
    const p = withDefaults(DEFAULTS, overrides);
    const start = `${input.period}-01-01`;
    const end = `${input.period}-12-31`;
    const alerts: AlertDraft[] = [];
    for (const holders of input.view.idHolders.values()) {
      const counted = holders.filter((h) => {
        const facts = input.view.residents.get(h.residentId);
        const goneBefore = (m: { day: string } | null | undefined) => !!m && m.day < start;
        return h.registeredOn <= end && !goneBefore(facts?.died) && !goneBefore(facts?.movedOut);
      });
      if (counted.length < p.minHolders) continue;
      const latest = [...counted].sort((a, b) =>
        a.registeredOn === b.registeredOn
          ? a.residentId.localeCompare(b.residentId)
          : a.registeredOn.localeCompare(b.registeredOn),
      )[counted.length - 1];
      const ids = counted.map((h) => h.residentId).sort();
      alerts.push({
        detector: 'duplicate-registration',
        subject: { kind: 'resident', id: latest.residentId },
        period: input.period,
        score: counted.length,
        severity: counted.length >= p.highHolders ? 'high' : 'medium',
        explanation: {
          zh: `重复建档：同一身份证号登记为 ${counted.length} 个居民（${ids.join('、')}）`,
          en: `duplicate registration: one ID number is registered as ${counted.length} residents (${ids.join(', ')})`,
        },
        evidence: counted.flatMap((h) => h.evidence),
      });
    }
    return alerts;
  },
};
