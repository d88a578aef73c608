/**
 * sign-without-service — contracts signed in bulk with no service ever delivered (签而不约).
 *
 * A burst is at least `minContracts` live contracts signed by one doctor (ContractSigned.doctorId)
 * within a window of 1 to `maxBurstDays` (7) calendar days, dated in the period (greedy, left to
 * right, non-overlapping); a one-day batch is judged as part of its two-day window. Every window size is tried, each against the peers' largest bursts in
 * a window of the same size — of all contracts, of contracts never served, or by the share left
 * unserved (an honest team lead signs fifty in a campaign week and serves most; a paper batch
 * serves none): a batch spread over a week to stay under a two-day rule is still a batch.
 * Bursts that overlap in time are one alert.
 * A resident of the burst counts as served when any doctor recorded a live checkup, TCM
 * assessment or follow-up for them dated from the signing day up to `followDays` days later, or
 * to the end of the signing year if that is later. The burst fires when at least
 * `minUnservedShare` of its residents were not served (0.9: in a district's honest campaign
 * weeks of healthy adults, up to about 87 % of a batch is never served, and is still honest). Bursts signed less than `minObservedDays`
 * before the last date in the log are not judged (their services may simply not have happened
 * yet).
 *
 * A signing campaign is not fraud: when at least `minPeers` doctors signed in the period, a burst
 * must also be far above the other doctors' largest bursts — modified z-score (0.6745·(x −
 * median)/MAD) of at least `minPeerZ`, or at least twice the median when the MAD is 0 — so a
 * district-wide campaign of healthy adults who need no service does not fire.
 *
 * Subject: the doctor. Evidence: the ContractSigned events of the unserved residents.
 * Score: the number of unserved residents. Severity: high when the unserved share ≥
 * `highShare`, otherwise medium.
 *
 * Parameters (defaults): `minContracts` 20, `maxBurstDays` 7, `followDays` 180,
 * `minUnservedShare` 0.9, `minObservedDays` 90, `highShare` 0.95, `minPeers` 5, `minPeerZ` 3.5.
 */
import type { AlertDraft } from '../../alert';
import {
  evidenceOf,
  type DetectionInput,
  type Detector,
  type ServiceRecord,
  dayNumber,
  fmt,
  isService,
  withDefaults,
  median,
} from '../../detection-input';

