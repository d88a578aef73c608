import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Principal, assertMaySeal, authorize } from '@libs/access';
import { MerkleTree } from '@libs/audit/merkle/merkle-tree';
import { hashToHex } from '@libs/audit/merkle/rfc6962-hash';
import { forEachEvent } from '@libs/audit/seal/figures-at';
import type { LedgerKey } from '@libs/audit/seal/ledger-key';
import type { Seal, SealFile } from '@libs/audit/seal/seal';
import { parseSealId } from '@libs/audit/seal/seal';
import { sealFileOf } from '@libs/audit/seal/seal-event-receipt';
import { findSealEvent, sealPeriod } from '@libs/audit/seal/seal-period';
import { keyFingerprint } from '@libs/audit/trust/key-fingerprint';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import {
  CommandValidationError,
  type FieldError,
  RuleRefusal,
  chinaDay,
  storeFactLookup,
} from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Public } from '../auth/public.decorator';

export const LEDGER_SIGNING_KEY = Symbol('LedgerSigningKey');

interface SealBody {
  period?: unknown;
  unitId?: unknown;
}

const notFound = (sealId: string) =>
  new RuleRefusal('SEAL_NOT_FOUND', 'not_found', `封存 ${sealId} 不存在`, `no seal ${sealId}`, {
    sealId,
  });

