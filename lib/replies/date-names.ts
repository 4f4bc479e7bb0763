/** Month and weekday names (folded: lower case, no accents) in the six languages, for return-date extraction. */

const MONTH_LISTS: ReadonlyArray<readonly string[]> = [
  ['january', 'jan', 'enero', 'ene', 'janvier', 'janv', 'januar', 'janeiro', 'januari'],
  ['february', 'feb', 'febrero', 'fevrier', 'fevr', 'fev', 'februar', 'fevereiro', 'februari'],
  ['march', 'mar', 'marzo', 'mars', 'marz', 'maerz', 'marco', 'maart', 'mrt'],
  ['april', 'apr', 'abril', 'abr', 'avril', 'avr'],
  ['may', 'mayo', 'mai', 'maio', 'mei'],
  ['june', 'jun', 'junio', 'juin', 'juni', 'junho'],
  ['july', 'jul', 'julio', 'juillet', 'juil', 'juli', 'julho'],
  ['august', 'aug', 'agosto', 'aout', 'augustus'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'septembre', 'setembro'],
  ['october', 'oct', 'octubre', 'octobre', 'oktober', 'okt', 'outubro'],
  ['november', 'nov', 'noviembre', 'novembre', 'novembro'],
  ['december', 'dec', 'diciembre', 'dic', 'decembre', 'dezember', 'dez', 'dezembro'],
];

/** Folded month name → month number 1..12. */
export const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_LISTS.flatMap((names, i) => names.map((n) => [n, i + 1] as const)),
);

const WEEKDAY_LISTS: ReadonlyArray<readonly string[]> = [
  ['sunday', 'domingo', 'dimanche', 'sonntag', 'zondag'],
  ['monday', 'lunes', 'lundi', 'montag', 'segunda', 'maandag'],
  ['tuesday', 'martes', 'mardi', 'dienstag', 'terca', 'dinsdag'],
  ['wednesday', 'miercoles', 'mercredi', 'mittwoch', 'quarta', 'woensdag'],
  ['thursday', 'jueves', 'jeudi', 'donnerstag', 'quinta', 'donderdag'],
  ['friday', 'viernes', 'vendredi', 'freitag', 'sexta', 'vrijdag'],
  ['saturday', 'sabado', 'samedi', 'samstag', 'zaterdag'],
];

/** Folded weekday name → JavaScript day number (0 = Sunday). */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  WEEKDAY_LISTS.flatMap((names, i) => names.map((n) => [n, i] as const)),
);

/**
 * Words after which a date is the return date ("until", "back", "hasta", "jusqu'au", "bis", "até", "tot");
 * an out-of-office often names the day it started too.
 */
export const RETURN_CUES: ReadonlySet<string> = new Set([
  'until',
  'till',
  'til',
  'through',
  'thru',
  'back',
  'return',
  'returning',
  'returns',
  'hasta',
  'regreso',
  'regresare',
  'vuelta',
  'jusqu',
  'jusquau',
  'retour',
  'bis',
  'ab',
  'zuruck',
  'wieder',
  'ate',
  'retorno',
  'retornarei',
  'volto',
  'tot',
  'terug',
  'vanaf',
  'weer',
]);

/** Little words allowed between day, month and year ("15 de abril de 2025", "10th of March"). */
export const DATE_FILLERS: ReadonlySet<string> = new Set(['of', 'de', 'del', 'the', 'den', 'em']);
