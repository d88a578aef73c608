/* The dashboard: asks for a key, then shows what that key may see, live. */
/* global window, document, location, sessionStorage, URLSearchParams, Option, requestAnimationFrame, MutationObserver -- a browser script, loaded by index.html */
(function () {
  'use strict';

  const { t, tOr, pick, indicatorName } = window.I18n;
  const { ApiError } = window.LedgerApi;
  const $ = (id) => document.getElementById(id);
  const KEY_STORAGE = 'ledger.key';
  const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  /** A year the link asks for (?period=2024); otherwise the board opens on the latest year with records. */
  const LINKED_PERIOD = Number(new URLSearchParams(location.search).get('period')) || null;
  const RATES_PANELS = ['indicators-card', 'units-card', 'pace-card'];

  const state = {
    key: sessionStorage.getItem(KEY_STORAGE),
    period: LINKED_PERIOD ?? Number(chinaToday().slice(0, 4)),
    /** The years with service records in the key's scope, newest first (GET /api/v1/years). */
    years: [],
    /** What the key may do (GET /api/v1/me): the page asks only for what it may read. */
    permissions: new Set(),
    /** Whether the year shown was picked as the latest with records, not by the reader or the link. */
    openedOnLatest: false,
    asOf: '',
    /** From the scope's root down to the unit shown: [{unitId, name}]. */
    trail: [],
    indicatorId: null,
    view: null,
    progress: null,
    live: null,
    liveState: 'off',
    /** The refusal on show, kept as {zh, en} so a language switch re-renders it. */
    notice: null,
    /** The login's error, kept as {zh, en} too. */
    loginError: null,
    /** Bumped on every navigation, so late answers about an earlier unit are dropped. */
    generation: 0,
  };

  // ---- formatting -------------------------------------------------------------------------

  // Per-mille indicators (severe mental disorders detected: 4.2‰) keep two decimals of a percent.
  const formatRate = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1)}%`);
  const formatTarget = (target) => (target === null || target === undefined ? '—' : `${target < 0.01 ? Math.round(target * 10000) / 100 : Math.round(target * 1000) / 10}%`);
  const formatNumber = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString(window.I18n.lang === 'en' ? 'en-US' : 'zh-CN'));

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function statusCell(status) {
    const td = document.createElement('td');
    const chip = document.createElement('span');
    chip.className = `status status-${status}`;
    chip.textContent = t(`status_${status}`);
    td.appendChild(chip);
    return td;
  }

  /** Rows that act on a click act on Enter or Space too, and take the focus. */
  function activatable(tr, action) {
    tr.tabIndex = 0;
    tr.addEventListener('click', action);
    tr.addEventListener('keydown', (event) => {
      if (event.target !== tr || (event.key !== 'Enter' && event.key !== ' ')) return;
      event.preventDefault();
      action();
    });
  }

  const may = (permission) => state.permissions.has(permission);
  const catalog = () => state.view?.catalog.indicators ?? [];
  const definition = (id) => catalog().find((d) => d.id === id);
  const rowOf = (unitId, indicatorId) => state.view?.rows.find((r) => r.unitId === unitId && r.indicatorId === indicatorId);
  const currentUnit = () => state.view?.unit;

  function unitName(unitId) {
    return state.view?.rows.find((r) => r.unitId === unitId)?.unitName ?? state.trail.find((u) => u.unitId === unitId)?.name ?? unitId;
  }

  /** Marks panels as waiting for an answer, or done. */
  function setBusy(ids, busy) {
    for (const id of ids) {
      $(id).setAttribute('aria-busy', String(busy));
      $(id).dataset.loading = t('loading');
    }
  }

  // ---- requests and refusals --------------------------------------------------------------

  function showNotice(message) {
    state.notice = message;
    $('notice').hidden = !message;
    $('notice').textContent = message ? pick(message) : '';
  }

  /** A keyed GET; a bad key brings the login back, a refusal is shown, and both are rethrown. */
  async function request(path, params) {
    try {
      return await window.LedgerApi.get(state.key, path, params);
    } catch (error) {
      handleRefusal(error);
      throw error;
    }
  }

  const failure = (status) => ({ zh: `请求失败（${status}）`, en: `request failed (${status})` });

  function handleRefusal(error) {
    if (error instanceof ApiError && error.status === 401) showLogin(error.body?.message ?? failure(401));
    else if (error instanceof ApiError) showNotice(error.body?.message ?? failure(error.status));
    else showNotice(window.I18n.both('loginFailed'));
  }

  // ---- login ------------------------------------------------------------------------------

  function showLogin(message) {
    stopLive();
    state.key = null;
    state.view = null;
    state.permissions = new Set();
    state.years = [];
    state.trail = [];
    state.asOf = '';
    sessionStorage.removeItem(KEY_STORAGE);
    window.Lineage.close();
    window.Alerts.reset();
    window.Funds.reset();
    $('board').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    state.loginError = message ?? null;
    renderLive();
    renderLoginError();
    $('key').focus();
  }

  function renderLoginError() {
    $('login-error').hidden = !state.loginError;
    $('login-error').textContent = state.loginError ? pick(state.loginError) : '';
  }

  async function signIn(event) {
    event.preventDefault();
    const key = $('key').value.trim();
    if (!key) return;
    let me;
    try {
      me = await window.LedgerApi.get(key, 'me');
    } catch (error) {
      // Only a bad key or no server keeps the login; any other refusal is shown on the board.
      if (!(error instanceof ApiError) || error.status === 401) {
        state.loginError = error instanceof ApiError ? (error.body?.message ?? failure(error.status)) : window.I18n.both('loginFailed');
        renderLoginError();
        return;
      }
    }
    state.key = key;
    sessionStorage.setItem(KEY_STORAGE, key);
    $('key').value = '';
    state.loginError = null;
    start(me);
  }

  function logout() {
    state.indicatorId = null;
    showLogin(null);
  }

  // ---- navigation -------------------------------------------------------------------------

  /**
   * Opens the board on the year the link names, else the latest with records in the key's scope.
   * `me`: the key's actor, if already asked.
   */
  async function start(me) {
    $('login').hidden = true;
    $('board').hidden = false;
    $('logout').hidden = false;
    state.trail = [];
    setBusy([...RATES_PANELS, 'progress-card'], true);
    let actor = me;
    let years;
    try {
      [actor, years] = await Promise.all([actor ?? request('me'), request('years')]);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
    }
    state.permissions = new Set(actor?.permissions ?? []);
    state.years = years?.years ?? [];
    state.openedOnLatest = !LINKED_PERIOD && state.years.length > 0;
    // Without records in scope there is nothing better than the current year.
    state.period = LINKED_PERIOD ?? state.years[0] ?? Number(chinaToday().slice(0, 4));
    navigate(undefined);
  }

  /**
   * Shows a unit (undefined: the root of the key's scope) for a period and an as-of date:
   * figures, progress, then the live feed. A refusal leaves the page as it was, controls
   * included, with the reason shown.
   */
  async function navigate(unitId, { period = state.period, asOf = state.asOf } = {}) {
    const generation = (state.generation += 1);
    showNotice(null);
    setBusy(RATES_PANELS, true);
    let view;
    try {
      view = await request('rates', { period, unit: unitId, asOf });
    } catch {
      if (generation !== state.generation) return;
      setBusy(RATES_PANELS, false);
      if (state.view) keepShowing(generation);
      return;
    }
    if (generation !== state.generation) return;
    stopLive();
    setBusy(RATES_PANELS, false);
    setBusy(['progress-card'], true);
    if (period !== state.period) state.openedOnLatest = false;
    state.period = period;
    state.asOf = asOf;
    setLiveState(asOf ? 'off' : 'connecting');
    placeInTrail(view.unit);
    showView(view);
    loadProgress(generation);
    // Panels the key may not read are not asked for: no refusal to show, none in the console.
    if (may('audit:read')) window.Alerts.load({ key: state.key, period, unitId: view.unit.unitId });
    if (may('funds:read')) window.Funds.load({ key: state.key, period, unitId: view.unit.unitId });
    if (!asOf) startLive(generation);
  }

  /** After a refused navigation: the controls back to what is shown, and its live feed resumed. */
  function keepShowing(generation) {
    renderToolbar();
    stopLive();
    if (!state.asOf) {
      setLiveState('connecting');
      startLive(generation);
    }
  }

  function placeInTrail(unit) {
    const at = state.trail.findIndex((u) => u.unitId === unit.unitId);
    if (at >= 0) state.trail = state.trail.slice(0, at + 1);
    else state.trail.push({ unitId: unit.unitId, name: unit.name });
    state.trail[state.trail.length - 1].name = unit.name;
  }

  async function loadProgress(generation) {
    try {
      const progress = await request('progress', { period: state.period, unit: currentUnit().unitId });
      if (generation !== state.generation) return;
      state.progress = progress;
      renderProgress();
    } catch {
      // Shown as a notice.
    }
    if (generation === state.generation) setBusy(['progress-card'], false);
  }

  // ---- live feed --------------------------------------------------------------------------

  function setLiveState(live) {
    state.liveState = live;
    renderLive();
  }

  function startLive(generation) {
    const unitId = currentUnit().unitId;
    let lastPosition = state.view.position;
    state.live = window.LedgerApi.follow(state.key, { period: state.period, unit: unitId }, {
      onState: (live) => generation === state.generation && setLiveState(live),
      onRates: (view) => {
        if (generation !== state.generation) return;
        showView(view);
        // Today's checkpoint can move too; earlier ones are fixed, so this stays cheap.
        if (view.position !== lastPosition) loadProgress(generation);
        lastPosition = view.position;
      },
      onAlert: () => generation === state.generation && window.Alerts.refresh(),
      onRefused: (error) => {
        if (generation !== state.generation) return;
        setLiveState('stopped');
        handleRefusal(error);
      },
    });
  }

  function stopLive() {
    state.live?.stop();
    state.live = null;
    state.liveState = 'off';
  }

  // ---- rendering --------------------------------------------------------------------------

  function showView(view) {
    state.view = view;
    const ids = view.catalog.indicators.map((d) => d.id);
    if (!ids.includes(state.indicatorId)) {
      const withData = view.catalog.indicators.find((d) => (rowOf(view.unit.unitId, d.id)?.denominator ?? 0) > 0);
      state.indicatorId = (withData ?? view.catalog.indicators[0])?.id ?? null;
    }
    renderAll();
  }

  function renderAll() {
    window.I18n.applyStatic();
    for (const el of document.querySelectorAll('[aria-busy]')) el.dataset.loading = t('loading');
    renderLive();
    renderLoginError();
    showNotice(state.notice);
    if (!state.view) return;
    renderToolbar();
    renderMeta();
    renderIndicators();
    renderChildren();
    renderProgress();
    renderPace();
    window.Lineage.render();
    window.Alerts.render();
    window.Funds.render();
  }

  function renderLive() {
    const el = $('live');
    const labels = { connected: 'liveConnected', connecting: 'liveConnecting', reconnecting: 'liveReconnecting', stopped: 'liveStopped', off: 'liveOff' };
    el.dataset.state = state.liveState;
    el.className = `live live-${state.liveState}`;
    // "Not live" is worth saying only on an as-of view; before sign-in the badge stays empty.
    el.textContent = state.liveState !== 'off' || (state.view && state.asOf) ? t(labels[state.liveState]) : '';
  }

  function renderToolbar() {
    const crumbs = $('breadcrumb');
    crumbs.replaceChildren();
    state.trail.forEach((unit, i) => {
      const li = document.createElement('li');
      if (i < state.trail.length - 1) {
        const link = document.createElement('button');
        link.type = 'button';
        link.className = 'link-button';
        link.textContent = unit.name;
        link.addEventListener('click', () => navigate(unit.unitId));
        li.appendChild(link);
      } else {
        li.textContent = unit.name;
        li.className = 'current';
        const kind = document.createElement('span');
        kind.className = 'kind';
        kind.textContent = tOr(`kind_${currentUnit().kind}`, currentUnit().kind);
        li.appendChild(kind);
      }
      crumbs.appendChild(li);
    });
    $('up').hidden = state.trail.length < 2;
    renderPeriods();
    $('as-of').value = state.asOf;
    $('as-of').max = chinaToday();
    $('as-of-clear').hidden = !state.asOf;
  }

  function renderPeriods() {
    const select = $('period');
    const thisYear = Number(chinaToday().slice(0, 4));
    const years = new Set([state.period, ...state.years]);
    for (let y = thisYear; y >= thisYear - 5; y -= 1) years.add(y);
    const sorted = [...years].sort((a, b) => b - a);
    if (select.options.length !== sorted.length || [...select.options].some((o, i) => Number(o.value) !== sorted[i])) {
      select.replaceChildren(...sorted.map((y) => new Option(String(y), String(y))));
    }
    select.value = String(state.period);
  }

  function renderMeta() {
    const note = state.openedOnLatest ? 'yearLatest' : state.years.includes(state.period) ? 'yearShown' : 'yearNoRecords';
    $('year-note').textContent = t(note, { year: state.period });
    const v = state.view;
    const parts = [t('meta', { day: v.day, position: v.position })];
    if (v.asOf) parts.push(t('metaAsOf', { asOf: state.asOf || v.asOf }));
    $('meta').textContent = parts.join(' · ');
  }

  function renderIndicators() {
    const body = $('indicators').tBodies[0];
    body.replaceChildren();
    const unitId = currentUnit().unitId;
    let category = null;
    for (const def of catalog()) {
      const row = rowOf(unitId, def.id);
      if (!row) continue;
      // Indicators grouped under their service category, as the plans and bulletins list them.
      if (def.category && def.category !== category) {
        category = def.category;
        const head = document.createElement('tr');
        head.className = 'group';
        head.dataset.category = def.category;
        const th = document.createElement('th');
        th.colSpan = 7;
        th.scope = 'colgroup';
        th.textContent = window.I18n.lang === 'en' ? def.categoryEn : def.categoryZh;
        head.appendChild(th);
        body.appendChild(head);
      }
      const tr = document.createElement('tr');
      tr.dataset.indicator = def.id;
      tr.className = def.id === state.indicatorId ? 'selectable selected' : 'selectable';
      activatable(tr, () => selectIndicator(def.id));
      tr.appendChild(cell(indicatorName(def), 'name'));
      // A count (supervision reports) has no denominator and no rate: the count is its figure.
      const isCount = def.denominator === 'count';
      tr.appendChild(cell(isCount ? formatNumber(row.numerator) : `${formatNumber(row.numerator)} / ${formatNumber(row.denominator)}`, 'num fraction'));
      tr.appendChild(cell(isCount ? '—' : formatRate(row.rate), 'num rate'));
      tr.appendChild(cell(formatTarget(row.target), 'num target'));
      tr.appendChild(cell(row.gap === null ? '—' : formatNumber(row.gap), 'num gap'));
      tr.appendChild(statusCell(row.status));
      const trace = document.createElement('td');
      // Lineage names residents: only a key that may read their records is offered it.
      if (may('residents:read')) trace.appendChild(traceButton(def));
      tr.appendChild(trace);
      body.appendChild(tr);
    }
  }

  function traceButton(def) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button trace';
    button.textContent = t('trace');
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      window.Lineage.open(def, currentUnit(), state.period, state.asOf);
    });
    return button;
  }

  function selectIndicator(id) {
    state.indicatorId = id;
    renderIndicators();
    renderChildren();
    renderProgress();
  }

  function childFigures() {
    return state.view.children.map((unitId) => {
      const row = rowOf(unitId, state.indicatorId);
      return { unitId, name: unitName(unitId), rate: row?.rate ?? null, numerator: row?.numerator ?? 0, denominator: row?.denominator ?? 0, status: row?.status ?? 'no_data' };
    });
  }

  function renderChildren() {
    const def = definition(state.indicatorId);
    $('units-title').textContent = t('unitsTitle', { name: indicatorName(def) });
    const units = childFigures();
    // A unit without sub-units has no comparison to draw: its progress takes the whole row.
    const hasChildren = units.length > 0;
    const layoutChanged = $('units-card').hidden === hasChildren;
    $('units-card').hidden = !hasChildren;
    $('progress-card').classList.toggle('wide', !hasChildren);
    const body = $('children').tBodies[0];
    body.replaceChildren();
    for (const u of units) {
      const tr = document.createElement('tr');
      tr.dataset.unit = u.unitId;
      tr.className = 'selectable';
      tr.title = t('drillHint');
      activatable(tr, () => navigate(u.unitId));
      const name = cell(u.name, 'name');
      name.title = `${u.unitId} · ${t('drillHint')}`;
      tr.appendChild(name);
      tr.appendChild(cell(def && def.denominator === 'count' ? formatNumber(u.numerator) : `${formatNumber(u.numerator)} / ${formatNumber(u.denominator)}`, 'num fraction'));
      tr.appendChild(cell(formatRate(u.rate), 'num rate'));
      tr.appendChild(statusCell(u.status));
      body.appendChild(tr);
    }
    const direct = hasChildren ? directShare(units) : null;
    if (direct) body.appendChild(directRow(direct, def));
    if (layoutChanged) requestAnimationFrame(() => window.LedgerCharts.resizeAll());
    if (hasChildren) {
      window.LedgerCharts.renderUnits($('unit-chart'), units, rowOf(currentUnit().unitId, state.indicatorId)?.target ?? def?.target, { rate: t('rate'), target: t('target') }, navigate);
    }
  }

  /**
   * What the unit counts beyond its sub-units (residents registered at the unit itself, targets
   * assigned at it and not passed down): its figure minus theirs, or null when they add up.
   */
  function directShare(units) {
    const own = rowOf(currentUnit().unitId, state.indicatorId);
    if (!own) return null;
    const numerator = own.numerator - units.reduce((sum, u) => sum + u.numerator, 0);
    const denominator = own.denominator - units.reduce((sum, u) => sum + u.denominator, 0);
    if (numerator === 0 && denominator === 0) return null;
    return { numerator, denominator, rate: denominator > 0 && numerator >= 0 ? numerator / denominator : null };
  }

  function directRow(direct, def) {
    const tr = document.createElement('tr');
    tr.dataset.unit = 'direct';
    tr.className = 'direct';
    tr.title = t('directHint');
    const name = cell(t('directRow'), 'name');
    const help = document.createElement('abbr');
    help.className = 'help';
    help.title = t('directHint');
    help.textContent = '?';
    name.appendChild(help);
    tr.appendChild(name);
    tr.appendChild(cell(def && def.denominator === 'count' ? formatNumber(direct.numerator) : `${formatNumber(direct.numerator)} / ${formatNumber(direct.denominator)}`, 'num fraction'));
    tr.appendChild(cell(formatRate(direct.rate), 'num rate'));
    tr.appendChild(cell(''));
    return tr;
  }

  function renderProgress() {
    const def = definition(state.indicatorId);
    $('progress-title').textContent = t('progressTitle', { name: indicatorName(def) });
    if (!state.progress || !def) return;
    const target = rowOf(currentUnit().unitId, def.id)?.target ?? (typeof def.target === 'number' ? def.target : null);
    window.LedgerCharts.renderProgress($('progress-chart'), state.progress.checkpoints, def.id, target, { rate: t('rate'), target: t('target'), empty: t('progressEmpty') });
  }

  function renderPace() {
    const body = $('pace').tBodies[0];
    body.replaceChildren();
    for (const p of state.view.pace) {
      const tr = document.createElement('tr');
      tr.dataset.indicator = p.indicatorId;
      tr.appendChild(cell(indicatorName(definition(p.indicatorId)) || p.indicatorId, 'name'));
      tr.appendChild(cell(formatNumber(p.task), 'num'));
      tr.appendChild(cell(formatNumber(p.done), 'num'));
      tr.appendChild(cell(formatNumber(p.open), p.open > 0 ? 'num open' : 'num'));
      tr.appendChild(cell(formatNumber(p.daysLeft), 'num'));
      // Past the deadline there is no pace left to keep, only what stayed open.
      tr.appendChild(cell(p.daysLeft > 0 ? formatNumber(p.perDay) : '—', 'num per-day'));
      tr.appendChild(cell(p.deadline, 'date'));
      body.appendChild(tr);
    }
    if (!state.view.pace.length) {
      const tr = document.createElement('tr');
      const td = cell(t('noPace'), 'empty');
      td.colSpan = 7;
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  /**
   * Each cell carries its column's heading (data-label), which a phone shows above the figure
   * when a row is laid out as a card. Rows spanning the table (a category, "no task") have none.
   */
  function labelColumns(table) {
    const heads = [...table.tHead.rows[0].cells].map((th) => th.textContent.trim());
    for (const tr of table.tBodies[0].rows) {
      if (tr.cells.length !== heads.length) continue;
      [...tr.cells].forEach((td, i) => {
        td.dataset.label = heads[i];
      });
    }
  }

  // ---- wiring -----------------------------------------------------------------------------

  function wire() {
    for (const table of document.querySelectorAll('table.data')) new MutationObserver(() => labelColumns(table)).observe(table.tBodies[0], { childList: true });
    $('login-form').addEventListener('submit', signIn);
    $('logout').addEventListener('click', logout);
    $('lang').addEventListener('click', () => {
      window.I18n.setLanguage(window.I18n.lang === 'zh' ? 'en' : 'zh');
      renderAll();
    });
    $('up').addEventListener('click', () => state.trail.length > 1 && navigate(state.trail[state.trail.length - 2].unitId));
    $('period').addEventListener('change', (event) => navigate(currentUnit()?.unitId, { period: Number(event.target.value) }));
    $('as-of').addEventListener('change', (event) => navigate(currentUnit()?.unitId, { asOf: event.target.value }));
    $('as-of-clear').addEventListener('click', () => navigate(currentUnit()?.unitId, { asOf: '' }));
    window.Lineage.init({ request, unitName });
    window.App = { unitName };
    window.Alerts.init();
    window.Funds.init();
  }

  wire();
  window.I18n.applyStatic();
  if (state.key) start();
  else showLogin(null);
})();
