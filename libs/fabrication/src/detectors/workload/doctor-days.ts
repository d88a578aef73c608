import {
  type LedgerView,
  type RobustStats,
  type ServiceRecord,
  centreOf,
  isFaceToFace,
  robustStats,
} from '../../detection-input';

/** One doctor's face-to-face work on one day. */
export interface DoctorDay {
  doctorId: string;
  day: string;
  /** Distinct residents seen face to face (a checkup and a TCM assessment of one are one). */
  residents: Set<string>;
  /** Distinct residents visited at home: each visit carries its travel. */
  homeVisits: Set<string>;
  records: ServiceRecord[];
}

export interface DoctorYear {
  doctorId: string;
  /** The community centre the doctor's residents mostly belong to (null when none is known). */
  centre: string | null;
  days: DoctorDay[];
  /** Median and MAD of the daily loads, when the doctor has enough other active days. */
  baseline: RobustStats | null;
}

const HOME = 'face_to_face_home';

/** Every doctor's active days in the period, with the centre they work for and their baseline. */
export function doctorYears(
  view: LedgerView,
  period: number,
  minHistoryDays: number,
): DoctorYear[] {
  const byDoctor = new Map<string, Map<string, DoctorDay>>();
  const units = new Map<string, Map<string, number>>();
  for (const r of view.records) {
    if (r.voided || !r.doctorId || !isFaceToFace(r) || r.year !== period) continue;
    let days = byDoctor.get(r.doctorId);
    if (!days) byDoctor.set(r.doctorId, (days = new Map()));
    let dd = days.get(r.day);
    if (!dd)
      days.set(
        r.day,
        (dd = {
          doctorId: r.doctorId,
          day: r.day,
          residents: new Set(),
          homeVisits: new Set(),
          records: [],
        }),
      );
    dd.residents.add(r.residentId);
    if (r.type === 'FollowUpRecorded' && r.mode === HOME) dd.homeVisits.add(r.residentId);
    dd.records.push(r);
    const unit = view.residents.get(r.residentId)?.unitId;
    if (unit) {
      let counts = units.get(r.doctorId);
      if (!counts) units.set(r.doctorId, (counts = new Map()));
      counts.set(unit, (counts.get(unit) ?? 0) + 1);
    }
  }
  return [...byDoctor].map(([doctorId, days]) => {
    const list = [...days.values()];
    // Median and MAD over all the doctor's active days (robust: the day itself barely moves them).
    const baseline =
      list.length - 1 >= minHistoryDays ? robustStats(list.map((d) => d.residents.size)) : null;
    return {
      doctorId,
      centre: centreOf(mostFrequent(units.get(doctorId)), view),
      days: list,
      baseline,
    };
  });
}

function mostFrequent(counts: Map<string, number> | undefined): string | null {
  let best: string | null = null;
  let most = 0;
  for (const [unit, n] of counts ?? []) if (n > most) [best, most] = [unit, n];
  return best;
}
