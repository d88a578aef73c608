import type { Random } from '../random';
import { type District, MINUTE_MS, choose, notBefore, service } from './district';

const HOUR_MS = 60 * MINUTE_MS;

/**
 * after-death / after-move (subject: the resident). A service dated after the resident died or
 * moved away. The rules refuse a service after a recorded death or move, so the fabricated
 * service reaches the ledger first and the death or move is reported afterwards with its true,
 * earlier date, which the ledger accepts (RecordResidentDeath, RecordResidentMovedOut).
 */
export function injectAfterFate(
  d: District,
  rng: Random,
  rate: number,
  kind: 'death' | 'move',
): void {
  const pattern = kind === 'death' ? 'after-death' : 'after-move';
  const eligible = [...d.residents.values()].filter(
    (r) => r.fate?.kind === kind && r.fate.day < d.lastDay && !d.touchedResidents.has(r.id),
  );
  const rec = d.recorder(rng);
  for (const r of choose(rng, eligible, rate)) {
    const fate = r.fate!;
    const day = fate.day + rng.int(1, Math.min(45, d.lastDay - fate.day));
    const recordId = `${r.id}-x-after-${kind}`;
    const command = service(
      d,
      rng,
      r,
      day,
      d.teamDoctor(rng, r.team),
      recordId,
      'face_to_face_home',
    );
    const serviceT = Math.max(rec.workingHours(day + rng.int(0, 3)), notBefore(r, day));
    const fateT = Math.max(fate.t, serviceT + rng.int(2, 96) * HOUR_MS);
    if (fateT > d.capMs) continue;
    const part = d.parts[r.part];
    part.push(serviceT, command);
    const fateCommand = part.command(fate.idx);
    part.replace(fate.idx, fateCommand, fateT);
    d.touchedResidents.add(r.id);
    d.plant({
      pattern,
      subject: { kind: 'resident', id: r.id },
      commandIds: [command.commandId, fateCommand.commandId],
    });
  }
}
