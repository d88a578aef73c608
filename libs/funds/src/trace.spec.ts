import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { ledgerKeyOf, sealPeriod } from '@libs/audit';
import { ledgerCatalog } from '@libs/commands';
import { fx } from '@libs/indicators/testing/ledger-fixture';
import { SqliteEventStore } from '@libs/ledger';
import { executeCommand } from '@libs/records';
import { fundTable } from './fund-table';
import { traceDisbursement } from './trace';

describe('trace: from a contract-package payment down to the contracts behind it', () => {
  let now = new Date('2024-01-05T00:00:00Z');
  const clock = () => now;
  const store = new SqliteEventStore({ path: ':memory:', clock });
  const catalog = ledgerCatalog({ store, clock });
  let n = 0;
  const run = (at: string, command: Record<string, unknown>) => {
    now = new Date(at);
    return executeCommand(
      { commandId: `t-${(n += 1)}`, occurredAt: at.slice(0, 10), ...command },
      { store, clock, actor: 'fixture', catalog },
    );
  };
  afterAll(() => store.close());

  it('pays 2 signed elderly × 30 yuan, and traces the seal, the figure, the lineage and the ContractSigned events', async () => {
    for (const c of [fx.district(), fx.centre(), fx.team(), fx.doctor()])
      await run('2024-01-05T00:00:00Z', c);
    await run('2024-01-05T00:00:01Z', fx.resident('r1', '1950-03-01'));
    await run('2024-01-05T00:00:02Z', fx.resident('r2', '1952-07-01'));
    await run('2024-01-05T00:00:03Z', fx.resident('r3', '1990-07-01'));
    await run('2024-01-05T00:00:04Z', fx.resident('r4', '1951-07-01'));
    await run('2024-02-01T00:00:00Z', fx.contract('r1', 'k1', '2024-02-01', '2025-01-31'));
    await run('2024-02-01T00:00:01Z', fx.contract('r2', 'k2', '2024-02-01', '2025-01-31'));
    await run('2024-02-01T00:00:02Z', fx.contract('r3', 'k3', '2024-02-01', '2025-01-31'));
    now = new Date('2025-01-15T02:00:00Z');
    const { seal } = await sealPeriod(
      store,
      ledgerKeyOf(generateKeyPairSync('ed25519').privateKey, 'test'),
      {
        year: 2024,
        unitId: 'dist',
        actor: 'auditor-1',
        clock,
      },
    );
    expect(seal.figures.find((r) => r.unitId === 'c1')?.cells.signing_elderly.numerator).toBe(2);
    // Signed after the seal: not in the sealed figure, so not in the trace.
    await run('2025-01-16T00:00:00Z', fx.contract('r4', 'k4', '2025-01-16', '2026-01-15'));
    await run('2025-01-16T00:00:01Z', {
      type: 'AllocateFunds',
      unitId: 'dist',
      year: 2024,
      sourceLevel: 'district',
      amountFen: 1_000_000,
    });
    const pay = (amountFen: number) =>
      run('2025-01-20T00:00:00Z', {
        type: 'DisburseFunds',
        fromUnitId: 'dist',
        toUnitId: 'c1',
        year: 2024,
        kind: 'contract_package',
        amountFen,
        sealId: seal.sealId,
        indicator: 'signing_elderly',
        note: '2024 签约服务包',
      });
    await expect(pay(6001)).rejects.toMatchObject({ code: 'AMOUNT_MISMATCH' });
    const paid = await pay(6000);

    const trace = await traceDisbursement(store, paid.events[0].eventId);
    expect(trace?.seal).toMatchObject({ sealId: seal.sealId, period: 2024, unitId: 'dist' });
    expect(trace?.figure).toEqual({
      unitId: 'c1',
      indicator: 'signing_elderly',
      numerator: 2,
      denominator: 3,
    });
    expect(trace?.lineage).toMatchObject({ counted: 2, matchesFigure: true });
    expect(trace?.lineage?.entries.map((e) => e.residentId)).toEqual(['r1', 'r2']);
    const contracts = trace!.events!.filter((e) => e.type === 'ContractSigned');
    const signed = (await store.readAll()).filter((e) => e.type === 'ContractSigned');
    expect(contracts.map((e) => e.eventId)).toEqual(
      signed
        .filter((e) => ['k1', 'k2'].includes(e.data.contractId as string))
        .map((e) => e.eventId),
    );
    expect(trace!.events!.every((e) => e.position <= seal.position)).toBe(true);

    const rows = fundTable((await store.readAll()).filter((e) => e.type.startsWith('Funds')));
    expect(rows.find((r) => r.unitId === 'dist')).toMatchObject({
      allocatedFen: 1_000_000,
      disbursedFen: 6000,
      balanceFen: 994_000,
    });
    expect(rows.find((r) => r.unitId === 'c1')).toMatchObject({
      receivedFen: 6000,
      earnedFen: 6000,
      balanceFen: 6000,
    });
  });

  it('a pre-disbursement traces to no seal', async () => {
    const paid = await run('2025-01-21T00:00:00Z', {
      type: 'DisburseFunds',
      fromUnitId: 'dist',
      toUnitId: 'c1',
      year: 2024,
      kind: 'pre_disbursement',
      amountFen: 100,
      note: '预拨',
    });
    const trace = await traceDisbursement(store, paid.events[0].eventId);
    expect(trace?.seal).toBeUndefined();
    expect(await traceDisbursement(store, 'no-such-event')).toBeUndefined();
  });
});
