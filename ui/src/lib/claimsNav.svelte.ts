// Which claim (or paid repair order) the claims screen shows, and how the board is filtered when
// another screen opens it (the return screen's "N claims overdue" flag opens the board on the
// overdue ones). `toReturn`: a receipt the return screen looks up as it opens (a repair refused
// because the item is still under a guarantee becomes a warranty claim there).
export const claimsNav = $state<{ open: number | null; overdueOnly: boolean; view: 'claims' | 'repairs'; repair: number | null; toReturn: string | null }>({
  open: null,
  overdueOnly: false,
  view: 'claims',
  repair: null,
  toReturn: null,
});
