/* The lineage drawer: the residents behind one number, paged, with the reason and the events for each. */
/* global window, document -- a browser script, loaded by index.html */
(function () {
  'use strict';

  const PAGE_SIZE = 20;
  const { t, tOr, pick } = window.I18n;
  const $ = (id) => document.getElementById(id);

  /** What the drawer shows; null while closed. */
  let current = null;
  let deps = null;

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function evidenceCell(evidence) {
    const td = document.createElement('td');
    if (!evidence.length) {
      td.textContent = '—';
      return td;
    }
    const list = document.createElement('div');
    list.className = 'evidence';
    for (const ref of evidence) {
      const chip = document.createElement('span');
      chip.className = 'chip';
      chip.textContent = `${tOr(`event_${ref.type}`, ref.type)} #${ref.position} ${ref.hash.slice(0, 8)}`;
      chip.title = `${ref.type} · ${ref.hash}\noccurredAt ${ref.occurredAt} · recordedAt ${ref.recordedAt}`;
      list.appendChild(chip);
    }
    td.appendChild(list);
    return td;
  }

  function entryRow(entry) {
    const tr = document.createElement('tr');
    // A unit-level indicator's entries are slots of the unit's figure (a month's lecture, a case), not residents.
    if (entry.residentId) tr.dataset.resident = entry.residentId;
    else tr.dataset.slot = entry.slot;
    const judged = entry.contractId || entry.recordId;
    tr.appendChild(cell(judged ? `${entry.residentId} (${judged})` : entry.residentId || entry.slot, 'mono'));
    const unit = cell(current.data.names?.units?.[entry.unitId] ?? deps.unitName(entry.unitId), 'unit');
    unit.title = entry.unitId;
    tr.appendChild(unit);
    const result = cell(entry.counted ? t('counted') : t('notCounted'), entry.counted ? 'status status-met' : 'status status-behind');
    tr.appendChild(result);
    tr.appendChild(cell(entry.reason ? pick(entry.reason) : '—', 'reason'));
    tr.appendChild(evidenceCell(entry.evidence));
    return tr;
  }

  function render() {
    if (!current) return;
    const { def, unitName, period, data, filter, page } = current;
    $('lineage-title').textContent = t('lineageTitle', { name: window.I18n.indicatorName(def) });
    $('lineage-sub').textContent = t('lineageSub', { unit: unitName, period });
    for (const tab of document.querySelectorAll('#lineage .tabs button')) tab.setAttribute('aria-selected', String(tab.dataset.filter === filter));
    const body = $('lineage-table').tBodies[0];
    body.replaceChildren();
    if (!data) return;
    $('lineage-counts').textContent = t('lineageCounts', { counted: data.counted, notCounted: data.notCounted });
    for (const entry of data.entries) body.appendChild(entryRow(entry));
    $('lineage-empty').hidden = data.entries.length > 0;
    const total = filter === 'counted' ? data.counted : filter === 'not_counted' ? data.notCounted : data.counted + data.notCounted;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    $('lineage-page').textContent = t('pageOf', { page: page + 1, pages });
    $('lineage-prev').disabled = page <= 0;
    $('lineage-next').disabled = page + 1 >= pages;
  }

  async function load() {
    const asked = current;
    const params = { period: asked.period, unit: asked.unitId, asOf: asked.asOf, filter: asked.filter, page: asked.page, pageSize: PAGE_SIZE };
    try {
      const data = await deps.request(`rates/${encodeURIComponent(asked.def.id)}/lineage`, params);
      if (current !== asked) return;
      current.data = data;
      render();
    } catch {
      // The app has shown the refusal; the drawer keeps what it had.
    }
  }

  /** Opens the drawer for one indicator of one unit. */
  function open(def, unit, period, asOf) {
    current = { def, unitId: unit.unitId, unitName: unit.name, period, asOf, filter: 'all', page: 0, data: null };
    $('lineage').hidden = false;
    render();
    return load();
  }

  function close() {
    current = null;
    $('lineage').hidden = true;
  }

  function change(update) {
    if (!current) return;
    current = { ...current, ...update };
    render();
    load();
  }

  /** deps: request(path, params) that reports refusals, unitName(unitId). */
  function init(dependencies) {
    deps = dependencies;
    $('lineage-close').addEventListener('click', close);
    $('lineage-prev').addEventListener('click', () => change({ page: Math.max(0, current.page - 1) }));
    $('lineage-next').addEventListener('click', () => change({ page: current.page + 1 }));
    for (const tab of document.querySelectorAll('#lineage .tabs button')) tab.addEventListener('click', () => change({ filter: tab.dataset.filter, page: 0 }));
    document.addEventListener('keydown', (event) => event.key === 'Escape' && close());
  }

  window.Lineage = { init, open, close, render, get isOpen() { return current !== null; } };
})();
