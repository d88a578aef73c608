/* The funds panel: per unit, what was allocated, received, paid out, earned by performance and is left; shown only to keys that may read funds. */
/* global window, document, fetch, URL, URLSearchParams -- a browser script, loaded by index.html */
(function () {
  'use strict';

  const { t } = window.I18n;
  const $ = (id) => document.getElementById(id);
  let state = null;

  /** Money is integer fen in the ledger; people read yuan. */
  const yuan = (fen) =>
    (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  async function load({ key, period, unitId }) {
    state = { key, period, unitId, rows: null };
    // Shown as waiting only once it is on show: a key that may not read funds never sees the panel.
    $('funds-card').setAttribute('aria-busy', 'true');
    $('funds-card').dataset.loading = t('loading');
    try {
      const body = await window.LedgerApi.get(key, 'funds', { year: period, unit: unitId });
      if (state?.key === key && state.unitId === unitId) state.rows = body.rows;
    } catch {
      // No funds:read for this key (403) or no fund records: the panel stays hidden.
      if (state) state.rows = null;
    }
    $('funds-card').setAttribute('aria-busy', 'false');
    render();
  }

  function render() {
    const card = $('funds-card');
    card.hidden = !state?.rows;
    if (!state?.rows) return;
    $('funds-title').textContent = t('fundsTitle', { year: state.period });
    const body = $('funds-table').tBodies[0];
    body.replaceChildren();
    for (const r of state.rows) {
      const tr = document.createElement('tr');
      tr.append(
        cell(window.App?.unitName?.(r.unitId) ?? r.unitId, 'name'),
        cell(yuan(r.allocatedFen), 'num'),
        cell(yuan(r.receivedFen), 'num'),
        cell(yuan(r.disbursedFen), 'num'),
        cell(yuan(r.earnedFen), 'num'),
        cell(yuan(r.recoveredFen), 'num'),
        cell(yuan(r.balanceFen), 'num'),
        cell(String(r.late.length), r.late.length ? 'num warn' : 'num'),
      );
      body.append(tr);
    }
    $('funds-empty').hidden = state.rows.length > 0;
  }

  /** The xlsx needs the key, so it is fetched and handed to the browser as a file. */
  async function download() {
    if (!state) return;
    const q = new URLSearchParams({ year: String(state.period), unit: state.unitId });
    const response = await fetch(`/api/v1/funds/export?${q}`, {
      headers: { authorization: `Bearer ${state.key}` },
    });
    if (!response.ok) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `funds-${state.unitId}-${state.period}.xlsx`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  function reset() {
    state = null;
    render();
  }

  function init() {
    $('funds-export').addEventListener('click', () => void download());
  }

  window.Funds = { init, load, render, reset };
})();
