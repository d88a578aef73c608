import type { OrgUnitState } from '../streams/org-unit-events';
import { UNIT_RANK, type UnitKind } from '../streams/vocabulary';
import { refuse } from '../rules/rule-error';
import { assertUnitOpen } from '../rules/unit-guards';

/** A parent must be open on the day and sit strictly higher in the hierarchy, so no cycle can form. */
export function assertParentFits(
  parent: OrgUnitState | undefined,
  parentId: string,
  kind: UnitKind,
  day: string,
): void {
  const p = assertUnitOpen(parent, parentId, day, 'parent unit');
  if (UNIT_RANK[p.kind!] >= UNIT_RANK[kind]) {
    refuse(
      'PARENT_KIND_MISMATCH',
      'unprocessable',
      `${p.kind} 类机构不能作为 ${kind} 的上级`,
      `a ${p.kind} cannot be the parent of a ${kind}`,
      {
        parentId,
        parentKind: p.kind,
        kind,
      },
    );
  }
}
