/** The patterns the detectors look for; the synthetic district can plant each of them. */
export const DETECTORS = [
  'after-death',
  'after-move',
  'follow-up-burst',
  'workload',
  'copied-vitals',
  'digit-preference',
  'backdating',
  'sign-without-service',
  'over-claim',
  'benford-funds',
  'fund-pre-disbursement',
  'village-clinic-share',
  'places',
  'impossible-sequence',
  'duplicate-registration',
  'duplicate-household',
] as const;
export type DetectorId = (typeof DETECTORS)[number];

export type SubjectKind = 'doctor' | 'team' | 'unit' | 'resident' | 'report';

/**
 * What a detector produces: never a bare score. `evidence` lists the ids of the events a
 * supervisor opens to check the claim; an alert without evidence is a bug.
 */
export interface AlertDraft {
  detector: DetectorId;
  subject: { kind: SubjectKind; id: string };
  /** The evaluation year the evidence belongs to. */
  period: number;
  /** Detector-specific strength (documented per detector); higher is more suspicious. */
  score: number;
  severity: 'low' | 'medium' | 'high';
  explanation: { zh: string; en: string };
  evidence: string[];
}

/** De-duplication: the same detector, subject and evidence is the same alert. */
export function alertKey(a: Pick<AlertDraft, 'detector' | 'subject' | 'evidence'>): string {
  return `${a.detector}|${a.subject.kind}:${a.subject.id}|${[...a.evidence].sort().join(',')}`;
}
