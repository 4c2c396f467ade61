/**
 * Name material for synthetic residents and streets. The mix is deliberately hard for matching:
 * surname prefixes (tussenvoegsels), diacritics, apostrophes, names from the larger communities
 * in Dutch cities, and street names with spaces and prefixes. None of it refers to real people.
 */

/** [prefix, surname]; the prefix is the tussenvoegsel, empty when there is none. */
export const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['de', 'Jong'], ['', 'Jansen'], ['de', 'Vries'], ['van den', 'Berg'], ['van', 'Dijk'],
  ['', 'Bakker'], ['', 'Janssen'], ['', 'Visser'], ['', 'Smit'], ['', 'Meijer'],
  ['de', 'Boer'], ['', 'Mulder'], ['de', 'Groot'], ['', 'Bos'], ['', 'Vos'],
  ['', 'Peters'], ['', 'Hendriks'], ['van', 'Leeuwen'], ['', 'Dekker'], ['', 'Brouwer'],
  ['de', 'Wit'], ['', 'Dijkstra'], ['', 'Smits'], ['de', 'Graaf'], ['van der', 'Meer'],
  ['van der', 'Linden'], ['', 'Kok'], ['', 'Jacobs'], ['de', 'Haan'], ['', 'Vermeulen'],
  ['van den', 'Heuvel'], ['van der', 'Veen'], ['van den', 'Broek'], ['de', 'Bruijn'], ['de', 'Bruin'],
  ['van der', 'Heijden'], ['', 'Schouten'], ['van', 'Beek'], ['', 'Willems'], ['van', 'Vliet'],
  ['van de', 'Ven'], ['', 'Hoekstra'], ['', 'Maas'], ['', 'Verhoeven'], ['', 'Koster'],
  ['van', 'Dam'], ['van der', 'Wal'], ['', 'Prins'], ['', 'Blom'], ['', 'Huisman'],
  ['', 'Peeters'], ['de', 'Lange'], ['van', "'t Hof"], ['in', "'t Veld"], ['ter', 'Horst'],
  ['ten', 'Cate'], ['van der', 'Sluis'], ['', 'Kuipers'], ['', 'Timmermans'], ['', 'Groen'],
  ['', 'Daniëls'], ['', 'Michiëls'], ['', 'Thijssen'], ['', 'IJzerman'], ['van', 'IJperen'],
  ['', 'Yılmaz'], ['', 'Öztürk'], ['', 'Çelik'], ['', 'Şahin'], ['', 'Kaya'],
  ['', 'Demir'], ['', 'Aydın'], ['', 'Doğan'], ['el', 'Idrissi'], ['el', 'Amrani'],
  ['', 'Bouzid'], ['', 'Benali'], ['', 'Ouali'], ['', 'Ait Taleb'], ['', 'Ramdin'],
  ['', 'Sewdien'], ['', 'Soekhoe'], ['', 'Kowalski'], ['', 'Nowak'], ['', 'Wiśniewska'],
  ['', 'Lewandowski'], ['', 'Sánchez'], ['', 'Gonçalves'], ['', 'Müller'], ['', 'Nguyễn'],
];

export const GIVEN_NAMES: readonly string[] = [
  'Jan', 'Johannes', 'Pieter', 'Cornelis', 'Willem', 'Hendrik', 'Gerrit', 'Jacob', 'Dirk', 'Daan',
  'Sem', 'Lucas', 'Thijs', 'Bram', 'Ruben', 'Stijn', 'Jeroen', 'Mark', 'Kees', 'Henk',
  'Maria', 'Anna', 'Johanna', 'Cornelia', 'Elisabeth', 'Emma', 'Julia', 'Sophie', 'Lotte', 'Sanne',
  'Anouk', 'Fleur', 'Lieke', 'Femke', 'Ingrid', 'Marieke', 'Ilse', 'Petra', 'Wilma', 'Annelies',
  'Zoë', 'Noë', 'Chloë', 'Anaïs', 'Loïs', 'Jérôme', 'René', 'André', 'Hélène', 'Léa',
  'Mohamed', 'Ahmed', 'Youssef', 'Fatima', 'Khadija', 'Nora', 'Samira', 'Bilal', 'Ayoub', 'Imane',
  'Ayşe', 'Özlem', 'Gülsen', 'Mehmet', 'Mustafa', 'Emre', 'Elif', 'Süleyman', 'Çağla', 'Hatice',
  'Priya', 'Rajesh', 'Shanti', 'Kevin', 'Jayden', 'Shanice', 'Tamara', 'Marek', 'Agnieszka', 'Tomasz',
];

/** Stems and suffixes are joined directly into street names: 'Frans Hals' + 'straat' → 'Frans Halsstraat'. */
export const STREET_STEMS: readonly string[] = [
  'Linden', 'Eiken', 'Berken', 'Populieren', 'Kastanje', 'Iepen', 'Wilgen', 'Esdoorn', 'Tulpen', 'Rozen',
  'Vondel', 'Rembrandt', 'Vermeer', 'Frans Hals', 'Jan Steen', 'Mozart', 'Beethoven', 'Chopin', 'Erasmus', 'Spinoza',
  'Thorbecke', 'Prins Bernhard', 'Koningin Juliana', 'Wilhelmina', 'Oranje', 'Nassau', 'Molen', 'Kerk', 'School', 'Station',
  'Haven', 'Dijk', 'Polder', 'Kanaal', 'Sluis', 'Weide', 'Akker', 'Boomgaard', 'Merel', 'Lijster',
  'Zwaluw', 'Reiger', 'Kievit', 'Curaçao', 'Suriname', 'Van Heemstra', "Van 't Hoff", 'Burgemeester de Vlugt', 'Dr. Schaepman', 'Sint Jans',
];

export const STREET_SUFFIXES: readonly string[] = [
  'straat', 'straat', 'straat', 'laan', 'laan', 'weg', 'plein', 'gracht', 'kade', 'singel', 'hof', 'pad', 'dreef', 'park',
];

/** Initials as creditors write them: 'J.' or 'J.P.'; 'IJ' stays one initial in Dutch. */
export function initialsOf(givenName: string, second?: string): string {
  const first = givenName.startsWith('IJ') ? 'IJ' : givenName.charAt(0);
  return second === undefined ? `${first}.` : `${first}.${second.charAt(0)}.`;
}
