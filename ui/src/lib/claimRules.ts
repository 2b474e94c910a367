// The claims board's own rules, pure (no imports at run time: tests/claims.test.mjs loads it alone):
// which claim comes first, how its days left read, and a claim listed by a server from before
// issue 11 read as the contract says.
import type { ClaimStage, ClaimSummary, Remedy } from './claims';

/** Claims still running first, the one falling due first at the top; settled, handed back and closed ones last. */
export function byDue(a: ClaimSummary, b: ClaimSummary): number {
  const open = (c: ClaimSummary) => (['handed_back', 'closed', 'settled'].includes(c.stage) ? 1 : 0);
  const left = (c: ClaimSummary) => (Number.isFinite(c.days_left) ? c.days_left : c.overdue ? -Infinity : Infinity);
  return open(a) - open(b) || Math.sign(left(a) - left(b)) || a.id - b.id;
}

/** How a claim's days left read: overdue (red), due within 3 days (amber), or in time. */
export function dueLevel(c: Pick<ClaimSummary, 'days_left' | 'overdue' | 'stage'>): 'overdue' | 'soon' | 'ok' | 'done' {
  if (['handed_back', 'closed', 'settled'].includes(c.stage)) return 'done';
  if (c.overdue || c.days_left < 0) return 'overdue';
  return c.days_left <= 3 ? 'soon' : 'ok';
}


const LEGACY_STAGE: Record<string, ClaimStage> = { open: 'registered', in_repair: 'at_service', resolved: 'handed_back', rejected: 'rejected', closed: 'closed' };

/** A claim as a server from before issue 11 lists it (a `status`, no stage nor days left) read as the contract says (days left unknown: NaN). */
export function withContractFields(raw: ClaimSummary): ClaimSummary {
  const x = raw as ClaimSummary & { status?: string; remedy?: Remedy };
  return {
    ...x,
    stage: x.stage ?? LEGACY_STAGE[x.status ?? ''] ?? 'registered',
    remedy_asked: x.remedy_asked ?? x.remedy ?? 'repair',
    // days left are the server's (its clock); without them the board shows only whether it is overdue
    days_left: typeof x.days_left === 'number' ? x.days_left : Number.NaN,
    allowed_steps: x.allowed_steps ?? [],
    overdue_remedies: x.overdue_remedies ?? [],
    kind: x.kind ?? 'warranty',
  };
}

