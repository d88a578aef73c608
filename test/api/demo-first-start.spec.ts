/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are inspected field by field in tests */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStoreLocation } from '@libs/ledger';
import { type DemoYear, prepareDemo } from '../../apps/api/src/demo/first-start';
import { type RunningApi, startApi } from '../support/api-app';

/**
 * The first start on an empty embedded store (what `npm start` does with the demo on): every
 * panel of the dashboard has something true to show for the demo year.
 */
describe('the demo year on first start', () => {
  let dir: string;
  let demo: DemoYear;
  let api: RunningApi;
  let key: (id: string) => string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-first-start-'));
    const store = `sqlite:${join(dir, 'ledger.sqlite')}`;
    demo = (await prepareDemo(parseStoreLocation(store), new Date()))!;
    api = await startApi({ LEDGER_STORE: store });
    key = (id) => demo.keys.find((k) => k.actorId === id)!.key;
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds only an empty store', async () => {
    expect(demo.year).toBeLessThan(new Date().getUTCFullYear() + 1);
    expect(
      await prepareDemo(parseStoreLocation(`sqlite:${join(dir, 'ledger.sqlite')}`), new Date()),
    ).toBeUndefined();
  });

  it('rates: the signing task leaves some centres behind and others met', async () => {
    const r = await api.get(`/api/v1/rates?period=${demo.year}&unit=hc`, key('demo-supervisor'));
    expect(r.status).toBe(200);
    const signing = r.body.rows.filter(
      (x: any) => x.indicatorId === 'signing_overall' && x.unitId !== 'hc',
    );
    expect(signing.length).toBe(10);
    const statuses = new Set(signing.map((x: any) => x.status));
    expect(statuses).toEqual(new Set(['met', 'behind']));
  });

  it('alerts: the detectors ran once, the over-claiming report among what they found', async () => {
    const r = await api.get(`/api/v1/alerts?period=${demo.year}&unit=hc`, key('demo-supervisor'));
    expect(r.status).toBe(200);
    const alerts: any[] = r.body.alerts;
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.some((a) => a.detector === 'over-claim')).toBe(true);
  });

  it('reports: every centre reported, exactly one over-claims', async () => {
    const r = await api.get(
      `/api/v1/reconciliation?period=${demo.year}&unit=hc`,
      key('demo-auditor'),
    );
    expect(r.status).toBe(200);
    expect(r.body.reports).toBe(10);
    const over = new Set(r.body.lines.filter((l: any) => l.overClaim).map((l: any) => l.unitId));
    expect(over.size).toBe(1);
  });

  it('funds: allocated to the district and pre-disbursed to every centre', async () => {
    const r = await api.get(`/api/v1/funds?year=${demo.year}&unit=hc`, key('demo-finance'));
    expect(r.status).toBe(200);
    const hc = r.body.rows.find((x: any) => x.unitId === 'hc');
    expect(hc.allocatedFen).toBeGreaterThan(0);
    const centres = r.body.rows.filter((x: any) => x.unitId !== 'hc' && x.receivedFen > 0);
    expect(centres.length).toBe(10);
  });

  it('seals: the district year is sealed, and its seal reads back', async () => {
    const r = await api.get(`/api/v1/seals?period=${demo.year}&unit=hc`, key('demo-auditor'));
    expect(r.status).toBe(200);
    expect(r.body.seals).toHaveLength(1);
    const [seal] = r.body.seals;
    expect(seal).toMatchObject({ unitId: 'hc', period: demo.year });
    const one = await api.get(`/api/v1/seals/${seal.sealId}`, key('demo-auditor'));
    expect(one.status).toBe(200);
    expect(one.body.rootHash).toBe(seal.rootHash);
  });
});
