import type { SafetyLocale } from '../locale';
import { resolveLocale } from '../locale';
import type { CrisisHelpLine } from './types';

type Text = Pick<CrisisHelpLine, 'name' | 'description'>;
type Line = Omit<CrisisHelpLine, 'name' | 'description'> & { text: Record<SafetyLocale, Text> };

const LINES: readonly Line[] = [
  {
    id: 'mental-helse',
    number: '116 123',
    tel: 'tel:116123',
    emergency: false,
    text: {
      nb: {
        name: 'Mental Helse Hjelpetelefonen',
        description: 'Snakk med noen når du har det vondt eller tenker på å ta livet ditt.',
      },
      nn: {
        name: 'Mental Helse Hjelpetelefonen',
        description: 'Snakk med nokon når du har det vondt eller tenkjer på å ta livet ditt.',
      },
      en: {
        name: 'Mental Helse helpline (Hjelpetelefonen)',
        description: 'Talk to someone when you are struggling or thinking about ending your life.',
      },
    },
  },
  {
    id: 'alarmtelefonen',
    number: '116 111',
    tel: 'tel:116111',
    emergency: false,
    text: {
      nb: {
        name: 'Alarmtelefonen for barn og unge',
        description:
          'Ring hvis du blir utsatt for vold, overgrep eller omsorgssvikt, eller er redd.',
      },
      nn: {
        name: 'Alarmtelefonen for barn og unge',
        description: 'Ring om du blir utsett for vald, overgrep eller omsorgssvikt, eller er redd.',
      },
      en: {
        name: 'Alarmtelefonen, the helpline for children and young people',
        description: 'Call if you are exposed to violence, abuse or neglect, or are afraid.',
      },
    },
  },
  {
    id: 'medical-emergency',
    number: '113',
    tel: 'tel:113',
    emergency: true,
    text: {
      nb: { name: 'Medisinsk nødtelefon', description: 'Ring 113 når liv er i fare.' },
      nn: { name: 'Medisinsk naudtelefon', description: 'Ring 113 når liv er i fare.' },
      en: { name: 'Medical emergency', description: 'Call 113 when a life is in danger.' },
    },
  },
  {
    id: 'police',
    number: '112',
    tel: 'tel:112',
    emergency: true,
    text: {
      nb: { name: 'Politi', description: 'Ring 112 hvis du eller noen andre er i fare nå.' },
      nn: { name: 'Politi', description: 'Ring 112 om du eller nokon andre er i fare no.' },
      en: { name: 'Police', description: 'Call 112 if you or someone else is in danger now.' },
    },
  },
];

/**
 * The numbers to show someone in crisis, with names and descriptions in `locale`:
 * Mental Helse Hjelpetelefonen 116 123, Alarmtelefonen for barn og unge 116 111, medical
 * emergency 113 and police 112.
 * @remarks Helplines first, emergency numbers after, each flagged with `emergency` so a page can
 * put 113/112 first when {@link detectCrisis} reports `acute-danger`. Returns fresh objects.
 * @throws ValidationError when `locale` is not nb, nn or en.
 */
export function crisisHelp(locale?: SafetyLocale): CrisisHelpLine[] {
  const lang = resolveLocale(locale);
  return LINES.map(({ text, ...line }) => ({ ...line, ...text[lang] }));
}