const rootMismatch = (seal: Seal) =>
  new RuleRefusal(
    'SEAL_ROOT_MISMATCH',
    'conflict',
    `账本已不能重现封存 ${seal.sealId} 的默克尔根：封存范围内的事件被改动`,
    `the log no longer reproduces the root of seal ${seal.sealId}: events up to position ${seal.position} were changed (run check-seal)`,
    { sealId: seal.sealId, rootHash: seal.rootHash },
  );

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1')
export class SealsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_SIGNING_KEY) private readonly key: LedgerKey,
  ) {}

  private today(): string {
    return chinaDay(systemClock().toISOString());
  }

  /** A seal holds a unit's figures: readable by auditors, and by supervisors of that unit. */
  private async mayRead(principal: Principal, ...seals: Seal[]): Promise<void> {
    await authorize(
      principal,
      { permission: 'audit:read', units: seals.map((x) => x.unitId), read: true },
      storeFactLookup(this.store),
      this.today(),
    );
  }

  private async seal(sealId: string): Promise<Seal> {
    return (await this.sealFile(sealId)).seal;
  }

  /**
   * The seal and, when this ledger's key signed it, its event's receipt: the same file the seal's
   * POST answered (Ed25519 is deterministic), so an auditor may fetch it again.
   */
  private async sealFile(sealId: string): Promise<{ seal: Seal; file: SealFile }> {
    const id = parseSealId(sealId);
    const found = id ? await findSealEvent(this.store, id.year, id.unitId, sealId) : undefined;
    if (!found) throw notFound(sealId);
    const ours = found.seal.publicKey === this.key.publicKeyRaw;
    return {
      seal: found.seal,
      file: ours ? sealFileOf(found.seal, found.event, this.key) : found.seal,
    };
  }

  /** Events 1..position of today's log: their hashes (the leaves) and positions. */
  private async leaves(position: number): Promise<{ hashes: string[]; positions: number[] }> {
    const hashes: string[] = [];
    const positions: number[] = [];
    await forEachEvent(this.store, position, (e) => {
      hashes.push(e.hash);
      positions.push(e.position);
    });
    return { hashes, positions };
  }

  @Post('seals')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Seal a period: signed figures and Merkle root of the log (auditors) / 封存考核期',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SealBody,
  ): Promise<SealFile> {
    const period = Number(body?.period);
    const errors: FieldError[] = [];
    if (!Number.isInteger(period) || period < 2000 || period > 2100)
      errors.push({
        field: 'period',
        constraint: 'isYear',
        en: 'period must be a year such as 2023',
        zh: 'period：须为年份，如 2023',
      });
    if (body.unitId !== undefined && (typeof body.unitId !== 'string' || body.unitId === ''))
      errors.push({
        field: 'unitId',
        constraint: 'isId',
        en: 'unitId must be a unit id',
        zh: 'unitId：须为机构编号',
      });
    if (errors.length) throw new CommandValidationError(errors);
    const unitId = body.unitId as string | undefined;
    await assertMaySeal(principal, unitId, storeFactLookup(this.store), this.today());
    // The file with its event's receipt: what the auditor keeps, and what check-seal reads.
    return (
      await sealPeriod(this.store, this.key, { year: period, unitId, actor: principal.actorId })
    ).file;
  }

  @Get('seals/:sealId')
  @ApiOperation({ summary: 'A seal, as exported / 封存记录' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('sealId') sealId: string,
  ): Promise<SealFile> {
    const { seal, file } = await this.sealFile(sealId);
    await this.mayRead(principal, seal);
    return file;
  }

  @Public()
  @Get('ledger/public-key')
  @ApiOperation({ summary: "The ledger's Ed25519 public key that signs seals / 账本公钥" })
  publicKey() {
    return {
      algorithm: 'Ed25519',
      publicKey: this.key.publicKeyRaw,
      encoding: 'raw, base64',
      pem: this.key.publicKeyPem,
      // What an auditor pins in a trust file (check-seal --trust, verify --witness --trust).
      fingerprint: keyFingerprint(this.key.publicKey),
    };
  }

  @Get('seals/:sealId/inclusion/:position')
  @ApiOperation({
    summary: "Inclusion proof of an event in a seal's Merkle tree (RFC 6962 PATH) / 包含证明",
  })
  async inclusion(
    @CurrentPrincipal() principal: Principal,
    @Param('sealId') sealId: string,
    @Param('position') positionText: string,
  ) {
    const seal = await this.seal(sealId);
    await this.mayRead(principal, seal);
    const position = Number(positionText);
    if (!Number.isSafeInteger(position) || position < 1)
      throw new CommandValidationError([
        {
          field: 'position',
          constraint: 'isPositive',
          en: 'position must be a positive whole number',
          zh: 'position：须为正整数',
        },
      ]);
    if (position > seal.position) {
      throw new RuleRefusal(
        'OUTSIDE_SEAL',
        'unprocessable',
        `位置 ${position} 晚于封存位置 ${seal.position}`,
        `position ${position} is after the sealed position ${seal.position}`,
        {
          sealId,
          position,
          sealedPosition: seal.position,
        },
      );
    }
    const { hashes, positions } = await this.leaves(seal.position);
    const tree = MerkleTree.fromEventHashes(hashes);
    if (tree.size !== seal.treeSize || tree.rootHex() !== seal.rootHash) throw rootMismatch(seal);
    const leafIndex = positions.indexOf(position);
    if (leafIndex < 0)
      throw new RuleRefusal(
        'EVENT_NOT_FOUND',
        'not_found',
        `位置 ${position} 没有事件`,
        `no event at position ${position}`,
        { position },
      );
    return {
      sealId,
      position,
      leaf: hashes[leafIndex],
      leafIndex,
      treeSize: tree.size,
      leafHash: hashToHex(tree.leafHash(leafIndex)),
      path: tree.inclusionProof(leafIndex).map(hashToHex),
      rootHash: seal.rootHash,
    };
  }

  @Get('seals/:from/consistency/:to')
  @ApiOperation({
    summary:
      "Consistency proof: a later seal's tree extends an earlier one (RFC 6962 PROOF) / 一致性证明",
  })
  async consistency(
    @CurrentPrincipal() principal: Principal,
    @Param('from') from: string,
    @Param('to') to: string,
  ) {
    const first = await this.seal(from);
    const second = await this.seal(to);
    await this.mayRead(principal, first, second);
    if (first.treeSize > second.treeSize) {
      throw new RuleRefusal(
        'SEALS_OUT_OF_ORDER',
        'unprocessable',
        `封存 ${from} 晚于 ${to}`,
        `seal ${from} covers more events than ${to}: give the earlier seal first`,
        { from, to },
      );
    }
    const tree = MerkleTree.fromEventHashes((await this.leaves(second.position)).hashes);
    if (tree.size !== second.treeSize || tree.rootHex() !== second.rootHash)
      throw rootMismatch(second);
    if (tree.rootHex(first.treeSize) !== first.rootHash) throw rootMismatch(first);
    return {
      from,
      to,
      firstSize: first.treeSize,
      secondSize: second.treeSize,
      firstRoot: first.rootHash,
      secondRoot: second.rootHash,
      proof: tree.consistencyProof(first.treeSize, second.treeSize).map(hashToHex),
    };
  }
}
