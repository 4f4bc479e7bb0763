import { classifyReply, stripReply } from '../../lib/replies';

// Quoted history, signatures and mobile footers are cut before the classifier weighs anything: the pitch we sent
// ("are you interested? call me") must never count as the lead's words.
const PITCH = 'Hi Ana, are you interested in more customers? Call me, let us talk, book a meeting!';

describe('stripReply: quoted history in six languages', () => {
  const cases: Array<[string, string]> = [
    ['en Gmail', `On Tue, Mar 4, 2025 at 9:12 AM Sam Lee <sam@growthco.io> wrote:\n> ${PITCH}`],
    ['en wrapped', `On Tue, Mar 4, 2025 at 9:12 AM Sam Lee <sam@growthco.io>\nwrote:\n\n${PITCH}`],
    ['es', `El lun, 3 mar 2025 a las 10:00, Sam (<sam@growthco.io>) escribió:\n${PITCH}`],
    ['fr', `Le lun. 3 mars 2025 à 10:02, Julie <julie@agence.fr> a écrit :\n${PITCH}`],
    ['de', `Am 03.03.2025 um 09:00 schrieb Sam Lee <sam@growthco.io>:\n${PITCH}`],
    ['pt', `Em seg., 3 de mar. de 2025 às 10:00, Sam <sam@growthco.io> escreveu:\n${PITCH}`],
    ['nl', `Op di 4 mrt 2025 om 09:30 schreef Sanne <sanne@bureau.nl>:\n${PITCH}`],
    ['Outlook separator', `-----Original Message-----\nFrom: Sam\nSent: Monday\n\n${PITCH}`],
    [
      'Outlook header block',
      `From: Sam Lee <sam@growthco.io>\nSent: Monday, March 3, 2025 9:00 AM\nTo: info@x.com\nSubject: hi\n\n${PITCH}`,
    ],
    [
      'Outlook underscores',
      `________________________________\nDe: Sam <sam@growthco.io>\nEnviado: lunes\nPara: info@x.es\n\n${PITCH}`,
    ],
    [
      'German header block',
      `Von: Sam <sam@growthco.io>\nGesendet: Montag, 3. März 2025\nAn: info@x.de\nBetreff: hi\n\n${PITCH}`,
    ],
    ['> lines', `> ${PITCH}\n> more`],
  ];
  it.each(cases)('%s: the quoted pitch is removed and the reply stays not_interested', (_name, quoted) => {
    const text = `No thanks, not interested.\n\n${quoted}`;
    const stripped = stripReply(text);
    expect(stripped.body).toBe('No thanks, not interested.');
    expect(stripped.cuts.some((c) => c.startsWith('quoted'))).toBe(true);
    const c = classifyReply({ text });
    expect(c.label).toBe('not_interested');
    expect(c.reasons.join(' ')).not.toMatch(/call me|book a meeting/);
  });
});

describe('stripReply: signatures and mobile footers', () => {
  const footers = [
    'Sent from my iPhone',
    'Enviado desde mi iPhone',
    'Envoyé de mon iPhone',
    'Von meinem iPhone gesendet',
    'Enviado do meu iPhone',
    'Verzonden vanaf mijn iPhone',
    'Get Outlook for Android',
  ];
  it.each(footers)('cuts the footer "%s" and what follows', (footer) => {
    const stripped = stripReply(`Kein Interesse.\n\n${footer}\nCall me at 555-0100`);
    expect(stripped.body).toBe('Kein Interesse.');
    expect(stripped.cuts).toContain('mobile footer removed');
  });

  it('cuts a "-- " signature and a sign-off line, keeping the reply above them', () => {
    expect(stripReply('Not for us.\n-- \nBob | Call me: 555').body).toBe('Not for us.');
    for (const signOff of [
      'Best regards,',
      'Saludos',
      'Cordialement',
      'Mit freundlichen Grüßen',
      'Atenciosamente',
      'Met vriendelijke groet',
    ]) {
      const stripped = stripReply(`No thanks.\n\n${signOff}\nJohn\nWe are interested in growth`);
      expect(stripped.body).toBe('No thanks.');
      expect(stripped.cuts).toContain('signature removed');
    }
  });

  it('keeps a one-line reply that is only a sign-off word (nothing above it to keep)', () => {
    expect(stripReply('Thanks').body).toBe('Thanks');
  });

  it('a signature naming a closed or interested thing does not decide: the words above it do', () => {
    const text =
      'Call me tomorrow.\n\nKind regards,\nJo\nClosed Sundays | Not interested in spam? Unsubscribe below';
    expect(classifyReply({ text }).label).toBe('interested');
  });
});
