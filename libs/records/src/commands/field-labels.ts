/**
 * The Chinese label of each command field, in one place: validation messages put it beside the
 * field's identifier ("收缩压 systolic"), and the Excel templates use it as the column header.
 * A field without a label here is shown by its identifier alone.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  type: '命令类型',
  commandId: '命令编号',
  occurredAt: '发生时间',
  expectedRevision: '预期版本',
  residentId: '居民编号',
  recordId: '记录编号',
  doctorId: '责任医生',
  unitId: '管理机构',
  teamId: '团队',
  householdId: '家庭编号',
  birthDate: '出生日期',
  sex: '性别',
  tags: '重点人群',
  healthRecord: '健康档案形式',
  healthRecordComplete: '档案是否完整',
  healthRecordOpenedOn: '建档日期',
  motherId: '母亲居民编号',
  deliveryRecordId: '分娩记录编号',
  condition: '慢病类型',
  mode: '随访方式',
  systolic: '收缩压',
  diastolic: '舒张压',
  fastingGlucose: '空腹血糖',
  weightKg: '体重',
  heightCm: '身高',
  referral: '是否转诊',
  kind: '类别',
  complete: '是否完整',
  vitals: '生命体征',
  contractId: '签约协议编号',
  start: '开始日期',
  end: '结束日期',
  household: '家庭签约',
  servicePackage: '服务包',
  name: '名称',
  parentId: '上级机构',
  reason: '原因',
  destination: '去向',
  newEnd: '新结束日期',
  constitution: '体质类型',
  guidanceGiven: '是否健康指导',
  form: '档案形式',
  period: '年度',
  asOf: '截至时间',
  asOfBasis: '截至时间依据',
  format: '格式',
  page: '页码',
  filter: '筛选',
  indicator: '指标',
};

/**
 * The Chinese words for closed vocabularies, per field (only fields whose values mean the same
 * in every command; `kind` does not): what a clerk picks from an Excel
 * dropdown and what messages show beside the identifier (门诊 face_to_face_clinic).
 */
export const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sex: { male: '男', female: '女' },
  condition: { hypertension: '高血压', diabetes: '糖尿病' },
  mode: { face_to_face_clinic: '门诊', face_to_face_home: '家庭', phone: '电话' },
  tags: {
    hypertension: '高血压',
    diabetes: '糖尿病',
    pregnant: '孕产妇',
    severe_mental_disorder: '严重精神障碍',
    tuberculosis: '肺结核',
    disabled: '残疾人',
    poverty_alleviated: '脱贫人口',
    special_family: '计划生育特殊家庭',
    low_income: '低收入人群',
  },
  healthRecord: { electronic: '电子', paper: '纸质' },
};

/** "收缩压 systolic", or the identifier alone when it has no label. */
export function labelledField(field: string): string {
  const last = field.split('.').pop() ?? field;
  const label = FIELD_LABELS[last];
  return label ? `${label} ${field}` : field;
}
