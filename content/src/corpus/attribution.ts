import type { Audience, Source } from '@kilde/schemas';
import { firstNames, laws, organisations, surnames, type CatalogTopic } from './catalog';
import type { Random } from './prng';
import { slugify } from './slug';

/** A plausible Norwegian name; some have a middle surname ("Ingrid Solberg Haugen"). */
export function personName(rng: Random): string {
  const first = firstNames[rng.zipf(firstNames.length, 0.6)] ?? 'Kari';
  const last = surnames[rng.zipf(surnames.length, 0.8)] ?? 'Nordmann';
  if (!rng.chance(0.2)) return `${first} ${last}`;
  return `${first} ${rng.pick(surnames)} ${last}`;
}

const audienceOrder: readonly Audience[] = ['13-15', '16-17', '18-20', 'parents', 'professionals'];

/** The topic's age bands, sometimes narrowed, sometimes with parents or professionals added. */
export function audienceFor(topic: CatalogTopic, rng: Random): Audience[] {
  const chosen = new Set<Audience>(topic.audience);
  if (chosen.size > 1 && rng.chance(0.25)) chosen.delete(rng.pick(topic.audience));
  if (rng.chance(0.1)) chosen.add('parents');
  if (rng.chance(0.04)) chosen.add('professionals');
  return audienceOrder.filter((a) => chosen.has(a));
}

const studyKinds = [
  'a systematic review',
  'a cohort study',
  'a cross-sectional study',
  'a qualitative study',
  'a randomised controlled trial',
];
const journals = [
  'Nordic Journal of Youth Health',
  'Journal of Adolescent Wellbeing',
  'Tidsskrift for ungdomshelse',
  'Scandinavian Review of School Health',
];

function research(topic: CatalogTopic, rng: Random): Source {
  const subject = topic.title[2];
  return {
    title: `${subject} in adolescents: ${rng.pick(studyKinds)}`,
    publisher: rng.pick(journals),
    year: rng.int(2008, 2025),
    url: `https://forskning.example.org/articles/${slugify(subject)}-${rng.int(1000, 99999)}`,
    kind: 'research',
  };
}

function guideline(topic: CatalogTopic, rng: Random): Source {
  if (rng.chance(0.3)) {
    return {
      title:
        'Nasjonal faglig retningslinje for det helsefremmende og forebyggende arbeidet i helsestasjon, skolehelsetjeneste og helsestasjon for ungdom',
      publisher: 'Helsedirektoratet',
      year: 2017,
      url: 'https://www.helsedirektoratet.no/retningslinjer/helsestasjons-og-skolehelsetjenesten',
      kind: 'guideline',
    };
  }
  const org = rng.pick(organisations);
  const subject = topic.title[0].toLowerCase();
  return {
    title: rng.chance(0.5)
      ? `Veileder om ${subject} for helsepersonell`
      : `Faglige råd: ${subject} hos barn og unge`,
    publisher: org.name[0],
    year: rng.int(2015, 2025),
    url: `${org.url}/veiledere/${topic.slug[0]}-${rng.int(10, 999)}`,
    kind: 'guideline',
  };
}

function law(topic: CatalogTopic, rng: Random): Source {
  const relevant = laws.filter((l) => l.topics.includes(topic.key));
  const chosen = rng.pick(relevant.length > 0 ? relevant : laws);
  return { title: chosen.title, year: chosen.year, url: chosen.url, kind: 'law' };
}

function other(topic: CatalogTopic, rng: Random): Source {
  if (rng.chance(0.35)) {
    const year = rng.int(2018, 2025);
    return {
      title: `Ungdata – nasjonale resultater ${year}`,
      publisher: 'NOVA, OsloMet',
      year,
      url: 'https://www.ungdata.no',
      kind: 'other',
    };
  }
  const org = rng.pick(organisations);
  return {
    title: `${topic.title[0]} – informasjon til unge`,
    publisher: org.name[0],
    url: `${org.url}/${topic.slug[0]}/${rng.int(100, 9999)}`,
    kind: 'other',
  };
}

const sourceKinds = [research, guideline, law, other] as const;
const sourceWeights = [35, 30, 15, 20];

/** 1–4 distinct sources about the topic, each with a URL. */
export function sourcesFor(topic: CatalogTopic, rng: Random): Source[] {
  const wanted = rng.int(1, 4);
  const sources: Source[] = [];
  for (let attempt = 0; attempt < wanted * 3 && sources.length < wanted; attempt++) {
    const source = (sourceKinds[rng.weighted(sourceWeights)] ?? other)(topic, rng);
    if (!sources.some((s) => s.title === source.title)) sources.push(source);
  }
  return sources;
}
