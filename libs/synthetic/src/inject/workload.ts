import { workday } from '../story';
import type { Random } from '../random';
import { type District, MINUTE_MS, choose, notBefore, service } from './district';

/** Face-to-face services one doctor cannot physically give in a day (the detector flags ≥ 80). */
const MIN_SERVICES = 85;

/**
 * workload (subject: the doctor). On one working day the doctor records 85–110 face-to-face
 * follow-ups (patients) or checkups (everyone else) for distinct residents of the team.
 */
export function injectWorkload(d: District, rng: Random, rate: number): void {
  const eligible = [...d.doctors.values()].filter(
    (doc) =>
      !d.touchedDoctors.has(doc.id) &&
      d.teamResidents(doc.team).filter((r) => !d.touchedResidents.has(r.id)).length >=
        MIN_SERVICES * 1.5,
  );
  for (const doc of choose(rng, eligible, rate)) {
    const day = workday(d.cal, rng, rng.int(20, d.lastDay - 20), 20, d.lastDay - 20);
    const candidates = d
      .teamResidents(doc.team)
      .filter((r) => !d.touchedResidents.has(r.id) && d.presentOn(r, day));
    const chosen = rng.shuffle([...candidates]).slice(0, MIN_SERVICES + rng.int(0, 25));
    if (chosen.length < MIN_SERVICES) continue;
    d.touchedDoctors.add(doc.id);
    const start = d.cal.at(day, 17 * 60 * MINUTE_MS);
    const commandIds = chosen.map((r, k) => {
      d.touchedResidents.add(r.id);
      const command = service(d, rng, r, day, doc.id, `${r.id}-x-workload`);
      const t = Math.max(start + k * MINUTE_MS + rng.int(0, 59) * 1000, notBefore(r, day));
      d.parts[r.part].push(Math.min(t, d.capMs), command);
      return command.commandId;
    });
    d.plant({ pattern: 'workload', subject: { kind: 'doctor', id: doc.id }, commandIds });
  }
}
