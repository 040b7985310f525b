import { ValidationError } from '@kilde/schemas';
import { containsPersonalData, PLACEHOLDERS, scrubPersonalData } from '../..';
import { nationalId } from './national-id-generator';

/**
 * Realistic messages and what the scrubber must turn them into (bokmål placeholders).
 * National ids: 15080750037 is checked by hand in national-id.test.ts; the others were computed
 * with the independent generator in national-id-generator.ts.
 */
const SAMPLES: ReadonlyArray<readonly [input: string, expected: string]> = [
  // national identity numbers (valid ones become [fødselsnummer])
  ['Fødselsnummeret mitt er 15080750037', 'Fødselsnummeret mitt er [fødselsnummer]'],
  ['personnummer: 150807 50037', 'personnummer: [fødselsnummer]'],
  ['fnr 150807.50037, haster', 'fnr [fødselsnummer], haster'],
  ['D-nummeret mitt er 41019012393', 'D-nummeret mitt er [fødselsnummer]'],
  ['H-nummer 01459012342', 'H-nummer [fødselsnummer]'],
  ['født 29.02.04, nr 29020456750', 'født 29.02.04, nr [fødselsnummer]'],
  ['31129945020', '[fødselsnummer]'],
  ['010150 98755', '[fødselsnummer]'],
  ['fnr 150807 500 37', 'fnr [fødselsnummer]'],
  // long numbers that are not a valid national id become [nummer]
  ['nummeret er 15080750038', 'nummeret er [nummer]'],
  ['30027601061 er det riktig?', '[nummer] er det riktig?'],
  ['kontonr 1234.56.78901', 'kontonr [nummer]'],
  ['kortet 4111111111111111', 'kortet [nummer]'],
  ['ordrenummer 123456789', 'ordrenummer [nummer]'],
  // phone numbers
  ['ring meg på 91234567', 'ring meg på [telefon]'],
  ['ring 912 34 567', 'ring [telefon]'],
  ['ring 41 23 45 67', 'ring [telefon]'],
  ['+47 912 34 567', '[telefon]'],
  ['0047 91234567', '[telefon]'],
  ['+4791234567', '[telefon]'],
  ['(+47) 22 33 44 55', '[telefon]'],
  ['mobil: 482-12-345', 'mobil: [telefon]'],
  ['tlf 22.33.44.55.', 'tlf [telefon].'],
  ['nummeret mitt er 9123 4567', 'nummeret mitt er [telefon]'],
  ['Jeg er 15 og nummeret er 98765432', 'Jeg er 15 og nummeret er [telefon]'],
  ['sms 90000000 eller 47000000', 'sms [telefon] eller [telefon]'],
  // emergency and help-line numbers stay
  ['Ring 113 hvis det haster', 'Ring 113 hvis det haster'],
  ['Du kan ringe 116 123 hele døgnet', 'Du kan ringe 116 123 hele døgnet'],
  ['Alarmtelefonen 116 111', 'Alarmtelefonen 116 111'],
  ['ring 112 eller 110', 'ring 112 eller 110'],
  ['legevakt 116117', 'legevakt 116117'],
  ['Kirkens SOS: 22 40 00 40', 'Kirkens SOS: 22 40 00 40'],
  ['Kors på halsen 800 33 321', 'Kors på halsen 800 33 321'],
  // numbers a health question needs stay
  ['Jeg tar p-piller hver dag', 'Jeg tar p-piller hver dag'],
  ['Jeg tok 400 mg ibux', 'Jeg tok 400 mg ibux'],
  ['kl 22:30 i går', 'kl 22:30 i går'],
  ['Jeg er 15 år', 'Jeg er 15 år'],
  ['i 2024 begynte jeg på skolen', 'i 2024 begynte jeg på skolen'],
  ['fra 2023 til 2024', 'fra 2023 til 2024'],
  ['mellom 2019 2020', 'mellom 2019 2020'],
  ['tok 2 paracet kl 14.30', 'tok 2 paracet kl 14.30'],
  ['jeg går 10000 skritt', 'jeg går 10000 skritt'],
  ['BMI 18,5 og 165 cm', 'BMI 18,5 og 165 cm'],
  ['datoen 12.03.2024', 'datoen 12.03.2024'],
  ['1 av 10 får klamydia', '1 av 10 får klamydia'],
  ['Vekt: 52 kg, høyde 1.65', 'Vekt: 52 kg, høyde 1.65'],
  ['kr 1 200 000', 'kr 1 200 000'],
  // e-mail addresses
  ['mail meg på ola.nordmann@hotmail.no', 'mail meg på [e-post]'],
  ['KARI_99@GMAIL.COM', '[e-post]'],
  ['kari (at) gmail.com', '[e-post]'],
  ['eposten er kari.hansen+helse@skole.oslo.kommune.no.', 'eposten er [e-post].'],
  ['kari[at]online.no', '[e-post]'],
  // links
  ['se https://www.helsenorge.no/psykisk-helse.', 'se [lenke].'],
  ['gå inn på www.ung.no', 'gå inn på [lenke]'],
  ['profilen min: instagram.com/kari.h', 'profilen min: [lenke]'],
  ['http://example.com/a?b=c#d, sjekk', '[lenke], sjekk'],
  ['(se https://no.wikipedia.org/wiki/Klamydia_(sykdom))', '(se [lenke])'],
  ['Jeg leste det på vg.no', 'Jeg leste det på vg.no'],
  // social media handles
  ['snap: emma_2008', 'snap: [brukernavn]'],
  ['adda meg på snap kari_02', 'adda meg på snap [brukernavn]'],
  ['insta: ola.nordmann', 'insta: [brukernavn]'],
  ['sc: jonas', 'sc: [brukernavn]'],
  ['tiktok: kariii', 'tiktok: [brukernavn]'],
  ['discord navn#1234', 'discord [brukernavn]'],
  ['følg meg @kari_h!', 'følg meg [brukernavn]!'],
  ['snapen min er ingridd', 'snapen min er [brukernavn]'],
  ['jeg er på snap og insta hele dagen', 'jeg er på snap og insta hele dagen'],
  ['legg meg til på snap', 'legg meg til på snap'],
  ['snap er gøy', 'snap er gøy'],
  // street addresses and postcodes
  ['Jeg bor i Storgata 5', 'Jeg bor i [adresse]'],
  ['adressen er Kirkeveien 12B, 0368 Oslo', 'adressen er [adresse]'],
  ['Thorvald Meyers gate 12', '[adresse]'],
  ['bor på kirkevegen 3', 'bor på [adresse]'],
  ['postnummer 0150 Oslo', 'postnummer [adresse]'],
  ['vi bor i Trondheimsveien 2a', 'vi bor i [adresse]'],
  ['Bygdøy allé 5', '[adresse]'],
  ['Granstien 14', '[adresse]'],
  ['møtes ved Sentrumsplassen 1', 'møtes ved [adresse]'],
  ['Jeg gikk hjemveien 2 ganger', 'Jeg gikk hjemveien 2 ganger'],
  ['parkeringsplass 3 var ledig', 'parkeringsplass 3 var ledig'],
  ['I live at 221B Baker Street', 'I live at [adresse]'],
  ['Hei alle 3', 'Hei alle 3'],
  // personal names
  ['Jeg heter Kari Nordmann', 'Jeg heter [navn]'],
  ['Ola og Kari er sammen', '[navn] og [navn] er sammen'],
  ['Liv er vanskelig for tiden', 'Liv er vanskelig for tiden'],
  ['jeg og Liv var på kino', 'jeg og [navn] var på kino'],
  ['Per dag spiser jeg tre epler', 'Per dag spiser jeg tre epler'],
  ['Jeg tar én tablett per dag', 'Jeg tar én tablett per dag'],
  ['Per sa at jeg burde gå til legen', '[navn] sa at jeg burde gå til legen'],
  ['Bo hjemme er kjedelig', 'Bo hjemme er kjedelig'],
  ['Sol skinner i dag', 'Sol skinner i dag'],
  ['Mai er en fin måned', 'Mai er en fin måned'],
  ['Vi feiret 17. Mai', 'Vi feiret 17. Mai'],
  ['Mohammed er kjæresten min', '[navn] er kjæresten min'],
  ['Fatima og Aisha er bestevenner', '[navn] og [navn] er bestevenner'],
  ['Zainab har vondt i magen', '[navn] har vondt i magen'],
  ['Emir og Ali spiller fotball', '[navn] og [navn] spiller fotball'],
  ['læreren heter Hansen', 'læreren heter [navn]'],
  ['Kari-Anne er bestevenninna mi', '[navn] er bestevenninna mi'],
  ['kjæresten min ali slo meg', 'kjæresten min [navn] slo meg'],
  ['jeg heter liv', 'jeg heter [navn]'],
  ['Hei Per, kan du hjelpe?', 'Hei [navn], kan du hjelpe?'],
  ['Liv Berg er venninna mi', '[navn] er venninna mi'],
  ['jeg, Per og Kari', 'jeg, [navn] og [navn]'],
  ['eg og Eli skal på tur', 'eg og [navn] skal på tur'],
  ['Han heter Zlatan', 'Han heter [navn]'],
  ['Det heter Paracet', 'Det heter Paracet'],
  ['ungdomsskolen til Ola Nordmann', 'ungdomsskolen til [navn]'],
  ['kari hansen sa det', '[navn] sa det'],
  ['Tor du å spørre?', 'Tor du å spørre?'],
  ['eg tor ikkje', 'eg tor ikkje'],
  ['Livet er tungt', 'Livet er tungt'],
  ['Jeg vil ha et godt liv', 'Jeg vil ha et godt liv'],
  ['Karis mamma ringte', '[navn] mamma ringte'],
  ['I told Emma I was sad', 'I told [navn] I was sad'],
  ['Max 2 tabletter i døgnet', 'Max 2 tabletter i døgnet'],
  ['Jeg bruker Yasmin som p-pille', 'Jeg bruker Yasmin som p-pille'],
  ['Kan jeg ta Ella One?', 'Kan jeg ta Ella One?'],
  ['Berg er fint om sommeren', 'Berg er fint om sommeren'],
  ['Jeg går på Kuben vgs', 'Jeg går på [skole]'],
  // school names
  ['Han går på Tåsen skole', 'Han går på [skole]'],
  ['eg går på Sogndal vidaregåande skule', 'eg går på [skole]'],
  ['Oslo katedralskole er stor', '[skole] er stor'],
  ['Hartvig Nissens skole', '[skole]'],
  ['Ris ungdomsskole', '[skole]'],
  ['går på kuben vgs', 'går på [skole]'],
  ['Ny skole er skummelt', 'Ny skole er skummelt'],
  ['Jeg hater skole', 'Jeg hater skole'],
  ['på en videregående skole', 'på en videregående skole'],
  ['går på ungdomsskole', 'går på ungdomsskole'],
  ['Oslo International School', '[skole]'],
  // whole messages
  [
    'Hei! Jeg heter Emma (15), bor i Storgata 5 og går på Tåsen skole. Ring 912 34 567 eller send mail til emma@gmail.com',
    'Hei! Jeg heter [navn] (15), bor i [adresse] og går på [skole]. Ring [telefon] eller send mail til [e-post]',
  ],
  [
    'snap: kari_02, insta: emma.h og discord kari#1234',
    'snap: [brukernavn], insta: [brukernavn] og discord [brukernavn]',
  ],
  ['Jeg heter [navn] og nummeret er [telefon]', 'Jeg heter [navn] og nummeret er [telefon]'],
];