const DEFAULTS = {
  minContracts: 20,
  maxBurstDays: 7,
  followDays: 180,
  minUnservedShare: 0.9,
  minObservedDays: 90,
  highShare: 0.95,
  minPeers: 5,
  minPeerZ: 3.5,
};
type Params = typeof DEFAULTS;

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const view = input.view;
  const byDoctor = new Map<string, ServiceRecord[]>();
  const services = new Map<string, number[]>();
  for (const r of view.records) {
    if (r.voided) continue;
    if (isService(r)) {
      const s = services.get(r.residentId);
      if (s) s.push(r.dayN);
      else services.set(r.residentId, [r.dayN]);
    } else if (r.type === 'ContractSigned' && r.doctorId && r.year === input.period) {
      const c = byDoctor.get(r.doctorId);
      if (c) c.push(r);
      else byDoctor.set(r.doctorId, [r]);
    }
  }
  const lastDay = view.lastDay ? dayNumber(view.lastDay) : -Infinity;
  const yearEnd = dayNumber(`${input.period}-12-31`);
  const served = (residentId: string, from: number): boolean => {
    const until = Math.max(from + p.followDays, yearEnd);
    return (services.get(residentId) ?? []).some((d) => d >= from && d <= until);
  };
  // Bursts of every window size, each far above the peers' largest in a window of that size.
  const found = new Map<string, ServiceRecord[][]>();
  for (const [, contracts] of byDoctor)
    contracts.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  // Whether each contract was ever served, decided once (every window size asks).
  const unservedIds = new Set<string>();
  for (const contracts of byDoctor.values())
    for (const c of contracts) if (!served(c.residentId, c.dayN)) unservedIds.add(c.eventId);
  const unservedOf = (c: ServiceRecord) => unservedIds.has(c.eventId);
  const all = [...byDoctor.values()];
  const unservedOnly = all.map((contracts) => contracts.filter(unservedOf));
  // A batch of one day is judged inside its two-day window: against the peers' single days an
  // honest lead's campaign day (25 in a day, most not yet served) stood out in a clean district.
  for (let days = 2; days <= p.maxBurstDays; days++) {
    const farAbovePeers = peerTest(
      all.map((contracts) => largestWindow(contracts, days).length),
      p,
    );
    // Honest team leads sign fifty in a campaign week, and serve them; a batch nobody serves
    // stands out among the peers' largest *unserved* batches of the same window.
    const unservedBatches = unservedOnly.map((c) => largestWindow(c, days).length);
    const farAboveUnserved = peerTest(unservedBatches, p);
    const usualUnserved = median(unservedBatches);
    // And by the share left unserved, for a batch at least as large as the peers' usual
    // unserved batch: campaign weeks of healthy adults leave most of them unserved everywhere
    // (then nobody stands out); a paper batch leaves all of them.
    const farAboveShare = peerTest(
      all
        .filter((contracts) => contracts.length >= p.minContracts)
        .map((contracts) => {
          const window = largestWindow(contracts, days);
          return window.filter(unservedOf).length / window.length;
        }),
      p,
    );
    for (const [doctorId, contracts] of byDoctor) {
      if (contracts.length < p.minContracts) continue;
      const dn = contracts.map((c) => c.dayN);
      for (let i = 0; i < contracts.length; i++) {
        let j = i;
        while (j + 1 < contracts.length && dn[j + 1] - dn[i] < days) j++;
        if (j - i + 1 < p.minContracts) continue;
        const burst = contracts.slice(i, j + 1);
        i = j;
        if (dn[j] + p.minObservedDays > lastDay) continue;
        const unserved = burst.filter(unservedOf).length;
        if (
          !farAbovePeers(burst.length) &&
          !farAboveUnserved(unserved) &&
          !(unserved >= usualUnserved && farAboveShare(unserved / burst.length))
        )
          continue;
        const list = found.get(doctorId) ?? [];
        list.push(burst);
        found.set(doctorId, list);
      }
    }
  }
  const alerts: AlertDraft[] = [];
  for (const [doctorId, bursts] of found) {
    // One batch is one alert, however many window sizes saw it: bursts that overlap in time merge.
    for (const burst of mergeOverlapping(bursts)) {
      const unserved = burst.filter(unservedOf);
      const share = unserved.length / burst.length;
      if (share < p.minUnservedShare) continue;
      const days = burst[burst.length - 1].dayN - burst[0].dayN + 1;
      const pct = fmt(share * 100, 0);
      alerts.push({
        detector: 'sign-without-service',
        subject: { kind: 'doctor', id: doctorId },
        period: input.period,
        score: unserved.length,
        severity: share >= p.highShare ? 'high' : 'medium',
        explanation: {
          zh: `自 ${burst[0].day} 起 ${days} 天内签约 ${burst.length} 人（远多于其他医生任意 ${days} 天的签约数或未服务签约数），其中 ${unserved.length} 人（${pct}%）此后未获任何服务`,
          en: `${burst.length} contracts signed within ${days} days from ${burst[0].day} (far above other doctors' largest ${days}-day batches, of all contracts or of unserved ones); ${unserved.length} (${pct}%) of those residents received no service afterwards`,
        },
        evidence: unserved.flatMap(evidenceOf),
      });
    }
  }
  return alerts;
}

/** Bursts (each in day order) that share a contract or a day become one, in day order. */
function mergeOverlapping(bursts: ServiceRecord[][]): ServiceRecord[][] {
  const sorted = [...bursts].sort((a, b) => a[0].dayN - b[0].dayN);
  const merged: ServiceRecord[][] = [];
  for (const burst of sorted) {
    const last = merged[merged.length - 1];
    if (last && burst[0].dayN <= last[last.length - 1].dayN) {
      const seen = new Set(last.map((c) => c.eventId));
      for (const c of burst) if (!seen.has(c.eventId)) last.push(c);
      last.sort((a, b) => a.dayN - b.dayN);
    } else merged.push([...burst]);
  }
  return merged;
}

/** The contracts of the doctor's fullest window of `days` days (contracts in day order). */
function largestWindow(contracts: ServiceRecord[], days: number): ServiceRecord[] {
  let best: [number, number] = [0, 0];
  for (let i = 0, j = 0; j < contracts.length; j++) {
    while (contracts[j].dayN - contracts[i].dayN >= days) i++;
    if (j - i + 1 > best[1] - best[0]) best = [i, j + 1];
  }
  return contracts.slice(best[0], best[1]);
}

/** Is a burst of this size far above what the doctors of the period usually sign at once? */
function peerTest(bursts: number[], p: Params): (size: number) => boolean {
  if (bursts.length < p.minPeers) return () => true;
  const sorted = [...bursts].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const deviations = sorted.map((b) => Math.abs(b - median)).sort((a, b) => a - b);
  const mad = deviations[Math.floor(deviations.length / 2)];
  return (size) =>
    mad === 0 ? size >= 2 * median : (0.6745 * (size - median)) / mad >= p.minPeerZ;
}

export const signWithoutServiceDetector: Detector<Params> = {
  id: 'sign-without-service',
  description: {
    zh: '医生短时间内批量签约，且这些居民此后未获任何服务（签而不约）',
    en: 'contracts signed in bursts by one doctor with no service to those residents afterwards',
  },
  params: DEFAULTS,
  detect,
};
