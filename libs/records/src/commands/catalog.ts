// class-transformer's @Type() reads design-time type metadata.
import 'reflect-metadata';
import type { Action } from './action';
import { assignTargets } from '../assign-targets/assign-targets.action';
import { closeOrgUnit } from '../close-org-unit/close-org-unit.action';
import { correctRecord } from '../correct-record/correct-record.action';
import { enrollChronicCare } from '../enroll-chronic-care/enroll-chronic-care.action';
import { moveOrgUnit } from '../move-org-unit/move-org-unit.action';
import { reassignResident } from '../reassign-resident/reassign-resident.action';
import { recordCheckup } from '../record-checkup/record-checkup.action';
import { recordFollowUp } from '../record-follow-up/record-follow-up.action';
import { recordResidentDeath } from '../record-resident-death/record-resident-death.action';
import { recordResidentMovedOut } from '../record-resident-moved-out/record-resident-moved-out.action';
import { recordTcmAssessment } from '../record-tcm-assessment/record-tcm-assessment.action';
import { openHealthRecord } from '../open-health-record/open-health-record.action';
import { reviewHealthRecord } from '../review-health-record/review-health-record.action';
import { registerMentalDisorderPatient } from '../register-mental-disorder-patient/register-mental-disorder-patient.action';
import { recordMentalHealthFollowUp } from '../record-mental-health-follow-up/record-mental-health-follow-up.action';
import { recordChildTcmGuidance } from '../record-child-tcm-guidance/record-child-tcm-guidance.action';
import { registerTuberculosisPatient } from '../register-tuberculosis-patient/register-tuberculosis-patient.action';
import { recordTbFirstVisit } from '../record-tb-first-visit/record-tb-first-visit.action';
import { recordTbMedication } from '../record-tb-medication/record-tb-medication.action';
import { recordTbFollowUp } from '../record-tb-follow-up/record-tb-follow-up.action';
import { recordTbTreatmentEnd } from '../record-tb-treatment-end/record-tb-treatment-end.action';
import { recordNewbornVisit } from '../record-newborn-visit/record-newborn-visit.action';
import { recordChildCheckup } from '../record-child-checkup/record-child-checkup.action';
import { issueVaccinationCertificate } from '../issue-vaccination-certificate/issue-vaccination-certificate.action';
import { recordVaccineDose } from '../record-vaccine-dose/record-vaccine-dose.action';
import { registerPregnancy } from '../register-pregnancy/register-pregnancy.action';
import { recordAntenatalCheck } from '../record-antenatal-check/record-antenatal-check.action';
import { recordDelivery } from '../record-delivery/record-delivery.action';
import { recordPostpartumVisit } from '../record-postpartum-visit/record-postpartum-visit.action';
import { recordPostpartumCheck } from '../record-postpartum-check/record-postpartum-check.action';
import { recordHealthEducationActivity } from '../record-health-education-activity/record-health-education-activity.action';
import { recordInfectiousDiseaseCase } from '../record-infectious-disease-case/record-infectious-disease-case.action';
import { recordHealthSupervisionReport } from '../record-health-supervision-report/record-health-supervision-report.action';
import { registerDoctor } from '../register-doctor/register-doctor.action';
import { registerOrgUnit } from '../register-org-unit/register-org-unit.action';
import { registerResident } from '../register-resident/register-resident.action';
import { correctResidentIdentity } from '../correct-resident-identity/correct-resident-identity.action';
import { eraseResidentIdentity } from '../erase-resident-identity/erase-resident-identity.action';
import { renameOrgUnit } from '../rename-org-unit/rename-org-unit.action';
import { renewContract } from '../renew-contract/renew-contract.action';
import { signContract } from '../sign-contract/sign-contract.action';
import { terminateContract } from '../terminate-contract/terminate-contract.action';
import { updateResidentTags } from '../update-resident-tags/update-resident-tags.action';
import { voidRecord } from '../void-record/void-record.action';

/** Every command the ledger accepts, by its `type`. HTTP, import and seed all go through here. */
export const ACTIONS: readonly Action[] = [
  registerOrgUnit,
  renameOrgUnit,
  moveOrgUnit,
  closeOrgUnit,
  registerDoctor,
  registerResident,
  correctResidentIdentity,
  eraseResidentIdentity,
  updateResidentTags,
  reassignResident,
  recordResidentMovedOut,
  recordResidentDeath,
  assignTargets,
  signContract,
  renewContract,
  terminateContract,
  recordCheckup,
  recordTcmAssessment,
  openHealthRecord,
  reviewHealthRecord,
  registerMentalDisorderPatient,
  recordMentalHealthFollowUp,
  recordChildTcmGuidance,
  registerTuberculosisPatient,
  recordTbFirstVisit,
  recordTbMedication,
  recordTbFollowUp,
  recordTbTreatmentEnd,
  recordNewbornVisit,
  recordChildCheckup,
  issueVaccinationCertificate,
  recordVaccineDose,
  registerPregnancy,
  recordAntenatalCheck,
  recordDelivery,
  recordPostpartumVisit,
  recordPostpartumCheck,
  recordHealthEducationActivity,
  recordInfectiousDiseaseCase,
  recordHealthSupervisionReport,
  enrollChronicCare,
  recordFollowUp,
  correctRecord,
  voidRecord,
];

export const ACTIONS_BY_TYPE: ReadonlyMap<string, Action> = new Map(
  ACTIONS.map((a) => [a.type, a]),
);
export const COMMAND_TYPES = ACTIONS.map((a) => a.type);
