import type { AlertDraft } from '../alert';
import type { PlantedCase } from '../planted';
import { eventsByCommand, parsePlanted, scoreDetections, scorePasses } from './score';

const alert = (detector: AlertDraft['detector'], kind: AlertDraft['subject']['kind'], id: string) =>
  ({
    detector,
    subject: { kind, id },
    period: 2024,
    score: 1,
    severity: 'high',
    explanation: { zh: '', en: '' },
    evidence: ['e1'],
  }) as AlertDraft;
const planted = (
  pattern: PlantedCase['pattern'],
  kind: PlantedCase['subject']['kind'],
  id: string,
): PlantedCase => ({ pattern, subject: { kind, id }, period: 2024, commandIds: [id] });

const one = (scores: ReturnType<typeof scoreDetections>, d: string) =>
  scores.find((s) => s.detector === d)!;

describe('scoreDetections', () => {
  it('counts found, false and missed subjects per detector', () => {
    const scores = scoreDetections(
      [
        alert('workload', 'doctor', 'd1'),
        alert('workload', 'doctor', 'd1'),
        alert('workload', 'doctor', 'd9'),
        alert('after-death', 'resident', 'r1'),
      ],
      [
        planted('workload', 'doctor', 'd1'),
        planted('workload', 'doctor', 'd2'),
        planted('after-death', 'resident', 'r1'),
      ],
      new Map(),
    );
    expect(one(scores, 'workload')).toMatchObject({
      planted: 2,
      alerts: 3,
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      precision: 0.5,
      recall: 0.5,
      falsePositiveSubjects: ['doctor:d9'],
      falseNegativeSubjects: ['doctor:d2'],
    });
    expect(one(scores, 'after-death')).toMatchObject({ precision: 1, recall: 1 });
    expect(one(scores, 'backdating')).toMatchObject({
      planted: 0,
      alerts: 0,
      precision: null,
      recall: null,
    });
  });

  it('keeps decoys out of the truth, names the ones alerted on, and fails on any', () => {
    const decoy = (id: string): PlantedCase => ({
      ...planted('workload', 'doctor', id),
      decoy: 'centre checkup day',
    });
    const subtle: PlantedCase = { ...planted('workload', 'doctor', 's1'), subtle: 'standout' };
    const scores = scoreDetections(
      [
        alert('workload', 'doctor', 'd1'),
        alert('workload', 'doctor', 's1'),
        alert('workload', 'doctor', 'c2'),
      ],
      [planted('workload', 'doctor', 'd1'), subtle, decoy('c1'), decoy('c2'), decoy('c3')],
      new Map(),
    );
    const workload = one(scores, 'workload');
    expect(workload).toMatchObject({
      planted: 2,
      truePositives: 2,
      falsePositives: 1,
      decoys: 3,
      decoyHits: ['doctor:c2'],
      subtle: { planted: 1, found: 1 },
    });
    expect(scorePasses(workload, 0.6)).toBe(false);
    expect(scorePasses({ ...workload, decoyHits: [] }, 0.6)).toBe(true);
  });

  it('matches only the same detector and the same subject kind', () => {
    const scores = scoreDetections(
      [alert('after-move', 'resident', 'r1'), alert('workload', 'team', 'd1')],
      [planted('after-death', 'resident', 'r1'), planted('workload', 'doctor', 'd1')],
      new Map(),
    );
    expect(one(scores, 'after-death')).toMatchObject({ truePositives: 0, falseNegatives: 1 });
    expect(one(scores, 'after-move')).toMatchObject({ falsePositives: 1, precision: 0 });
    expect(one(scores, 'workload')).toMatchObject({ truePositives: 0, falsePositives: 1 });
  });

  it('translates planted report commandIds into the event ids the detector names', () => {
    const map = eventsByCommand([
      { commandId: null, eventId: 'x' },
      { commandId: 'cmd-report-1', eventId: 'ev-7' },
      { commandId: 'cmd-report-1', eventId: 'ev-8' },
    ]);
    expect(map.get('cmd-report-1')).toBe('ev-7');
    const scores = scoreDetections(
      [alert('over-claim', 'report', 'ev-7')],
      [planted('over-claim', 'report', 'cmd-report-1')],
      map,
    );
    expect(one(scores, 'over-claim')).toMatchObject({ truePositives: 1, precision: 1, recall: 1 });
  });

  it('passes a detector at 0.9 and one with nothing planted', () => {
    const [s] = scoreDetections(
      [alert('workload', 'doctor', 'd1')],
      [planted('workload', 'doctor', 'd1'), planted('workload', 'doctor', 'd2')],
      new Map(),
      ['workload'],
    );
    expect(scorePasses(s)).toBe(false);
    expect(scorePasses({ ...s, recall: 0.9 })).toBe(true);
    expect(scorePasses({ ...s, planted: 0 })).toBe(true);
  });
});

describe('parsePlanted', () => {
  it('reads JSON lines and refuses what is not a case', () => {
    const c = planted('workload', 'doctor', 'd1');
    expect(parsePlanted(`${JSON.stringify(c)}\n\n`)).toEqual([c]);
    expect(() => parsePlanted('{"x":1}')).toThrow(/line 1/);
  });
});
