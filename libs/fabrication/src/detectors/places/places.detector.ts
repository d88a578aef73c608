/**
 * places — one doctor, one day, residents of different centres' catchments, when the doctor
 * belonged to only one of those centres that day. A doctor works where they are registered; a
 * day that also serves residents of a centre across the district is a day at two places, which a
 * supervisor knows as records typed in for another centre's residents (or lent credentials).
 *
 * A doctor-day counts live face-to-face records (phone follow-ups excluded) in the period. Each
 * resident's centre is the centre of the resident's unit (the unit just below the top of the
 * tree); the doctor's centre is that of the unit the doctor belonged to on the day
 * (DoctorRegistered / DoctorAssigned). Alert when the day spans at least two centres and at least
 * `minOutside` residents belong to a centre the doctor was not registered at.
 *
 * Subject: the doctor. Evidence: the records of the residents outside the doctor's centre.
 * Score: how many such residents. Severity: high with `highOutside` or more, or three centres or
 * more in one day; otherwise medium.
 *
 * Not judged: a resident reassigned between centres during the year is placed by the latest unit.
 */
import type { AlertDraft } from '../../alert';
import {
  evidenceOf,
  type DetectionInput,
  type Detector,
  type LedgerView,
  type ServiceRecord,
  centreOf,
  isFaceToFace,
  withDefaults,
} from '../../detection-input';

const DEFAULTS = { minOutside: 2, highOutside: 5 };
type Params = typeof DEFAULTS;

/** The centre of the unit a doctor belonged to on a day (memberships are in log order). */
function doctorCentreOn(view: LedgerView, doctorId: string, day: string): string | null {
  let unit: string | null = null;
  for (const m of view.doctors.get(doctorId) ?? []) if (m.from <= day) unit = m.unitId;
  return centreOf(unit, view);
}

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const view = input.view;
  const days = new Map<string, ServiceRecord[]>();
  for (const r of view.records) {
    if (r.voided || !r.doctorId || !isFaceToFace(r) || r.year !== input.period) continue;
    const key = `${r.doctorId}|${r.day}`;
    const list = days.get(key);
    if (list) list.push(r);
    else days.set(key, [r]);
  }
  const alerts: AlertDraft[] = [];
  for (const records of days.values()) {
    const { doctorId, day } = records[0] as ServiceRecord & { doctorId: string };
    const own = doctorCentreOn(view, doctorId, day);
    if (!own) continue;
    const byCentre = new Map<string, ServiceRecord[]>();
    for (const r of records) {
      const centre = centreOf(view.residents.get(r.residentId)?.unitId ?? null, view);
      if (!centre) continue;
      const list = byCentre.get(centre);
      if (list) list.push(r);
      else byCentre.set(centre, [r]);
    }
    if (byCentre.size < 2) continue;
    const outside = [...byCentre].filter(([centre]) => centre !== own);
    const residents = new Set(outside.flatMap(([, rs]) => rs.map((r) => r.residentId)));
    if (residents.size < p.minOutside) continue;
    const where = outside.map(
      ([centre, rs]) => `${centre} ${new Set(rs.map((r) => r.residentId)).size}`,
    );
    alerts.push({
      detector: 'places',
      subject: { kind: 'doctor', id: doctorId },
      period: input.period,
      score: residents.size,
      severity: residents.size >= p.highOutside || byCentre.size >= 3 ? 'high' : 'medium',
      explanation: {
        zh: `${day} 当天除本人所属的 ${own} 外，还为其他中心辖区的 ${residents.size} 名居民提供面对面服务（${where.join('，')}），而该医生当日未在这些中心登记`,
        en: `on ${day}, besides ${own} where the doctor is registered, face-to-face services for ${residents.size} residents of other centres' catchments (${where.join(', ')}), where the doctor was not registered that day`,
      },
      evidence: outside.flatMap(([, rs]) => rs.flatMap(evidenceOf)),
    });
  }
  return alerts;
}

export const placesDetector: Detector<Params> = {
  id: 'places',
  description: {
    zh: '同一医生同一天为多个中心辖区的居民提供面对面服务，而当天并未在这些中心登记',
    en: "one doctor serving residents of several centres' catchments face to face on one day, without being registered at them",
  },
  params: DEFAULTS,
  detect,
};
