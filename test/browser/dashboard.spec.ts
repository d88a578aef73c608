import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemClock } from '@libs/ledger';
import { alertId } from '@libs/fabrication/alerts/alert-id';
import { ALERT_ACTIONS_BY_TYPE } from '@libs/fabrication/alerts/alerts-catalog';
import { raiseDraft } from '@libs/fabrication/alerts/raise-draft';
import { startApi, type RunningApi } from '../support/api-app';
import { chromiumPath, collectPageErrors, launchChromium, screenshot } from './chromium';
import {
  CENTRE_A,
  CENTRE_B,
  DISTRICT,
  DOCTOR_NAMES,
  YEAR,
  arrangeDistrict,
  commandSender,
} from './district';

const executable = chromiumPath();
if (!executable) {
  console.warn(
    `dashboard browser tests skipped: no Chromium at ${process.env.LEDGER_CHROMIUM || '/usr/bin/chromium'} (install Debian's chromium or set LEDGER_CHROMIUM)`,
  );
}
const describeWithBrowser = executable ? describe : describe.skip;

const EHM = 'elderly_health_management';
const BAD_KEY = `phl_0123456789abcdef_${'x'.repeat(43)}`;

const exactly = (text: string) =>
  new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Waits until an element matching `selector` has exactly the text `text`. */
function waitForText(page: Page, selector: string, text: string, timeout = 10_000) {
  return page
    .locator(selector, { hasText: exactly(text) })
    .first()
    .waitFor({ timeout });
}

/** Waits until an element matching `selector` contains `text`. */
function waitForTextContaining(page: Page, selector: string, text: string) {
  return page.locator(selector, { hasText: text }).first().waitFor();
}

const textOf = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

