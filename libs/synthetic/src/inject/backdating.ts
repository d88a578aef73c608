import type { Random } from '../random';
import { type District, choose, notBefore, service } from './district';

/** The batch (the detector flags ≥ 30 records of an earlier quarter entered in a quarter's last 3 days). */
const MIN_RECORDS = 34;
const MIN_AGE_DAYS = 62;

/**
 * backdating (subject: the doctor). In the evenings of the last three days of a quarter (Q2–Q4)
 * the doctor enters 34–50 services dated in the quarter before and 62 or more days earlier, for
 * distinct residents of the team: records made up before the deadline. (Honest catch-up batches
 * at a quarter's end hold records of that same quarter.)
 */
export function injectBackdating(d: District, rng: Random, rate: number): void {
  const eligible = [...d.doctors.values()].filter(
    (doc) =>
      !d.touchedDoctors.has(doc.id) &&
      d.teamResidents(doc.team).filter((r) => !d.touchedResidents.has(r.id)).length >=
        MIN_RECORDS * 2,
  );
  const rec = d.recorder(rng);
  for (const doc of choose(rng, eligible, rate)) {
    const q = rng.int(1, 3);
    const [, qe] = d.cal.quarter(q);
    const [qs, previousEnd] = d.cal.quarter(q - 1);
    const latest = Math.min(previousEnd, qe - 2 - MIN_AGE_DAYS);
    const candidates = d
      .teamResidents(doc.team)
      .filter((r) => !d.touchedResidents.has(r.id) && d.presentOn(r, latest));
    const chosen = rng.shuffle([...candidates]).slice(0, MIN_RECORDS + rng.int(0, 16));
    if (chosen.length < MIN_RECORDS) continue;
    const planned = chosen.map((r) => {
      const day = rng.int(Math.max(qs, r.regDay + 1), latest);
      const t = rec.evening(qe - rng.int(0, 2));
      return { r, day, t };
    });
    if (
      planned.some(({ r, day, t }) => !d.presentOn(r, day) || t < notBefore(r, day) || t > d.capMs)
    )
      continue;
    d.touchedDoctors.add(doc.id);
    const commandIds = planned.map(({ r, day, t }) => {
      d.touchedResidents.add(r.id);
      const command = service(d, rng, r, day, doc.id, `${r.id}-x-backdated`, 'face_to_face_home');
      d.parts[r.part].push(t, command);
      return command.commandId;
    });
    d.plant({ pattern: 'backdating', subject: { kind: 'doctor', id: doc.id }, commandIds });
  }
}
