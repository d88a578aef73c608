/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are inspected field by field */
import { verify } from 'node:crypto';
import { receiptSignatureValid } from '@libs/audit/seal/seal-event-receipt';
import { keyFingerprint } from '@libs/audit/trust/key-fingerprint';
import { canonicalJson, systemClock } from '@libs/ledger';
import { executeCommand } from '@libs/records';
import { verifyConsistency, verifyInclusion } from '../../tools/proof-verifier/verify-proofs';
import { type RunningApi, startApi } from '../support/api-app';

/** Seals over HTTP, and their proofs checked by the independent verifier from public inputs only. */
describe('seals and proofs over HTTP', () => {
  let api: RunningApi;
  let auditorKey: string;
  let recorderKey: string;
  let first: any;
  let second: any;
  let n = 0;
  const run = (command: Record<string, unknown>) =>
    executeCommand(
      { commandId: `h${(n += 1)}`, occurredAt: '2022-12-01', ...command },
      { store: api.store, clock: systemClock, actor: 'recorder-1' },
    );

  beforeAll(async () => {
    api = await startApi();
    auditorKey = (await api.keyFor(['auditor'])).key;
    await run({ type: 'RegisterOrgUnit', unitId: 'hc', name: '环翠区', kind: 'district' });
    await run({
      type: 'RegisterOrgUnit',
      unitId: 'jy',
      name: '鲸园社区卫生服务中心',
      kind: 'community_centre',
      parentId: 'hc',
    });
    await run({ type: 'RegisterDoctor', doctorId: 'd-jy', unitId: 'jy' });
    recorderKey = (await api.keyFor(['recorder'], 'hc')).key;
    for (let i = 0; i < 3; i += 1)
      await run({
        type: 'RegisterResident',
        residentId: `jy${i}`,
        birthDate: '1950-01-01',
        sex: 'female',
        unitId: 'jy',
      });
    await run({
      type: 'RecordCheckup',
      residentId: 'jy0',
      doctorId: 'd-jy',
      kind: 'elderly_annual',
      complete: true,
      occurredAt: '2023-03-01',
    });
  });
  afterAll(() => api?.close());

  it('lets an auditor seal a period, and no one else', async () => {
    const refused = await api.post('/api/v1/seals', { period: 2023 }, recorderKey);
    expect(refused.status).toBe(403);
    expect((await api.post('/api/v1/seals', { period: 'soon' }, auditorKey)).status).toBe(400);
    const sealed = await api.post('/api/v1/seals', { period: 2023, unitId: 'hc' }, auditorKey);
    expect(sealed.status).toBe(201);
    first = sealed.body;
    expect(first).toMatchObject({ period: 2023, unitId: 'hc', treeSize: first.position });
    expect(first.sealedBy).toMatch(/./);
    expect(first.figures.find((r: any) => r.total).cells.elderly_health_management).toMatchObject({
      numerator: 1,
      denominator: 3,
    });
  });

  it('serves the public key without a credential, and the seal verifies with it', async () => {
    const key = await api.get('/api/v1/ledger/public-key', null);
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', publicKey: first.publicKey });
    expect(key.body.pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(key.body.fingerprint).toBe(keyFingerprint(first.publicKey));
    const { signature, sealEvent, ...unsigned } = first;
    // The receipt of the seal's own event, signed apart: it names the event the seal landed in.
    const [event] = await api.store.readStream(`seal-2023-hc`);
    expect(sealEvent).toMatchObject({
      streamId: 'seal-2023-hc',
      position: event.position,
      hash: event.hash,
    });
    expect(receiptSignatureValid({ ...unsigned, signature }, sealEvent)).toBe(true);
    expect(
      verify(
        null,
        Buffer.from(canonicalJson(unsigned)),
        key.body.pem,
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(true);
    const again = await api.get(`/api/v1/seals/${first.sealId}`, auditorKey);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first);
    expect((await api.get('/api/v1/seals/2023-hc-999999', auditorKey)).status).toBe(404);
  });

  it('proves every sealed event is inside the sealed tree, checked by the independent verifier', async () => {
    const events = await api.store.readAll({ limit: first.position });
    expect(events).toHaveLength(first.treeSize);
    for (const e of events) {
      const proof = await api.get(
        `/api/v1/seals/${first.sealId}/inclusion/${e.position}`,
        auditorKey,
      );
      expect(proof.status).toBe(200);
      expect(proof.body).toMatchObject({
        leaf: e.hash,
        treeSize: first.treeSize,
        rootHash: first.rootHash,
      });
      // Public inputs only: the event's own hash, and the size and root from the signed seal.
      expect(
        verifyInclusion({
          leaf: e.hash,
          leafIndex: proof.body.leafIndex,
          treeSize: first.treeSize,
          path: proof.body.path,
          rootHash: first.rootHash,
        }),
      ).toEqual({ valid: true });
    }
    const after = await api.get(
      `/api/v1/seals/${first.sealId}/inclusion/${first.position + 1}`,
      auditorKey,
    );
    expect(after.status).toBe(422);
    expect(after.body.error).toBe('OUTSIDE_SEAL');
  });

  it('proves a later seal extends an earlier one, and a tampered proof fails', async () => {
    await run({
      type: 'RecordCheckup',
      residentId: 'jy1',
      doctorId: 'd-jy',
      kind: 'elderly_annual',
      complete: true,
      occurredAt: '2023-12-01',
    });
    await run({
      type: 'RegisterResident',
      residentId: 'jy3',
      birthDate: '1951-02-02',
      sex: 'male',
      unitId: 'jy',
    });
    second = (await api.post('/api/v1/seals', { period: 2023 }, auditorKey)).body;
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    const reply = await api.get(
      `/api/v1/seals/${first.sealId}/consistency/${second.sealId}`,
      auditorKey,
    );
    expect(reply.status).toBe(200);
    const p = reply.body;
    expect(p).toMatchObject({
      firstSize: first.treeSize,
      secondSize: second.treeSize,
      firstRoot: first.rootHash,
      secondRoot: second.rootHash,
    });
    const input = {
      firstSize: first.treeSize,
      secondSize: second.treeSize,
      firstRoot: first.rootHash,
      secondRoot: second.rootHash,
      proof: p.proof,
    };
    expect(verifyConsistency(input)).toEqual({ valid: true });

    const flip = (hex: string) => `${hex[0] === 'f' ? 'e' : 'f'}${hex.slice(1)}`;
    const changed = [...p.proof];
    changed[0] = flip(changed[0]);
    expect(verifyConsistency({ ...input, proof: changed }).valid).toBe(false);
    expect(verifyConsistency({ ...input, firstSize: first.treeSize - 1 }).valid).toBe(false);
    expect(
      verifyConsistency({ ...input, firstSize: second.treeSize, secondSize: first.treeSize }).valid,
    ).toBe(false);
    expect(verifyConsistency({ ...input, firstRoot: second.rootHash }).valid).toBe(false);

    const inclusion = (await api.get(`/api/v1/seals/${second.sealId}/inclusion/3`, auditorKey))
      .body;
    const good = {
      leaf: inclusion.leaf,
      leafIndex: inclusion.leafIndex,
      treeSize: second.treeSize,
      path: inclusion.path,
      rootHash: second.rootHash,
    };
    expect(verifyInclusion(good).valid).toBe(true);
    const path = [...good.path];
    path[path.length - 1] = flip(path[path.length - 1]);
    expect(verifyInclusion({ ...good, path }).valid).toBe(false);
    expect(verifyInclusion({ ...good, treeSize: 2 }).valid).toBe(false);
    expect(verifyInclusion({ ...good, rootHash: first.rootHash }).valid).toBe(false);

    const backwards = await api.get(
      `/api/v1/seals/${second.sealId}/consistency/${first.sealId}`,
      auditorKey,
    );
    expect(backwards.status).toBe(422);
  });

  it('keeps proofs to holders of audit:read', async () => {
    expect((await api.get(`/api/v1/seals/${first.sealId}`, recorderKey)).status).toBe(403);
    expect((await api.get(`/api/v1/seals/${first.sealId}/inclusion/1`, null)).status).toBe(401);
  });
});
