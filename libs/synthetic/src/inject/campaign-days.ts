import { workday } from '../story';
import type { Random } from '../random';
import {
  type District,
  type DoctorFacts,
  type ResidentFacts,
  MINUTE_MS,
  choose,
  notBefore,
  service,
} from './district';

/** Residents a doctor checks on a centre's checkup day: many times the usual two or three. */
const CAMPAIGN_LOAD: readonly [number, number] = [18, 26];
/** The subtle workload case: about twice the colleagues that day, still under capacity (60). */
const STANDOUT_LOAD: readonly [number, number] = [50, 58];
/** Home visits beyond a day's travel (the detector allows 15), under the clinic capacity. */
const HOME_VISITS: readonly [number, number] = [16, 19];
const FOLLOW_UP_SPACING_DAYS = 15;

/**
 * Honest elderly checkup days (定期设立老年人体检日): in about one centre in six (at least one),
 * on one working day, every free doctor of the centre sees 18–26 residents of their teams. Each
 * such doctor is a **decoy** of `workload`: a detector that names one takes a campaign for
 * fabrication. When `workload` is planted too, two subtle variants join them: one doctor of a
 * campaign centre sees about twice the colleagues' number that day (still under the clinic
 * capacity), and a few doctors record 16–19 home visits in one day (under the clinic capacity,
 * beyond a day's travel).
 */
export function injectCampaignDays(
  d: District,
  rng: Random,
  workload: { rate: number } | null,
): void {
  const centres = rng.shuffle(d.centres.map((_, part) => part));
  const wanted = Math.max(1, Math.round(centres.length / 6));
  let held = 0;
  let standoutPlanted = !workload;
  for (const part of centres) {
    if (held >= wanted) break;
    const doctors = [...d.doctors.values()].filter(
      (doc) => doc.part === part && !d.touchedDoctors.has(doc.id),
    );
    const day = workday(d.cal, rng, rng.int(30, d.lastDay - 30), 30, d.lastDay - 30);
    // The standout is the doctor whose team has the most residents to call in that day.
    const room = new Map(doctors.map((doc) => [doc, candidates(d, doc, day).length]));
    const standout =
      standoutPlanted || doctors.length === 0
        ? null
        : doctors.reduce((best, doc) => (room.get(doc)! > room.get(best)! ? doc : best));
    // Who takes part, and whom each sees, is settled first: a campaign is held only where at
    // least four doctors of the centre take part, as a centre-wide day would have it.
    const taken = new Set<string>();
    const plan = doctors.flatMap((doc) => {
      const load = doc === standout ? rng.int(...STANDOUT_LOAD) : rng.int(...CAMPAIGN_LOAD);
      const chosen = pickResidents(d, rng, doc, day, load, (r) => !taken.has(r.id));
      if (chosen.length < load) return [];
      for (const r of chosen) taken.add(r.id);
      return [{ doc, chosen }];
    });
    if (plan.length < 4) continue;
    held += 1;
    for (const { doc, chosen } of plan) {
      const commandIds = serve(d, rng, doc, day, chosen, 'campaign', 'face_to_face_clinic');
      if (doc === standout) {
        standoutPlanted = true;
        d.plant({
          pattern: 'workload',
          subject: { kind: 'doctor', id: doc.id },
          commandIds,
          subtle: 'twice the colleagues on a centre checkup day, under capacity',
        });
      } else {
        d.plant({
          pattern: 'workload',
          subject: { kind: 'doctor', id: doc.id },
          commandIds,
          decoy: 'centre checkup day: every doctor of the centre many times the usual',
        });
      }
    }
  }
  if (workload) injectHomeVisits(d, rng, workload.rate);
}

function injectHomeVisits(d: District, rng: Random, rate: number): void {
  const eligible = [...d.doctors.values()].filter((doc) => !d.touchedDoctors.has(doc.id));
  for (const doc of choose(rng, eligible, rate)) {
    const day = workday(d.cal, rng, rng.int(30, d.lastDay - 30), 30, d.lastDay - 30);
    const visits = rng.int(...HOME_VISITS);
    // Enrolled patients due a follow-up: each added record is then a home follow-up.
    const due = (r: ResidentFacts) => {
      const condition = d.enrolledBefore(r, day);
      return (
        condition !== null &&
        r.followUpDays[condition].every((f) => Math.abs(f - day) > FOLLOW_UP_SPACING_DAYS)
      );
    };
    const chosen = pickResidents(d, rng, doc, day, visits, due);
    if (chosen.length < visits) continue;
    const commandIds = serve(d, rng, doc, day, chosen, 'home', 'face_to_face_home');
    d.plant({
      pattern: 'workload',
      subject: { kind: 'doctor', id: doc.id },
      commandIds,
      subtle: 'home visits beyond a day of travel, under the clinic capacity',
    });
  }
}

/** Residents of the doctor's team free for a new record that day, in a stable order. */
function candidates(
  d: District,
  doc: DoctorFacts,
  day: number,
  wanted: (r: ResidentFacts) => boolean = () => true,
): ResidentFacts[] {
  // Residents already in the team's care (signed or served): a checkup day calls them in, and
  // those no one has seen stay for the patterns that need them (signing without service).
  return d
    .teamResidents(doc.team)
    .filter(
      (r) =>
        !d.touchedResidents.has(r.id) &&
        !r.fixed &&
        (r.services > 0 || r.contracts > 0) &&
        d.presentOn(r, day) &&
        wanted(r),
    );
}

function pickResidents(
  d: District,
  rng: Random,
  doc: DoctorFacts,
  day: number,
  n: number,
  wanted: (r: ResidentFacts) => boolean,
): ResidentFacts[] {
  return rng.shuffle(candidates(d, doc, day, wanted)).slice(0, n);
}

/** Records the services through the working day (entered as they happen: no back-dating). */
function serve(
  d: District,
  rng: Random,
  doc: DoctorFacts,
  day: number,
  residents: ResidentFacts[],
  tag: string,
  mode: 'face_to_face_clinic' | 'face_to_face_home',
): string[] {
  d.touchedDoctors.add(doc.id);
  const start = d.cal.at(day, 8 * 60 * MINUTE_MS);
  const step = Math.floor((9 * 60 * MINUTE_MS) / Math.max(1, residents.length));
  return residents.map((r, k) => {
    d.touchedResidents.add(r.id);
    const command = service(d, rng, r, day, doc.id, `${r.id}-x-${tag}`, mode);
    const t = Math.max(start + k * step + rng.int(0, 59) * 1000, notBefore(r, day));
    d.parts[r.part].push(Math.min(t, d.capMs), command);
    return command.commandId;
  });
}
