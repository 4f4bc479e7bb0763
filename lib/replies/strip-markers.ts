/**
 * Markers of quoted history and signatures, matched against one trimmed, lower-cased line with
 * startsWith/endsWith/includes only (no regex, so a hostile line costs linear time).
 */

/** "On … wrote:" in each language: the line starts with the first word and ends with the verb (+ ':'). */
export const ATTRIBUTION_LINES: ReadonlyArray<{ start: string; verb: string }> = [
  { start: 'on ', verb: 'wrote' },
  { start: 'el ', verb: 'escribió' },
  { start: 'le ', verb: 'a écrit' },
  { start: 'am ', verb: 'schrieb' },
  { start: 'em ', verb: 'escreveu' },
  { start: 'op ', verb: 'schreef' },
  { start: 'il ', verb: 'scritto' },
];

/** Separator lines that open a forwarded or quoted message; everything from them on is history. */
export const HISTORY_SEPARATORS: readonly string[] = [
  '-----original message-----',
  '----- original message -----',
  '-----mensaje original-----',
  '----- mensaje original -----',
  "-----message d'origine-----",
  '-----ursprüngliche nachricht-----',
  '-----mensagem original-----',
  '-----oorspronkelijk bericht-----',
  '---------- forwarded message ---------',
  'begin forwarded message:',
];

/** First line of a mail header block ("From: …"), in each language. */
export const HEADER_FROM: readonly string[] = ['from:', 'de:', 'de :', 'von:', 'van:', 'da:'];
/** Other header lines; a From line followed within a few lines by one of these opens a quoted block. */
export const HEADER_OTHER: readonly string[] = [
  'sent:',
  'date:',
  'to:',
  'subject:',
  'cc:',
  'enviado:',
  'enviado el:',
  'fecha:',
  'para:',
  'asunto:',
  'envoyé :',
  'envoyé:',
  'à :',
  'objet :',
  'objet:',
  'gesendet:',
  'datum:',
  'an:',
  'betreff:',
  'assunto:',
  'data:',
  'verzonden:',
  'aan:',
  'onderwerp:',
];

/** Mobile and client footers: the line starts with one of these (German puts the verb last). */
export const MOBILE_FOOTERS: readonly string[] = [
  'sent from my',
  'sent from outlook',
  'get outlook for',
  'sent via',
  'enviado desde mi',
  'enviado desde outlook',
  'envoyé de mon',
  'envoyé depuis mon',
  'von meinem',
  'gesendet von meinem',
  'enviado do meu',
  'enviado a partir do',
  'verzonden vanaf mijn',
  'verstuurd vanaf mijn',
  'verzonden met',
];

/** A whole line that is only a sign-off ("Best regards," "Saludos"): the rest is the signature. */
export const SIGN_OFFS: ReadonlySet<string> = new Set([
  'thanks',
  'thank you',
  'thanks again',
  'many thanks',
  'cheers',
  'best',
  'regards',
  'best regards',
  'kind regards',
  'warm regards',
  'all the best',
  'sincerely',
  'thx',
  'saludos',
  'un saludo',
  'saludos cordiales',
  'atentamente',
  'gracias',
  'muchas gracias',
  'cordialement',
  'bien cordialement',
  'bien à vous',
  'merci',
  'bonne journée',
  'mit freundlichen grüßen',
  'freundliche grüße',
  'viele grüße',
  'beste grüße',
  'liebe grüße',
  'gruß',
  'grüße',
  'lg',
  'vg',
  'mfg',
  'atenciosamente',
  'abraços',
  'abraço',
  'obrigado',
  'obrigada',
  'cumprimentos',
  'met vriendelijke groet',
  'met vriendelijke groeten',
  'vriendelijke groet',
  'groet',
  'groeten',
  'mvg',
  'bedankt',
]);
