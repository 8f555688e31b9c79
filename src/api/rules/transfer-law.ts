/**
 * The law the transfer rule reads (GDPR Chapter V), as data with its source and the date it was checked.
 * When the Commission adopts, amends or repeals an adequacy decision, this file is what changes; the rule
 * in transfers.ts and its tests read it and nothing else.
 */

export type LawSource = {
  /** The instrument, as it is cited. */
  title: string;
  url: string;
  /** The date of the instrument (adoption), a calendar date. */
  date: string;
};

/** When this data was last compared with the Commission's list of adequacy decisions. */
export const TRANSFER_LAW_CHECKED_ON = '2025-12-01';

/**
 * The EEA: the 27 EU member states (Croatia the last to join, 1 July 2013) and Iceland, Liechtenstein and
 * Norway through the EEA Agreement, which incorporates the GDPR (EEA Joint Committee Decision 154/2018).
 * Transfers among them need no safeguard (GDPR Art. 1(3)).
 */
export const EEA_SOURCE: LawSource = {
  title: 'EEA Joint Committee Decision No 154/2018 incorporating the GDPR into the EEA Agreement',
  url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:22018D1022',
  date: '2018-07-06',
};
export const EEA_COUNTRIES: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
];

/**
 * Who in the country a decision covers: everyone (`all`), only commercial organisations (Canada's covers
 * organisations subject to PIPEDA), only the private sector (Japan's covers business operators under
 * the APPI), or only organisations certified under the EU-US Data Privacy Framework (the USA).
 */
type AdequacyScope = 'all' | 'commercial_organisations' | 'private_sector' | 'dpf_participants';

export type AdequacyDecision = {
  country: string;
  scope: AdequacyScope;
  /** What the scope means in words, for the reasoning a reader sees. */
  scopeNote: string | null;
  source: LawSource;
  /** Last day it applies when the decision carries a sunset clause; null when it has none. */
  validUntil: string | null;
};

const decision = (
  country: string,
  title: string,
  celex: string,
  date: string,
  scope: AdequacyScope = 'all',
  scopeNote: string | null = null,
  validUntil: string | null = null,
): AdequacyDecision => ({
  country,
  scope,
  scopeNote,
  source: { title, url: `https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:${celex}`, date },
  validUntil,
});

/**
 * The Commission's adequacy decisions under Art. 45 (and those under Directive 95/46/EC that stay in
 * force by Art. 45(9)). The European Patent Organisation's decision (2025) covers an international
 * organisation, not a country, so it has no location here.
 * Source list: https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en
 */
export const ADEQUACY_DECISIONS: readonly AdequacyDecision[] = [
  decision('AD', 'Commission Decision 2010/625/EU (Andorra)', '32010D0625', '2010-10-19'),
  decision('AR', 'Commission Decision 2003/490/EC (Argentina)', '32003D0490', '2003-06-30'),
  decision(
    'CA',
    'Commission Decision 2002/2/EC (Canada)',
    '32002D0002',
    '2001-12-20',
    'commercial_organisations',
    'commercial organisations subject to PIPEDA',
  ),
  decision('FO', 'Commission Decision 2010/146/EU (Faroe Islands)', '32010D0146', '2010-03-05'),
  decision('GG', 'Commission Decision 2003/821/EC (Guernsey)', '32003D0821', '2003-11-21'),
  decision('IL', 'Commission Decision 2011/61/EU (Israel)', '32011D0061', '2011-01-31'),
  decision('IM', 'Commission Decision 2004/411/EC (Isle of Man)', '32004D0411', '2004-04-28'),
  decision(
    'JP',
    'Commission Implementing Decision (EU) 2019/419 (Japan)',
    '32019D0419',
    '2019-01-23',
    'private_sector',
    'business operators under the Act on the Protection of Personal Information',
  ),
  decision('JE', 'Commission Decision 2008/393/EC (Jersey)', '32008D0393', '2008-05-08'),
  decision('NZ', 'Commission Implementing Decision 2013/65/EU (New Zealand)', '32013D0065', '2012-12-19'),
  decision('KR', 'Commission Implementing Decision (EU) 2022/254 (Republic of Korea)', '32022D0254', '2021-12-17'),
  decision('CH', 'Commission Decision 2000/518/EC (Switzerland)', '32000D0518', '2000-07-26'),
  decision('GB', 'Commission Implementing Decision (EU) 2021/1772 (United Kingdom), as renewed', '32021D1772', '2021-06-28'),
  decision('UY', 'Commission Implementing Decision 2012/484/EU (Uruguay)', '32012D0484', '2012-08-21'),
  decision(
    'US',
    'Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework)',
    '32023D1795',
    '2023-07-10',
    'dpf_participants',
    'organisations certified under the EU-US Data Privacy Framework',
  ),
];
