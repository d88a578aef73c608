/* The alerts panel: fabrication alerts of the scope by unit and severity; one opens its evidence, the resident's timeline and the supervisor's actions. */
/* global window, document, fetch -- a browser script, loaded by index.html */
(function () {
  'use strict';

  const { t, tOr, pick, chinaTime } = window.I18n;
  const $ = (id) => document.getElementById(id);
  const ACTIONS = [
    ['AcknowledgeAlert', 'alertAcknowledge'],
    ['ConfirmAlert', 'alertConfirm'],
    ['DismissAlert', 'alertDismiss'],
  ];

  /** What the panel shows: the key and period asked with, the list, the alert opened. */
  let scope = null;
  let list = null;
  let opened = null;
  let message = null;

  const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function chip(text, className) {
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    return span;
  }

  /** A unit by name (the API names those its answer mentions), its code kept for the hover. */
  const unitLabel = (unitId, names) => names?.units?.[unitId] ?? window.App?.unitName?.(unitId) ?? unitId;
  const actorLabel = (actorId, names) => names?.actors?.[actorId] ?? actorId;
  /** A doctor by the name registered (王医生); one registered without a name, by code. */
  const doctorName = (doctorId, names) => names?.doctors?.[doctorId];
  const subjectName = (s, names) => (s.kind === 'unit' ? unitLabel(s.id, names) : s.kind === 'doctor' ? doctorName(s.id, names) ?? s.id : s.id);
  const subjectText = (s, names) => `${tOr(`subject_${s.kind}`, s.kind)} ${subjectName(s, names)}`;

  function named(text, code, className) {
    const td = cell(text, className);
    if (text !== code) td.title = code;
    return td;
  }

  /** The few fields a reader needs to tell one record from another, in words; the rest stays in the ledger. */
  function details(data, names) {
    const parts = [];
    if (typeof data.complete === 'boolean') parts.push(t(data.complete ? 'detailComplete' : 'detailIncomplete'));
    if (data.systolic && data.diastolic) parts.push(t('detailBloodPressure', data));
    if (data.sex) parts.push(tOr(`sex_${data.sex}`, data.sex));
    if (data.birthDate) parts.push(t('detailBorn', { date: chinaTime(data.birthDate) }));
    if (data.unitId) parts.push(t('detailUnit', { unit: unitLabel(data.unitId, names) }));
    if (data.doctorId) {
      const name = doctorName(data.doctorId, names);
      parts.push(name ? t('detailDoctorNamed', { doctor: name }) : t('detailDoctor', { doctor: data.doctorId }));
    }
    if (data.reason) parts.push(t('detailReason', { reason: pick(data.reason) }));
    if (!parts.length) return '';
    return window.I18n.lang === 'en' ? ` (${parts.join(', ')})` : `（${parts.join('，')}）`;
  }

  /** One event as a sentence: what happened on which day, then who put it in the ledger and when. */
  function eventItem(e, evidence, names) {
    const li = document.createElement('li');
    li.dataset.event = e.eventId;
    if (evidence.has(e.eventId)) li.className = 'evidence-row';
    if (e.missing) {
      li.textContent = t('eventMissing', { eventId: e.eventId });
      return li;
    }
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = t('eventLine', { occurred: chinaTime(e.occurredAt, true), event: tOr(`event_${e.type}`, e.type), details: details(e.data ?? {}, names) });
    // A doctor shown by name keeps the code for the hover.
    if (e.data?.doctorId && doctorName(e.data.doctorId, names)) what.title = t('detailDoctor', { doctor: e.data.doctorId });
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = t('eventRecorded', { actor: actorLabel(e.actor, names), recorded: chinaTime(e.recordedAt), position: e.position });
    who.title = `${e.actor} · ${e.recordedAt} · ${e.eventId}`;
    li.append(what, who);
    if (evidence.has(e.eventId)) li.prepend(chip(t('eventEvidence'), 'evidence-chip'));
    return li;
  }

  async function post(body) {
    const response = await fetch('/api/v1/commands', {
      method: 'POST',
      headers: { authorization: `Bearer ${scope.key}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = await response.json().catch(() => null);
    if (!response.ok) throw new window.LedgerApi.ApiError(response.status, reply);
    return reply;
  }

  function renderList() {
    const card = $('alerts-card');
    card.hidden = !list;
    if (!list) return;
    $('alerts-counts').textContent = t('alertsCounts', {
      total: list.total,
      high: list.bySeverity.high ?? 0,
      medium: list.bySeverity.medium ?? 0,
      low: list.bySeverity.low ?? 0,
    });
    const body = $('alerts-table').tBodies[0];
    body.replaceChildren();
    for (const a of list.alerts) {
      const tr = document.createElement('tr');
      tr.dataset.alert = a.alertId;
      tr.className = 'selectable';
      tr.tabIndex = 0;
      tr.addEventListener('click', () => open(a.alertId));
      tr.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') open(a.alertId);
      });
      const sev = document.createElement('td');
      sev.appendChild(chip(t(`severity_${a.severity}`), `severity severity-${a.severity}`));
      tr.appendChild(sev);
      tr.appendChild(named(unitLabel(a.unitId, list.names), a.unitId, 'name unit'));
      tr.appendChild(cell(tOr(`detector_${a.detector}`, a.detector)));
      tr.appendChild(named(subjectText(a.subject, list.names), a.subject.id, 'subject'));
      tr.appendChild(cell(pick(a.explanation), 'reason'));
      tr.appendChild(cell(String(a.evidence.length), 'num'));
      const status = document.createElement('td');
      status.appendChild(chip(t(`alertStatus_${a.status}`), `alert-status alert-status-${a.status}`));
      tr.appendChild(status);
      body.appendChild(tr);
    }
    $('alerts-empty').hidden = list.alerts.length > 0;
  }

  function renderOpened() {
    $('alert-drawer').hidden = !opened;
    if (!opened) return;
    const a = opened;
    $('alert-title').textContent = `${tOr(`detector_${a.detector}`, a.detector)} · ${subjectText(a.subject, a.names)}`;
    // The subject by name, its code for the hover.
    $('alert-title').title = subjectName(a.subject, a.names) === a.subject.id ? '' : a.subject.id;
    $('alert-sub').textContent = t('alertSub', { unit: unitLabel(a.unitId, a.names), period: a.period, score: a.score, severity: t(`severity_${a.severity}`), status: t(`alertStatus_${a.status}`) });
    $('alert-explanation').textContent = pick(a.explanation);
    $('alert-status').textContent = t(`alertStatus_${a.status}`);
    $('alert-status').className = `alert-status alert-status-${a.status}`;
    const evidence = new Set(a.evidence);
    // Every event of this list is evidence; the timeline marks the ones that are.
    $('alert-evidence').replaceChildren(...a.evidenceEvents.map((e) => eventItem(e, new Set(), a.names)));
    $('alert-timeline-section').hidden = !a.timeline;
    if (a.timeline) $('alert-timeline').replaceChildren(...a.timeline.map((e) => eventItem(e, evidence, a.names)));
    const actions = $('alert-actions');
    actions.replaceChildren(
      ...a.actions.map((x) => {
        const li = document.createElement('li');
        li.textContent = t('actionLine', { action: t(`action_${x.type}`), actor: actorLabel(x.actor, a.names), time: chinaTime(x.recordedAt), reason: x.reason });
        return li;
      }),
    );
    const final = a.status === 'confirmed' || a.status === 'dismissed';
    for (const [type, label] of ACTIONS) {
      const button = $(`alert-${type}`);
      button.textContent = t(label);
      button.disabled = final || (type === 'AcknowledgeAlert' && a.status === 'acknowledged');
    }
    $('alert-message').hidden = !message;
    $('alert-message').textContent = message ? pick(message) : '';
  }

  function render() {
    renderList();
    renderOpened();
  }

  /** Lists the alerts of a unit's subtree for a period; a key that may not read alerts sees no panel. */
  async function load(next) {
    if (next) scope = next;
    if (!scope) return;
    const asked = scope;
    busy(true);
    try {
      const data = await window.LedgerApi.get(asked.key, 'alerts', { period: asked.period, unit: asked.unitId, severity: $('alerts-severity').value, status: $('alerts-status').value });
      if (scope !== asked) return;
      list = data;
    } catch {
      if (scope !== asked) return;
      list = null;
    }
    busy(false);
    renderList();
  }

  /** The panel, once shown, says it is waiting for the next list. */
  function busy(on) {
    $('alerts-card').setAttribute('aria-busy', String(on));
    $('alerts-card').dataset.loading = t('loading');
  }

  async function open(alertId, note = null) {
    message = note;
    try {
      opened = await window.LedgerApi.get(scope.key, `alerts/${encodeURIComponent(alertId)}`);
    } catch (error) {
      opened = null;
      message = error.body?.message ?? null;
    }
    renderOpened();
  }

  async function act(type) {
    if (!opened) return;
    const reason = window.prompt(t('alertReasonPrompt'));
    if (reason === null) return;
    let note = null;
    try {
      await post({ type, commandId: `${type}-${opened.alertId}-${Date.now()}`, alertId: opened.alertId, reason, occurredAt: chinaToday() });
    } catch (error) {
      note = error.body?.message ?? { zh: `请求失败（${error.status}）`, en: `request failed (${error.status})` };
    }
    // The refusal (a blank reason, an alert already closed) stays on show with the fresh alert.
    await open(opened.alertId, note);
    await load();
  }

  function close() {
    opened = null;
    message = null;
    renderOpened();
  }

  function reset() {
    scope = null;
    list = null;
    close();
    renderList();
  }

  function init() {
    $('alert-close').addEventListener('click', close);
    for (const [type] of ACTIONS) $(`alert-${type}`).addEventListener('click', () => act(type));
    $('alerts-severity').addEventListener('change', () => load());
    $('alerts-status').addEventListener('change', () => load());
    document.addEventListener('keydown', (event) => event.key === 'Escape' && close());
  }

  window.Alerts = { init, load, render, reset, refresh: () => load() };
})();
