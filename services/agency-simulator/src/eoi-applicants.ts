import { type EoiApplicant, type EoiSubmittedData } from '@oioo/contracts';
import { type SeededRandom } from './seeded-random';

/** Names by nationality, as they would be written on the portal. Invented combinations, not real people. */
interface NameBook {
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
}

const NAMES: Record<string, NameBook> = {
  ERI: {
    male: ['Yonas', 'Dawit', 'Tesfay', 'Mehari', 'Filmon', 'Kidane', 'Semere', 'Biniam'],
    female: ['Senait', 'Helen', 'Lidia', 'Ruta', 'Saba', 'Yordanos', 'Mebrat', 'Selam'],
    family: ['Tesfamariam', 'Ghebremedhin', 'Habte', 'Woldu', 'Berhane', 'Tekle', 'Kahsay', 'Haile'],
  },
  SDN: {
    male: ['Mohamed', 'Ahmed', 'Osman', 'Abdelrahman', 'Mustafa', 'Hamza', 'Ibrahim', 'Yousif'],
    female: ['Fatima', 'Amna', 'Hawa', 'Mariam', 'Sara', 'Khadija', 'Aisha', 'Nafisa'],
    family: ['Abdalla', 'Elhassan', 'Osman', 'Adam', 'Ishag', 'Babiker', 'Elamin', 'Musa'],
  },
  AFG: {
    male: ['Ahmad', 'Mohammad', 'Rahim', 'Farid', 'Jawad', 'Naveed', 'Sohail', 'Zabihullah'],
    female: ['Fatima', 'Zahra', 'Maryam', 'Shabnam', 'Nargis', 'Parwana', 'Freshta', 'Sima'],
    family: ['Ahmadzai', 'Rahimi', 'Hakimi', 'Noori', 'Sultani', 'Karimi', 'Mohammadi', 'Wardak'],
  },
  SYR: {
    male: ['Ahmad', 'Omar', 'Khaled', 'Yousef', 'Mahmoud', 'Rami', 'Samer', 'Bilal'],
    female: ['Rania', 'Lina', 'Hiba', 'Nour', 'Dima', 'Reem', 'Maya', 'Rasha'],
    family: ['Al-Hassan', 'Haddad', 'Khalil', 'Al-Ahmad', 'Darwish', 'Hamdan', 'Sabbagh', 'Al-Ali'],
  },
  IRN: {
    male: ['Reza', 'Ali', 'Hossein', 'Mehdi', 'Amir', 'Saeed', 'Behrouz', 'Kaveh'],
    female: ['Maryam', 'Zahra', 'Narges', 'Shirin', 'Leila', 'Parisa', 'Mina', 'Nasrin'],
    family: ['Hosseini', 'Ahmadi', 'Rezaei', 'Moradi', 'Karimi', 'Jafari', 'Mohammadi', 'Sadeghi'],
  },
  IRQ: {
    male: ['Karwan', 'Hawkar', 'Rebwar', 'Ali', 'Hussein', 'Mustafa', 'Dilshad', 'Shwan'],
    female: ['Shilan', 'Zainab', 'Nasreen', 'Avin', 'Huda', 'Tara', 'Runak', 'Sozan'],
    family: ['Ahmed', 'Mohammed', 'Hassan', 'Rasul', 'Aziz', 'Qadir', 'Karim', 'Salih'],
  },
  VNM: {
    male: ['Van Minh', 'Duc Anh', 'Quang Huy', 'Van Hung', 'Thanh Tung', 'Minh Tuan', 'Van Long', 'Hoang Nam'],
    female: ['Thi Lan', 'Thi Hoa', 'Thi Mai', 'Ngoc Anh', 'Thu Trang', 'Thi Huong', 'Thi Thu', 'Bich Ngoc'],
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Phan', 'Vu', 'Dang'],
  },
};

