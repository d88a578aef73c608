import { workday } from '../story';
import type { Random } from '../random';
import { type District, MINUTE_MS, choose, notBefore, service } from './district';

/**
 * places (subject: the doctor). On one working day the doctor records a few services for the
 * own team's residents and, the same day, 3–6 for residents of another centre, across the
 * district, where the doctor is not registered. Subtle on purpose: every record is ordinary, the
 * day's total is small; only the places do not fit.
 */
export function injectPlaces(d: District, rng: Random, rate: number): void {
  const eligible = [...d.doctors.values()].filter((doc) => !d.touchedDoctors.has(doc.id));
  for (const doc of choose(rng, eligible, rate)) {
    const otherParts = d.centres.map((_, part) => part).filter((part) => part !== doc.part);
    if (otherParts.length === 0) continue;
    const elsewhere = rng.pick(otherParts);
    const day = workday(d.cal, rng, rng.int(30, d.lastDay - 30), 30, d.lastDay - 30);
    const free = (part: number) =>
      [...d.residents.values()].filter(
        (r) =>
          r.part === part &&
          !d.touchedResidents.has(r.id) &&
          !r.fixed &&
          (r.services > 0 || r.contracts > 0) &&
          d.presentOn(r, day),
      );
    const own = rng
      .shuffle(free(doc.part).filter((r) => r.team.teamId === doc.team.teamId))
      .slice(0, rng.int(2, 4));
    const away = rng.shuffle(free(elsewhere)).slice(0, rng.int(3, 6));
    if (own.length < 2 || away.length < 3) continue;
    d.touchedDoctors.add(doc.id);
    const start = d.cal.at(day, 9 * 60 * MINUTE_MS);
    const commandIds = [...own, ...away].map((r, k) => {
      d.touchedResidents.add(r.id);
      const command = service(d, rng, r, day, doc.id, `${r.id}-x-places`);
      const t = Math.max(start + k * 40 * MINUTE_MS + rng.int(0, 59) * 1000, notBefore(r, day));
      d.parts[r.part].push(Math.min(t, d.capMs), command);
      return command.commandId;
    });
    d.plant({ pattern: 'places', subject: { kind: 'doctor', id: doc.id }, commandIds });
  }
}
