// Which claim the claims screen shows, and how the board is filtered when another screen opens it
// (the return screen's "N claims overdue" flag opens the board on the overdue ones).
export const claimsNav = $state<{ open: number | null; overdueOnly: boolean }>({ open: null, overdueOnly: false });
