// The end of day (issue 13): a store's (or one desk's) day from its records, on screen and on
// paper. The types are the server's (generated).
import type { components } from './generated/openapi';
import { call } from './transport';
import { getToken, type Lang, type SlipLayout } from './api';

type S = components['schemas'];

export type EndOfDay = S['EndOfDayView'];
export type DayFigures = S['DayFigures'];
export type DayReturn = S['ReturnRow'];

/** Which end of day: a day (YYYY-MM-DD; '' = the store's today) and a desk ('' = the whole store; a clerk's own). */
export type DayQuery = { day: string; desk: string };

function args(q: DayQuery): { day: string | null; desk: string | null; store: null } {
  return { day: q.day || null, desk: q.desk || null, store: null };
}

export function endOfDay(q: DayQuery): Promise<EndOfDay> {
  return call('end_of_day', args(q), getToken());
}

export function endOfDayDocument(q: DayQuery, lang: Lang, layout: SlipLayout): Promise<Blob> {
  return call('end_of_day_document', { ...args(q), lang, layout }, getToken());
}

export function printEndOfDay(q: DayQuery, lang: Lang, layout: SlipLayout): Promise<S['Printed']> {
  return call('print_end_of_day', { ...args(q), lang, layout }, getToken());
}