describe('scrubPersonalData on realistic messages', () => {
  it('has a table of at least 100 samples', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(SAMPLES)('%j', (input, expected) => {
    expect(scrubPersonalData(input).text).toBe(expected);
  });

  it('reports each finding with its type and offsets into the input', () => {
    const input = 'Jeg heter Kari Nordmann, ring 912 34 567 eller kari@x.no';
    const { findings } = scrubPersonalData(input);
    expect(findings).toEqual([
      { type: 'name', start: 10, end: 23 },
      { type: 'phone', start: 30, end: 40 },
      { type: 'email', start: 47, end: 56 },
    ]);
    expect(findings.map((f) => input.slice(f.start, f.end))).toEqual([
      'Kari Nordmann',
      '912 34 567',
      'kari@x.no',
    ]);
  });

  it('reports nothing and changes nothing when there is no personal data', () => {
    expect(scrubPersonalData('Hvor lenge kan klamydia vare uten symptomer?')).toEqual({
      text: 'Hvor lenge kan klamydia vare uten symptomer?',
      findings: [],
    });
    expect(scrubPersonalData('')).toEqual({ text: '', findings: [] });
  });

  it('scrubs national ids generated for many birth dates, D-numbers and H-numbers', () => {
    const dates = [
      { day: 1, month: 1, year: 1990 },
      { day: 29, month: 2, year: 2008 },
      { day: 31, month: 12, year: 2011 },
      { day: 17, month: 5, year: 1975 },
      { day: 9, month: 9, year: 2009 },
    ];
    for (const birth of dates) {
      for (const kind of ['fødselsnummer', 'd-number', 'h-number'] as const) {
        const start = birth.year >= 2000 ? 500 : 100;
        for (let individual = start; individual < start + 30; individual += 1) {
          const id = nationalId(birth, individual, kind);
          if (!id) continue;
          expect(scrubPersonalData(`mitt nummer er ${id}.`).text).toBe(
            'mitt nummer er [fødselsnummer].',
          );
          const spaced = `${id.slice(0, 6)} ${id.slice(6)}`;
          expect(scrubPersonalData(`nr: ${spaced}`).text).toBe('nr: [fødselsnummer]');
        }
      }
    }
  });
});

describe('placeholders per locale', () => {
  const input =
    'Emma, 15080750037, 912 34 567, emma@x.no, www.x.no, @emma_1, Storgata 5, Kuben vgs, 123456789';

  it('writes English placeholders for en', () => {
    expect(scrubPersonalData(input, { locale: 'en' }).text).toBe(
      '[name], [national-id], [phone], [email], [link], [username], [address], [school], [number]',
    );
  });

  it('writes the same Norwegian placeholders for nb and nn', () => {
    const expected =
      '[navn], [fødselsnummer], [telefon], [e-post], [lenke], [brukernavn], [adresse], [skole], [nummer]';
    expect(scrubPersonalData(input, { locale: 'nb' }).text).toBe(expected);
    expect(scrubPersonalData(input, { locale: 'nn' }).text).toBe(expected);
    expect(scrubPersonalData(input).text).toBe(expected);
    expect(PLACEHOLDERS.nn).toEqual(PLACEHOLDERS.nb);
  });

  it('leaves placeholders of either language alone', () => {
    const scrubbed = '[navn] [name] [telefon] [phone] [fødselsnummer] [national-id]';
    expect(scrubPersonalData(scrubbed, { locale: 'en' }).text).toBe(scrubbed);
  });

  it('rejects an unknown locale with a ValidationError naming the option', () => {
    const call = (): unknown => scrubPersonalData('hei', { locale: 'sv' as never });
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(
      expect.objectContaining({
        details: { errors: [expect.objectContaining({ path: '/options/locale' })] },
      }),
    );
  });

  it('rejects text that is not a string', () => {
    expect(() => scrubPersonalData(undefined as never)).toThrow(ValidationError);
  });
});

describe('containsPersonalData', () => {
  it.each([
    ['kari hansen klamydia', true],
    ['kari@x.no', true],
    ['91234567', true],
    ['snap: kari_02', true],
    ['klamydia symptomer', false],
    ['116 123', false],
    ['p-piller 2024', false],
    ['Liv etter døden', false],
  ])('%j → %s', (query, expected) => {
    expect(containsPersonalData(query)).toBe(expected);
  });
});