describeWithBrowser('the dashboard in headless Chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    api = await startApi();
    await arrangeDistrict(api);
    browser = await launchChromium(executable!);
  });

  afterAll(async () => {
    // The browser first, so its live connections are gone before the server stops.
    await browser?.close();
    await api?.close();
  });

  async function openDashboard(
    width = 1440,
  ): Promise<{ page: Page; errors: string[]; refused: string[] }> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    // Every answer of 400 or more the page caused, the favicon's included.
    const refused: string[] = [];
    page.on('response', (r) => r.status() >= 400 && refused.push(`${r.status()} ${r.url()}`));
    await page.goto(`${api.base}/`);
    await page.locator('#login').waitFor({ state: 'visible' });
    return { page, errors, refused };
  }

  async function signIn(page: Page, key: string): Promise<void> {
    await page.fill('#key', key);
    await page.click('#login-form button[type=submit]');
  }

  /** Signs in and waits for the figures of the fixture's year (the latest with records) and the live feed. */
  async function showYear(
    page: Page,
    key: string,
    firstFigure: { selector: string; text: string },
  ): Promise<void> {
    await signIn(page, key);
    await page.locator('#board').waitFor({ state: 'visible' });
    await waitForText(page, firstFigure.selector, firstFigure.text);
    expect(await page.inputValue('#period')).toBe(String(YEAR));
    await page.locator('#live[data-state="connected"]').waitFor();
  }

  it('opens on the latest year with records, says so, and shows a waiting panel as loading', async () => {
    const { page, errors } = await openDashboard();
    // The year's progress held back, as a first progress can take seconds on a large district.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/progress?*', async (route) => {
      await held;
      await route.continue();
    });
    await signIn(page, api.rootKey);
    const progress = page.locator('#progress-card');
    await page.locator('#progress-card[aria-busy="true"]').waitFor();
    await waitForText(page, `#indicators tr[data-indicator="${EHM}"] td.rate`, '62.5%');
    expect(await page.inputValue('#period')).toBe(String(YEAR));
    expect(await textOf(page, '#year-note')).toBe(`显示 ${YEAR} 年（有记录的最近一年）`);
    expect(await page.locator('#indicators-card').getAttribute('aria-busy')).toBe('false');
    expect(await progress.getAttribute('aria-busy')).toBe('true');
    expect(
      await page.evaluate(
        `getComputedStyle(document.getElementById('progress-card'), '::after').content`,
      ),
    ).toBe('"加载中…"');
    await screenshot(page, 'loading');
    release();
    await page.locator('#progress-card[aria-busy="false"]').waitFor();
    await page.locator('#live[data-state="connected"]').waitFor();
    // Every panel on show has something to read: rows, a chart, or a sentence saying why not.
    for (const table of ['#indicators', '#children', '#pace'])
      expect(await page.locator(`${table} tbody tr`).count()).toBeGreaterThan(0);
    for (const chart of ['#unit-chart', '#progress-chart'])
      expect(await page.locator(`${chart} canvas`).count()).toBeGreaterThan(0);
    const cards = (await page.evaluate(`[...document.querySelectorAll('.card')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({
        busy: el.getAttribute('aria-busy'),
        text: el.innerText.replace(el.querySelector('h2').textContent, ''),
      }))`)) as { busy: string | null; text: string }[];
    for (const card of cards) {
      expect(card.busy).not.toBe('true');
      expect(card.text.trim()).not.toBe('');
    }
    await screenshot(page, 'opens-on-data');
    expect(errors).toEqual([]);
  });

  describe('with a key that sees the whole district', () => {
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      ({ page, errors } = await openDashboard());
    });

    afterAll(() => expect(errors).toEqual([]));

    it('asks for a key first, in Chinese', async () => {
      expect(await textOf(page, '#login h2')).toBe('请输入访问密钥');
      expect(await textOf(page, 'h1')).toBe('基本公共卫生服务进度台账');
      expect(await page.locator('#board').isHidden()).toBe(true);
      await screenshot(page, 'login');
    });

    it('shows the seeded rates against targets, the unit chart, progress and pace', async () => {
      await showYear(page, api.rootKey, {
        selector: `#indicators tr[data-indicator="${EHM}"] td.rate`,
        text: '62.5%',
      });
      expect(await textOf(page, '#breadcrumb .current')).toContain(DISTRICT.name);
      const row = `#indicators tr[data-indicator="${EHM}"]`;
      expect(await textOf(page, `${row} td.name`)).toBe('老年人城乡社区规范健康管理服务率');
      expect(await textOf(page, `${row} td.fraction`)).toBe('5 / 8');
      expect(await textOf(page, `${row} td.target`)).toBe('64%');
      expect(await textOf(page, `${row} .status`)).toBe('未达标');
      // Indicators sit under their service category, named as the plans name it.
      expect(await textOf(page, '#indicators tr.group[data-category="elderly"] th')).toBe(
        '老年人健康管理',
      );
      expect(await textOf(page, '#indicators tr.group[data-category="health_records"] th')).toBe(
        '居民健康档案管理',
      );
      expect(
        await textOf(page, '#indicators tr[data-indicator="ehr_standardised_coverage"] td.name'),
      ).toBe('规范化电子档案覆盖率');

      await page.click(row);
      await waitForText(page, `#children tr[data-unit="${CENTRE_A.unitId}"] td.rate`, '50.0%');
      expect(await textOf(page, `#children tr[data-unit="${CENTRE_B.unitId}"] td.rate`)).toBe(
        '75.0%',
      );
      expect(await textOf(page, `#children tr[data-unit="${CENTRE_B.unitId}"] .status`)).toBe(
        '已达标',
      );
      expect(await page.locator('#unit-chart canvas').count()).toBeGreaterThan(0);
      expect(await page.locator('#progress-chart canvas').count()).toBeGreaterThan(0);
      expect(await textOf(page, '#units-title')).toContain('老年人城乡社区规范健康管理服务率');
      expect(await textOf(page, `#pace tr[data-indicator="${EHM}"] td:nth-child(2)`)).toBe('6');
      expect(await textOf(page, '#live')).toBe('实时更新中');
      await screenshot(page, 'zh');
    });

    it('changes the figure within 2 s of a command posted to the API, without a reload', async () => {
      await page.evaluate('window.notReloaded = true');
      const send = commandSender(api, 'live');
      const started = Date.now();
      const changed = waitForText(
        page,
        `#children tr[data-unit="${CENTRE_A.unitId}"] td.rate`,
        '75.0%',
        2000,
      );
      await send('RecordCheckup', {
        residentId: `${CENTRE_A.unitId}-e4`,
        doctorId: `d-${CENTRE_A.unitId}`,
        kind: 'elderly_annual',
        complete: true,
        occurredAt: `${YEAR}-10-09`,
      });
      await changed;
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await page.evaluate('window.notReloaded')).toBe(true);
      await waitForText(page, `#indicators tr[data-indicator="${EHM}"] td.rate`, '75.0%');
      expect(await textOf(page, `#children tr[data-unit="${CENTRE_A.unitId}"] .status`)).toBe(
        '已达标',
      );
      await screenshot(page, 'live');
    });

    it('switches every label to English', async () => {
      await page.click('#lang');
      await waitForText(page, 'h1', 'Public-health progress ledger');
      expect(await textOf(page, `#indicators tr[data-indicator="${EHM}"] td.name`)).toBe(
        'Elderly standardised health management',
      );
      expect(await textOf(page, '#indicators thead th:nth-child(3)')).toBe('Rate');
      expect(await textOf(page, `#indicators tr[data-indicator="${EHM}"] .status`)).toBe('Met');
      expect(await textOf(page, '#live')).toBe('Live');
      expect(await textOf(page, '[data-i18n="paceTitle"]')).toBe('Pace to year end');
      expect(await textOf(page, '#year-note')).toBe(
        `Showing ${YEAR} (the latest year with records)`,
      );
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await screenshot(page, 'en');
    });

    it('drills a number down to residents, reasons and events', async () => {
      await page.click(`#indicators tr[data-indicator="${EHM}"] button.trace`);
      const incomplete = `#lineage tr[data-resident="${CENTRE_A.unitId}-e2"]`;
      await page.locator(incomplete).waitFor();
      expect(await textOf(page, '#lineage-counts')).toBe('6 counted, 2 not counted');
      expect(await textOf(page, `${incomplete} td.reason`)).toBe(
        'the elderly checkup this year is incomplete',
      );
      expect(await textOf(page, `${incomplete} .chip`)).toMatch(/^Checkup #\d+ [0-9a-f]{8}$/);
      expect(await textOf(page, `${incomplete} td.unit`)).toBe(CENTRE_A.name);
      expect(await page.locator(`${incomplete} td.unit`).getAttribute('title')).toBe(
        CENTRE_A.unitId,
      );
      expect(
        await textOf(page, `#lineage tr[data-resident="${CENTRE_A.unitId}-e1"] td:nth-child(3)`),
      ).toBe('Counted');
      await screenshot(page, 'lineage');

      await page.click('#lineage .tabs button[data-filter="not_counted"]');
      await page
        .locator(`#lineage tr[data-resident="${CENTRE_A.unitId}-e1"]`)
        .waitFor({ state: 'detached' });
      expect(await page.locator('#lineage tbody tr').count()).toBe(2);
      expect(
        await textOf(page, `#lineage tr[data-resident="${CENTRE_B.unitId}-e4"] td.reason`),
      ).toBe('no elderly checkup this year');
      await page.click('#lang');
      await waitForText(
        page,
        `#lineage tr[data-resident="${CENTRE_B.unitId}-e4"] td.reason`,
        '本年度无老年人体检',
      );
      await page.click('#lang');
      await page.click('#lineage-close');
      expect(await page.locator('#lineage').isHidden()).toBe(true);
    });

    it('opens a sub-unit from its bar, and goes back to the parent', async () => {
      // A point inside the first bar (centre A), from ECharts' own coordinate system.
      await page.locator('#unit-chart').scrollIntoViewIfNeeded();
      const bar = (await page.evaluate(`(() => {
        const el = document.getElementById('unit-chart');
        const [x, y] = echarts.getInstanceByDom(el).convertToPixel({ seriesIndex: 0 }, [0, 20]);
        const box = el.getBoundingClientRect();
        return { x: box.left + x, y: box.top + y };
      })()`)) as { x: number; y: number };
      await page.mouse.click(bar.x, bar.y);
      await waitForTextContaining(page, '#breadcrumb .current', CENTRE_A.name);
      expect(await page.locator('#up').isVisible()).toBe(true);
      await waitForText(page, `#indicators tr[data-indicator="${EHM}"] td.fraction`, '3 / 4');
      expect(await page.locator('#units-card').isHidden()).toBe(true);
      await page.locator('#live[data-state="connected"]').waitFor();
      await screenshot(page, 'centre');

      await page.click('#up');
      await waitForTextContaining(page, '#breadcrumb .current', DISTRICT.name);
      await page.click(`#children tr[data-unit="${CENTRE_B.unitId}"]`);
      await waitForTextContaining(page, '#breadcrumb .current', CENTRE_B.name);
      await page.click('#breadcrumb button');
      await waitForText(page, `#indicators tr[data-indicator="${EHM}"] td.fraction`, '6 / 8');
    });

    it('shows the figures as the ledger knew them on an as-of date, not live', async () => {
      // Everything was recorded this year: at the end of the fixture's year the district did not exist yet.
      await page.fill('#as-of', `${YEAR}-12-31`);
      await waitForText(page, '#notice', 'unit hc does not exist in that period');
      expect(await page.inputValue('#as-of')).toBe('');
      await page.locator('#live[data-state="connected"]').waitFor();

      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      await page.fill('#as-of', today);
      await waitForText(page, '#live', 'As-of view, not live');
      expect(await page.locator('#notice').isHidden()).toBe(true);
      expect(await textOf(page, '#meta')).toContain(`As recorded by ${today}`);
      expect(await textOf(page, `#indicators tr[data-indicator="${EHM}"] td.fraction`)).toBe(
        '6 / 8',
      );
      await page.click('#as-of-clear');
      await page.locator('#live[data-state="connected"]').waitFor();
      expect(await page.inputValue('#as-of')).toBe('');
    });

    it('logs out to the key form', async () => {
      await page.click('#logout');
      await page.locator('#login').waitFor({ state: 'visible' });
      expect(await page.locator('#board').isHidden()).toBe(true);
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
    });
  });

  it('shows a scoped key only its own centre, asks for nothing it may not read, and the login again once the key is revoked', async () => {
    const { page, errors, refused } = await openDashboard();
    const supervisor = await api.keyFor(['supervisor'], CENTRE_A.unitId);
    await showYear(page, supervisor.key, {
      selector: `#indicators tr[data-indicator="${EHM}"] td.fraction`,
      text: '3 / 4',
    });
    expect(await textOf(page, '#breadcrumb .current')).toContain(CENTRE_A.name);
    expect(await page.locator('#up').isHidden()).toBe(true);
    const visible = await page.locator('body').innerText();
    expect(visible).not.toContain(CENTRE_B.name);
    expect(visible).not.toContain(DISTRICT.name);
    await screenshot(page, 'scoped');
    // A supervisor reads alerts but not funds: the funds panel is never asked for, so no 403.
    await page.locator('#alerts-card').waitFor();
    expect(await page.locator('#funds-card').isHidden()).toBe(true);
    expect(refused).toEqual([]);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/assets/favicon.svg');

    const revoked = await api.post(`/api/v1/actors/${supervisor.actorId}/revoke`, {
      reason: 'dashboard test',
    });
    expect(revoked.status).toBeLessThan(300);
    await page.selectOption('#period', String(YEAR - 1));
    await page.locator('#login').waitFor({ state: 'visible' });
    expect(await textOf(page, '#login-error')).toBe('密钥无效或已被吊销');
    expect(errors).toEqual([]);
  });

  it('lists an alert in the alerts panel; dismissing it with a reason updates its status', async () => {
    const registered = (await api.store.readAll()).find(
      (e) => e.type === 'ResidentRegistered' && e.data.unitId === CENTRE_A.unitId,
    )!;
    const draft = {
      detector: 'after-death' as const,
      subject: { kind: 'resident' as const, id: String(registered.data.residentId) },
      period: YEAR,
      score: 3,
      severity: 'high' as const,
      explanation: { zh: '死亡后仍有随访', en: 'a follow-up after death' },
      evidence: [registered.eventId],
    };
    const ctx = {
      store: api.store,
      clock: systemClock,
      actor: 'operator',
      catalog: ALERT_ACTIONS_BY_TYPE,
    };
    expect(await raiseDraft(ctx, draft, CENTRE_A.unitId, `${YEAR}-12-31`)).toBe('raised');
    const id = alertId(draft);
    const { page, errors } = await openDashboard();
    // Earlier tests changed the figures: only the board and the year matter here.
    await signIn(page, api.rootKey);
    await page.locator('#board').waitFor({ state: 'visible' });
    const row = `#alerts-table tr[data-alert="${id}"]`;
    await waitForText(page, `${row} .alert-status`, '待处理');
    expect(await textOf(page, `${row} .severity`)).toBe('高');
    // Units by name, the code on hover.
    expect(await textOf(page, `${row} td.unit`)).toBe(CENTRE_A.name);
    expect(await page.locator(`${row} td.unit`).getAttribute('title')).toBe(CENTRE_A.unitId);
    await page.click(row);
    await page.locator('#alert-drawer').waitFor({ state: 'visible' });
    // Evidence and timeline as sentences with China-time dates, names not codes, no JSON.
    await waitForTextContaining(page, '#alert-evidence li', '居民登记');
    const evidence = await textOf(page, '#alert-evidence li');
    expect(evidence).toMatch(
      new RegExp(
        `^2020年1月1日\\s居民登记（${registered.data.sex === 'male' ? '男' : '女'}，出生日期 1950年5月1日，机构：${CENTRE_A.name}）` +
          `test root 于 \\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2} 入账（账本位置 #\\d+）$`,
      ),
    );
    expect(await textOf(page, '#alert-sub')).toContain(CENTRE_A.name);
    const timeline = await page.locator('#alert-timeline li').allTextContents();
    // The doctor by name, the code on hover.
    expect(timeline).toContainEqual(
      expect.stringContaining(
        `${YEAR}年3月12日\u3000健康体检（完整，医生：${DOCTOR_NAMES[CENTRE_A.unitId]}）`,
      ),
    );
    expect(
      await page
        .locator('#alert-timeline li .what', { hasText: '健康体检' })
        .first()
        .getAttribute('title'),
    ).toBe(`医生编号：d-${CENTRE_A.unitId}`);
    expect(await page.locator('#alert-timeline li.evidence-row').count()).toBe(1);
    expect(await page.locator('#alert-drawer').innerText()).not.toMatch(/[{}"]/);
    page.once('dialog', (dialog) => void dialog.accept('核实：登记有误'));
    await page.click('#alert-DismissAlert');
    await waitForText(page, `${row} .alert-status`, '已排除');
    await waitForTextContaining(page, '#alert-actions li', '核实：登记有误');
    expect(await textOf(page, '#alert-actions li')).toMatch(
      /^排除 · test root · \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} · 理由：核实：登记有误$/,
    );
    expect(await page.locator('#alert-DismissAlert').isDisabled()).toBe(true);
    await screenshot(page, 'alerts');
    expect(errors).toEqual([]);
  });

  it('shows the funds of the district to a key that may read funds, and hides them from one that may not', async () => {
    const allocate = {
      type: 'AllocateFunds',
      commandId: 'browser-funds-1',
      unitId: DISTRICT.unitId,
      year: YEAR,
      sourceLevel: 'central',
      amountFen: 1_557_610_000, // Shangdang 2023's central share: 1557.61 ten-thousand yuan
      occurredAt: `${YEAR}-03-01`,
    };
    expect((await api.post('/api/v1/commands', allocate)).status).toBe(201);
    const { page, errors } = await openDashboard();
    await signIn(page, api.rootKey);
    await page.locator('#board').waitFor({ state: 'visible' });
    await page.locator('#funds-card').waitFor({ state: 'visible' });
    await waitForTextContaining(page, '#funds-table tbody', '15,576,100.00');
    await screenshot(page, 'funds');
    const recorder = await api.keyFor(['recorder'], CENTRE_A.unitId);
    const other = await openDashboard();
    await signIn(other.page, recorder.key);
    await other.page.locator('#board').waitFor({ state: 'visible' });
    await other.page.locator('#indicators tbody tr').first().waitFor();
    expect(await other.page.locator('#funds-card').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });

  it('adds a direct / unassigned row where a unit counts more than its sub-units', async () => {
    const send = commandSender(api, 'direct');
    await send('RegisterResident', {
      residentId: 'hc-e1',
      birthDate: '1950-05-01',
      sex: 'male',
      unitId: DISTRICT.unitId,
      occurredAt: '2020-01-01',
    });
    await send('RecordCheckup', {
      residentId: 'hc-e1',
      doctorId: `d-${CENTRE_A.unitId}`,
      kind: 'elderly_annual',
      complete: true,
      occurredAt: `${YEAR}-07-01`,
    });
    const { page, errors } = await openDashboard();
    await signIn(page, api.rootKey);
    await page.click(`#indicators tr[data-indicator="${EHM}"]`);
    const direct = '#children tr[data-unit="direct"]';
    await waitForText(page, `${direct} td.fraction`, '1 / 1');
    expect(await textOf(page, `${direct} td.name`)).toBe('直属/未分配?');
    expect(await page.locator(direct).getAttribute('title')).toContain('直接登记在本机构的居民');
    // The sub-units and the direct row add up to the district's own figure.
    const fractions = await page
      .locator('#children tbody td.fraction')
      .evaluateAll((tds) => tds.map((td) => td.textContent!.split(' / ').map(Number)));
    const total = (await textOf(page, `#indicators tr[data-indicator="${EHM}"] td.fraction`))
      .split(' / ')
      .map(Number);
    expect(fractions.reduce(([n, d], [a, b]) => [n + a, d + b], [0, 0])).toEqual(total);
    await page.click('#lang');
    await waitForText(page, `${direct} td.name`, 'Direct / unassigned?');
    await page.click('#lang');
    await screenshot(page, 'direct-row');
    expect(errors).toEqual([]);
  });

  it.each([
    [390, 'phone'],
    [1400, 'desktop'],
  ])('fits a %i px wide screen without sideways scrolling', async (width, name) => {
    const { page, errors } = await openDashboard(width);
    await signIn(page, api.rootKey);
    await page.locator('#indicators tbody tr[data-indicator]').first().waitFor();
    await page.locator('#progress-card[aria-busy="false"]').waitFor();
    await page.locator('#alerts-card').waitFor();
    const size = (await page.evaluate(`({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
      names: [...document.querySelectorAll('#indicators td.name, #children td.name')]
        .map((td) => td.getBoundingClientRect().width),
    })`)) as { width: number; height: number; names: number[] };
    await screenshot(page, `width-${name}`);
    await screenshot(page, `width-${name}-first-screen`, false);
    // An alert opened on this screen: the drawer fits too, its timeline in sentences.
    await page.locator('#alerts-table tbody tr').first().click();
    await page.locator('#alert-timeline li').first().waitFor();
    expect(
      await page.evaluate(`document.getElementById('alert-drawer').scrollWidth`),
    ).toBeLessThanOrEqual(width);
    await screenshot(page, `width-${name}-alert`, false);
    await page.click('#alert-close');

    expect(size.width).toBeLessThanOrEqual(width);
    // No name squeezed to a character a line, and no page a reader scrolls through forever.
    expect(Math.min(...size.names)).toBeGreaterThan(120);
    // About 70 indicators and 16 pace rows, two short lines each on a phone.
    expect(size.height).toBeLessThan(width < 600 ? 9000 : 5000);
    // The target's label sits beside the line, right of the bars, and the names inside the chart.
    expect(
      await page.evaluate(`(() => {
        const option = echarts.getInstanceByDom(document.getElementById('unit-chart')).getOption();
        return [option.series[0].markLine.label.position, option.grid[0].containLabel];
      })()`),
    ).toEqual(['end', true]);
    expect(errors).toEqual([]);
  });

  it('keeps the login form with an error for a bad key', async () => {
    const { page, errors } = await openDashboard();
    await signIn(page, BAD_KEY);
    await page.locator('#login-error').waitFor({ state: 'visible' });
    expect(await textOf(page, '#login-error')).toBe('密钥无效或已被吊销');
    expect(await page.locator('#board').isHidden()).toBe(true);
    await screenshot(page, 'bad-key');
    expect(errors).toEqual([]);
  });
});
