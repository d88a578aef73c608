/* Labels of the dashboard in Chinese (the default) and English. Indicator names come from the catalog. */
/* global window, document, localStorage -- a browser script, loaded by index.html */
(function () {
  'use strict';

  const MESSAGES = {
    zh: {
      title: '基本公共卫生服务进度台账',
      switchTo: 'English',
      logout: '退出',
      loginTitle: '请输入访问密钥',
      keyLabel: '访问密钥',
      keyHint: '密钥只保存在当前标签页中，关闭后需重新输入。',
      signIn: '登录',
      loginFailed: '无法连接服务器，请稍后重试',
      unit: '机构',
      backToParent: '返回上级',
      period: '年度',
      asOf: '截至日期',
      clear: '清除',
      indicatorsTitle: '指标完成情况',
      colIndicator: '指标',
      colFraction: '完成数/应管数',
      colRate: '完成率',
      colTarget: '目标',
      colGap: '差额',
      colStatus: '状态',
      colLineage: '溯源',
      colUnit: '机构',
      colTask: '任务数',
      colDone: '已完成',
      colOpen: '未完成',
      colDaysLeft: '剩余天数',
      colPerDay: '每日需完成',
      colDeadline: '截止日期',
      colResident: '居民编号',
      colResult: '结果',
      colReason: '原因',
      colEvidence: '证据事件',
      trace: '查看',
      unitsTitle: '各下级机构：{name}',
      progressTitle: '旬进度：{name}',
      progressHint: '每旬（10日、20日、月末）按当时已入账的数据计算。',
      progressEmpty: '各旬点尚无已入账数据',
      target: '目标',
      rate: '完成率',
      paceTitle: '进度要求（至年底）',
      noPace: '当前机构没有可计算的任务',
      close: '关闭',
      filterAll: '全部',
      filterCounted: '已计入',
      filterNotCounted: '未计入',
      counted: '计入',
      notCounted: '未计入',
      lineageTitle: '指标溯源：{name}',
      lineageSub: '{unit} · {period} 年',
      lineageCounts: '计入 {counted} 人，未计入 {notCounted} 人',
      noEntries: '没有记录',
      prev: '上一页',
      next: '下一页',
      pageOf: '第 {page} / {pages} 页',
      meta: '统计日 {day} · 账本位置 #{position}',
      metaAsOf: '按 {asOf} 时已入账的数据',
      liveConnected: '实时更新中',
      liveConnecting: '正在连接…',
      liveReconnecting: '连接中断，正在重连…',
      liveStopped: '实时更新已停止',
      liveOff: '历史视图，不实时更新',
      drillHint: '点击柱形或行进入下级机构',
      status_met: '已达标',
      status_behind: '未达标',
      status_no_target: '无目标',
      status_no_data: '无数据',
      kind_province: '省',
      kind_city: '市',
      kind_district: '区（县）',
      kind_street: '街道',
      kind_community_centre: '社区卫生服务中心',
      kind_township_centre: '乡镇卫生院',
      kind_station: '社区卫生服务站',
      kind_village_clinic: '村卫生室',
      kind_team: '家庭医生团队',
      event_CheckupRecorded: '健康体检',
      event_TcmAssessmentRecorded: '中医体质辨识',
      event_ContractSigned: '签约',
      event_ContractRenewed: '续约',
      event_ContractTerminated: '解约',
      event_ChronicCareEnrolled: '纳入慢病管理',
      event_FollowUpRecorded: '随访',
      event_RecordCorrected: '更正',
      event_RecordVoided: '作废',
      event_ResidentRegistered: '居民登记',
      event_ResidentReassigned: '居民转管',
      event_ResidentTagsUpdated: '人群标签变更',
      event_ResidentDied: '死亡',
      event_ResidentMovedOut: '迁出',
      event_TargetsAssigned: '任务下达',
    },
    en: {
      title: 'Public-health progress ledger',
      switchTo: '中文',
      logout: 'Log out',
      loginTitle: 'Enter your access key',
      keyLabel: 'Access key',
      keyHint: 'The key is kept in this tab only; you will be asked again after closing it.',
      signIn: 'Sign in',
      loginFailed: 'Cannot reach the server; please try again',
      unit: 'Unit',
      backToParent: 'Back to parent',
      period: 'Year',
      asOf: 'As of',
      clear: 'Clear',
      indicatorsTitle: 'Indicators against targets',
      colIndicator: 'Indicator',
      colFraction: 'Done / base',
      colRate: 'Rate',
      colTarget: 'Target',
      colGap: 'Short by',
      colStatus: 'Status',
      colLineage: 'Lineage',
      colUnit: 'Unit',
      colTask: 'Task',
      colDone: 'Done',
      colOpen: 'Open',
      colDaysLeft: 'Days left',
      colPerDay: 'Per day',
      colDeadline: 'Deadline',
      colResident: 'Resident',
      colResult: 'Result',
      colReason: 'Reason',
      colEvidence: 'Evidence',
      trace: 'Trace',
      unitsTitle: 'By sub-unit: {name}',
      progressTitle: 'Progress at 10-day checkpoints: {name}',
      progressHint: 'Each checkpoint (10th, 20th, month end) uses what the ledger had recorded by then.',
      progressEmpty: 'Nothing was recorded yet at the checkpoints',
      target: 'Target',
      rate: 'Rate',
      paceTitle: 'Pace to year end',
      noPace: 'No task to pace for this unit',
      close: 'Close',
      filterAll: 'All',
      filterCounted: 'Counted',
      filterNotCounted: 'Not counted',
      counted: 'Counted',
      notCounted: 'Not counted',
      lineageTitle: 'Lineage: {name}',
      lineageSub: '{unit} · {period}',
      lineageCounts: '{counted} counted, {notCounted} not counted',
      noEntries: 'No entries',
      prev: 'Previous',
      next: 'Next',
      pageOf: 'Page {page} of {pages}',
      meta: 'Figures for {day} · ledger position #{position}',
      metaAsOf: 'As recorded by {asOf}',
      liveConnected: 'Live',
      liveConnecting: 'Connecting…',
      liveReconnecting: 'Disconnected, reconnecting…',
      liveStopped: 'Live updates stopped',
      liveOff: 'As-of view, not live',
      drillHint: 'Click a bar or a row to open a sub-unit',
      status_met: 'Met',
      status_behind: 'Behind',
      status_no_target: 'No target',
      status_no_data: 'No data',
      kind_province: 'Province',
      kind_city: 'City',
      kind_district: 'District',
      kind_street: 'Street',
      kind_community_centre: 'Community health centre',
      kind_township_centre: 'Township health centre',
      kind_station: 'Community health station',
      kind_village_clinic: 'Village clinic',
      kind_team: 'Family doctor team',
      event_CheckupRecorded: 'Checkup',
      event_TcmAssessmentRecorded: 'TCM assessment',
      event_ContractSigned: 'Contract signed',
      event_ContractRenewed: 'Contract renewed',
      event_ContractTerminated: 'Contract terminated',
      event_ChronicCareEnrolled: 'Chronic care enrolment',
      event_FollowUpRecorded: 'Follow-up',
      event_RecordCorrected: 'Correction',
      event_RecordVoided: 'Voided',
      event_ResidentRegistered: 'Registration',
      event_ResidentReassigned: 'Reassignment',
      event_ResidentTagsUpdated: 'Tags changed',
      event_ResidentDied: 'Death',
      event_ResidentMovedOut: 'Moved out',
      event_TargetsAssigned: 'Targets assigned',
    },
  };

  const STORAGE_KEY = 'ledger.lang';
  let lang = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';

  /** A label in the current language, with {name} placeholders filled from `vars`. */
  function t(key, vars) {
    const text = MESSAGES[lang][key] ?? MESSAGES.zh[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? '')) : text;
  }

  /** A label that may be missing (event types, unit kinds): the raw value then. */
  function tOr(key, fallback) {
    return MESSAGES[lang][key] ?? fallback;
  }

  /** Picks the text of a {zh, en} pair, as the API sends reasons and errors. */
  function pick(pair) {
    if (!pair) return '';
    if (typeof pair === 'string') return pair;
    return (lang === 'en' ? pair.en : pair.zh) ?? pair.en ?? pair.zh ?? '';
  }

  /** A label in both languages, for messages kept across a language switch. */
  function both(key) {
    return { zh: MESSAGES.zh[key], en: MESSAGES.en[key] };
  }

  function indicatorName(def) {
    return def ? (lang === 'en' ? def.nameEn : def.nameZh) : '';
  }

  /** Fills every element marked data-i18n and the page's own language attributes. */
  function applyStatic() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = t('title');
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    const toggle = document.getElementById('lang');
    toggle.textContent = t('switchTo');
    toggle.lang = lang === 'en' ? 'zh-CN' : 'en';
  }

  function setLanguage(next) {
    lang = next === 'en' ? 'en' : 'zh';
    localStorage.setItem(STORAGE_KEY, lang);
    applyStatic();
  }

  window.I18n = { t, tOr, pick, both, indicatorName, applyStatic, setLanguage, get lang() { return lang; } };
})();
