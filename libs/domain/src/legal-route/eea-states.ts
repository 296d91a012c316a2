/**
 * E3: nationalities of the European Economic Area (the 27 EU member states, Iceland, Liechtenstein and
 * Norway), as ISO 3166-1 alpha-3 codes on identity documents.
 */
export const EEA_NATIONALITIES: ReadonlySet<string> = new Set([
  'AUT', 'BEL', 'BGR', 'HRV', 'CYP', 'CZE', 'DNK', 'EST', 'FIN', 'FRA', 'DEU', 'GRC', 'HUN', 'IRL', 'ITA',
  'LVA', 'LTU', 'LUX', 'MLT', 'NLD', 'POL', 'PRT', 'ROU', 'SVK', 'SVN', 'ESP', 'SWE', 'ISL', 'LIE', 'NOR',
]);