/** Nationalities of applicants with their weights, roughly those of the small-boat crossings. */
const NATIONALITY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['AFG', 0.2],
  ['ERI', 0.18],
  ['SDN', 0.15],
  ['SYR', 0.13],
  ['IRN', 0.12],
  ['IRQ', 0.12],
  ['VNM', 0.1],
];

/** EEA states whose nationality a dual national might also hold (E3 refuses them). */
const EEA_SECOND_NATIONALITIES = ['DEU', 'ITA', 'NLD', 'SWE', 'BEL'] as const;

/** E3: the ways the simulated portal sends an ineligible EOI, one per submission. */
export const INELIGIBILITY_KINDS = [
  'eea-national',
  'no-nationality-on-document',
  'french-residence-permission',
  'protection-elsewhere',
  'eea-family-member',
  'minor-alone',
] as const;

/** One way an EOI fails E3. */
export type IneligibilityKind = (typeof INELIGIBILITY_KINDS)[number];

/** The shares that shape a submission. */
export interface SubmissionMix {
  familyShare: number;
  ineligibleShare: number;
  ukLinkShare: number;
}

/** A generated submission and what the simulation knows about it (never sent: the platform must find out itself). */
export interface GeneratedEoi {
  data: EoiSubmittedData;
  family: boolean;
  ineligibility?: IneligibilityKind;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/**
 * Builds the n-th submission of the run: a single applicant or a family (E5: one main applicant, a
 * partner, sometimes an adult dependant, children), with names, dates of birth, nationalities and an
 * identity document; a configured share is ineligible in one of the E3 ways. Fixed by the seed and n.
 */
export function generateEoi(random: SeededRandom, mix: SubmissionMix, n: number, now: Date): GeneratedEoi {
  const eoiId = random.opaqueId('eoi', 'eoi', n);
  const nationality = weighted(random, NATIONALITY_WEIGHTS, 'eoi-nationality', n);
  const ineligibility = random.chance(mix.ineligibleShare, 'eoi-ineligible', n)
    ? INELIGIBILITY_KINDS[random.between(0, INELIGIBILITY_KINDS.length - 1, 'eoi-ineligible-kind', n)]
    : undefined;
  const family = ineligibility !== 'minor-alone' && random.chance(mix.familyShare, 'eoi-family', n);
  const ukLink = random.chance(mix.ukLinkShare, 'eoi-uk-link', n);
  const person = (index: number, role: EoiApplicant['role'], sex: 'male' | 'female', age: number, familyName?: string): EoiApplicant => {
    const key = `${n}.${index}`;
    const book = NAMES[nationality] as NameBook;
    const givenNames = pick(random, sex === 'male' ? book.male : book.female, 'eoi-given', key);
    return {
      personId: random.opaqueId('per', 'eoi-person', key),
      role,
      givenNames,
      familyName: familyName ?? pick(random, book.family, 'eoi-family-name', key),
      dateOfBirth: birthDateFor(random, age, now, key),
      nationalities: [nationality],
      document: documentFor(random, nationality, now, key),
      eeaFamilyMember: false,
      protectionElsewhere: false,
      frenchResidencePermission: false,
      ukLinkWithin5Years: ukLink && role !== 'child',
    };
  };

  const mainSex = random.chance(0.7, 'eoi-main-sex', n) ? 'male' : 'female';
  const mainAge = ineligibility === 'minor-alone' ? random.between(16, 17, 'eoi-main-age', n) : random.between(19, 55, 'eoi-main-age', n);
  const main = person(0, 'main', mainSex, mainAge);
  const applicants: EoiApplicant[] = [main];
  if (family) {
    const partner = random.chance(0.8, 'eoi-partner', n);
    if (partner) {
      const partnerAge = Math.max(19, Math.min(60, mainAge + random.between(-6, 6, 'eoi-partner-age', n)));
      applicants.push(person(1, 'partner', mainSex === 'male' ? 'female' : 'male', partnerAge));
    }
    if (random.chance(0.1, 'eoi-dependant', n)) {
      applicants.push(person(2, 'adult-dependant', random.chance(0.5, 'eoi-dependant-sex', n) ? 'male' : 'female', random.between(60, 75, 'eoi-dependant-age', n)));
    }
    // A family without a partner has at least one child, so that it is a family.
    const children = random.between(partner ? 0 : 1, 4, 'eoi-children', n);
    const eldest = Math.min(16, mainAge - 18);
    for (let child = 0; child < children; child += 1) {
      const sex = random.chance(0.5, 'eoi-child-sex', n, child) ? 'male' : 'female';
      applicants.push(person(3 + child, 'child', sex, random.between(0, Math.max(0, eldest), 'eoi-child-age', n, child), main.familyName));
    }
  }
  if (ineligibility) makeIneligible(random, main, ineligibility, n);
  const data: EoiSubmittedData = {
    eoiId,
    ...(applicants.length > 1 ? { familyReference: `FAM-${random.opaqueId('fam', 'eoi-family-reference', n).slice(4)}` } : {}),
    submittedAt: now.toISOString(),
    applicants,
  };
  return { data, family: applicants.length > 1, ...(ineligibility ? { ineligibility } : {}) };
}

/** E3: changes the main applicant so the EOI fails in the given way (minor-alone is set by the age already). */
function makeIneligible(random: SeededRandom, main: EoiApplicant, kind: IneligibilityKind, n: number): void {
  switch (kind) {
    case 'eea-national':
      main.nationalities = [...main.nationalities, pick(random, EEA_SECOND_NATIONALITIES, 'eoi-eea', n)];
      break;
    case 'no-nationality-on-document':
      main.document = { ...main.document, kind: 'travel-document', nationalityShown: null };
      break;
    case 'french-residence-permission':
      main.frenchResidencePermission = true;
      break;
    case 'protection-elsewhere':
      main.protectionElsewhere = true;
      break;
    case 'eea-family-member':
      main.eeaFamilyMember = true;
      break;
    case 'minor-alone':
      break;
  }
}

/** A date of birth that makes the person exactly `age` whole years old on `now`, some way from a birthday. */
function birthDateFor(random: SeededRandom, age: number, now: Date, key: string): string {
  const yearsAgo = Date.UTC(now.getUTCFullYear() - age - 1, now.getUTCMonth(), now.getUTCDate());
  const offset = random.between(3, 360, 'eoi-birthday', key);
  return new Date(yearsAgo + offset * DAY_MS).toISOString().slice(0, 10);
}

/** An identity document showing the nationality; some have expired, which E3 accepts. */
function documentFor(random: SeededRandom, nationality: string, now: Date, key: string): EoiApplicant['document'] {
  const roll = random.unit('eoi-document-kind', key);
  const kind = roll < 0.6 ? 'passport' : roll < 0.85 ? 'national-identity-card' : roll < 0.95 ? 'travel-document' : 'other';
  const prefix = LETTERS.charAt(random.between(0, LETTERS.length - 1, 'eoi-document-letter', key));
  const digits = String(random.between(0, 9_999_999, 'eoi-document-number', key)).padStart(7, '0');
  const expiresOn = new Date(now.getTime() + random.between(-3 * 365, 8 * 365, 'eoi-document-expiry', key) * DAY_MS).toISOString().slice(0, 10);
  return { kind, number: `${prefix}${digits}`, issuingCountry: nationality, nationalityShown: nationality, expiresOn };
}

function pick<T>(random: SeededRandom, items: readonly T[], ...key: (string | number)[]): T {
  return items[random.between(0, items.length - 1, ...key)] as T;
}

function weighted(random: SeededRandom, weights: readonly (readonly [string, number])[], ...key: (string | number)[]): string {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.unit(...key) * total;
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (weights[weights.length - 1] as readonly [string, number])[0];
}
