import { type ServiceRecord, binomialUpperP, vitalsOf } from '../../detection-input';

export interface PairCopy {
  doctorId: string;
  pair: string;
  records: ServiceRecord[];
  residents: number;
  pValue: number;
  /** The pair's share of the district's other readings: the chance reference. */
  districtShare: number;
}

/**
 * The blood-pressure pair alone copied across a doctor's patients, while glucose and weight vary
 * as measured: the whole-tuple rule cannot see it. Chance comes from the district: how often the
 * exact pair occurs among every other doctor's readings this period (a pair's own doctor would
 * lend it the frequency the copies gave it). For a doctor with R patients of m̄ readings each, k
 * of them sharing the pair has p = P(Binomial(R − 1, min(1, m̄ q)) ≥ k − 1), times the number of
 * distinct pairs the doctor wrote (Bonferroni). Round pairs (both ending in 0) are left to
 * digit-preference: writing 130/80 is rounding, not copying.
 */
export function bpPairCopies(records: readonly ServiceRecord[], minPatients: number): PairCopy[] {
  const district = new Map<string, number>();
  let districtTotal = 0;
  const byDoctor = new Map<string, Map<string, ServiceRecord[]>>();
  const readingsOf = new Map<string, number>();
  const residentsOf = new Map<string, Set<string>>();
  for (const r of records) {
    const v = vitalsOf(r);
    if (!r.doctorId || v.systolic === undefined || v.diastolic === undefined) continue;
    const pair = `${v.systolic}/${v.diastolic}`;
    district.set(pair, (district.get(pair) ?? 0) + 1);
    districtTotal += 1;
    let pairs = byDoctor.get(r.doctorId);
    if (!pairs) byDoctor.set(r.doctorId, (pairs = new Map()));
    const list = pairs.get(pair);
    if (list) list.push(r);
    else pairs.set(pair, [r]);
    readingsOf.set(r.doctorId, (readingsOf.get(r.doctorId) ?? 0) + 1);
    let who = residentsOf.get(r.doctorId);
    if (!who) residentsOf.set(r.doctorId, (who = new Set()));
    who.add(r.residentId);
  }
  const out: PairCopy[] = [];
  for (const [doctorId, pairs] of byDoctor) {
    const mine = readingsOf.get(doctorId)!;
    const R = residentsOf.get(doctorId)!.size;
    const perResident = mine / R;
    const reference = districtTotal - mine;
    if (reference <= 0) continue;
    for (const [pair, list] of pairs) {
      const residents = new Set(list.map((r) => r.residentId)).size;
      if (residents < minPatients) continue;
      const [sys, dia] = pair.split('/').map(Number);
      if (sys % 10 === 0 && dia % 10 === 0) continue;
      const others = (district.get(pair) ?? 0) - list.length;
      // A pair nobody else wrote is given one reading's worth, not zero.
      const q = Math.max(1, others) / reference;
      const pValue = Math.min(
        1,
        binomialUpperP(residents - 1, R - 1, Math.min(1, perResident * q)) * pairs.size,
      );
      out.push({ doctorId, pair, records: list, residents, pValue, districtShare: q });
    }
  }
  return out;
}
