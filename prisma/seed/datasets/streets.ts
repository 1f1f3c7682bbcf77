// Public Works right-of-way assets: street trees, streetlights and pavement condition.
import { ARTERIALS, CITY_BBOX, STREETS, randomPoint, streetAddress } from '../places.js';
import { daysAgo, isoDate } from '../random.js';
import { field, maybe, padded, type DatasetSpec } from '../types.js';

const SPECIES = [
  ['Coast Live Oak', 'Quercus agrifolia', 260, 60], ['Valley Oak', 'Quercus lobata', 70, 70],
  ['London Plane', 'Platanus × acerifolia', 150, 55], ['California Sycamore', 'Platanus racemosa', 110, 60],
  ['Jacaranda', 'Jacaranda mimosifolia', 120, 35], ['Crape Myrtle', 'Lagerstroemia indica', 140, 20],
  ['Chinese Pistache', 'Pistacia chinensis', 130, 30], ['Brisbane Box', 'Lophostemon confertus', 90, 40],
  ['Southern Magnolia', 'Magnolia grandiflora', 80, 40], ['Canary Island Pine', 'Pinus canariensis', 60, 70],
  ['Shamel Ash', 'Fraxinus uhdei', 70, 50], ['Holly Oak', 'Quercus ilex', 50, 40],
  ['Western Redbud', 'Cercis occidentalis', 40, 15], ['Strawberry Tree', 'Arbutus \'Marina\'', 50, 25],
  ['Callery Pear', 'Pyrus calleryana', 60, 30],
] as const;
const NATIVE_OAKS = new Set(['Coast Live Oak', 'Valley Oak']);

export const streetTrees: DatasetSpec = {
  identifier: 'toaks-street-trees',
  title: 'Street Tree Inventory',
  description:
    'Inventory of trees in the public right-of-way maintained by Public Works, including the native Coast Live Oaks and Valley Oaks ' +
    'that give the city its name and are protected by the Oak Tree Preservation and Protection ordinance. One row per tree with species, ' +
    'trunk diameter at breast height, height, condition, planting and last inspection dates. Updated monthly from the arborist work system.',
  keywords: ['street trees', 'urban forest', 'oak trees', 'canopy', 'arborist'],
  themes: ['Environment'],
  issued: '2016-04-22',
  modified: '2026-11-02T16:30:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1M',
  spatial: CITY_BBOX,
  temporal: '2010-01-01/2026-11-01',
  publisher: 'public-works',
  steward: 'daniel.whitfield@toaks.example',
  license: 'ODbL-1.0',
  geographic: true,
  references: ['https://www.toaks.example/municipal-code/oak-tree-preservation'],
  recordCount: 1500,
  fields: [
    field('tree_id', 'TEXT', 'Tree ID', 'Inventory identifier, e.g. ST-000123.'),
    field('species_common', 'TEXT', 'Species', 'Common name of the species.'),
    field('species_botanical', 'TEXT', 'Botanical name', 'Botanical (Latin) name.'),
    field('address', 'TEXT', 'Address', 'Nearest street address.'),
    field('dbh_inches', 'DECIMAL', 'DBH (in)', 'Trunk diameter at breast height (4.5 ft), in inches.'),
    field('height_ft', 'INTEGER', 'Height (ft)', 'Estimated height in feet.'),
    field('condition', 'TEXT', 'Condition', 'Good, Fair, Poor or Dead.'),
    field('protected_oak', 'BOOLEAN', 'Protected oak', 'Native oak protected by the oak tree ordinance.'),
    field('planted_date', 'DATE', 'Planted', 'Planting date, when known.', { nullable: true }),
    field('last_inspected', 'DATE', 'Last inspected', 'Date of the last arborist inspection.', { nullable: true }),
  ],
  generate(rng, index) {
    const [common, botanical, , maxHeight] = rng.weighted(SPECIES.map((row) => [row, row[2]] as const));
    const size = rng.next();
    const planted = NATIVE_OAKS.has(common) && size > 0.5 ? null : maybe(rng, 0.7, () => isoDate(daysAgo(rng.int(400, 11_000))));
    return {
      attributes: {
        tree_id: `ST-${padded(index + 1, 6)}`,
        species_common: common,
        species_botanical: botanical,
        address: streetAddress(rng),
        dbh_inches: Math.round((2 + size * (NATIVE_OAKS.has(common) ? 46 : 28)) * 10) / 10,
        height_ft: Math.max(6, Math.round(maxHeight * (0.25 + size * 0.75))),
        condition: rng.weighted([['Good', 62], ['Fair', 28], ['Poor', 8], ['Dead', 2]] as const),
        protected_oak: NATIVE_OAKS.has(common),
        planted_date: planted,
        last_inspected: maybe(rng, 0.85, () => isoDate(daysAgo(rng.int(20, 1500)))),
      },
      point: randomPoint(rng),
    };
  },
};

export const streetlights: DatasetSpec = {
  identifier: 'toaks-streetlights',
  title: 'Streetlights',
  description:
    'City-owned and Southern California Edison-owned streetlight poles, with lamp type, wattage, pole material, installation year and ' +
    'whether the fixture has been retrofitted to LED under the citywide conversion program. Use it to report an outage or to map lighting ' +
    'along a route. Updated monthly.',
  keywords: ['streetlights', 'LED', 'lighting', 'infrastructure'],
  themes: ['Transportation', 'Public Safety'],
  issued: '2019-09-10',
  modified: '2026-11-03T18:00:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1M',
  spatial: CITY_BBOX,
  temporal: '1965-01-01/2026-11-01',
  publisher: 'public-works',
  steward: 'marcus.bell@toaks.example',
  license: 'CC0-1.0',
  geographic: true,
  recordCount: 400,
  fields: [
    field('pole_id', 'TEXT', 'Pole ID', 'Streetlight pole number, e.g. SL-04512.'),
    field('street', 'TEXT', 'Street', 'Street the pole stands on.'),
    field('owner', 'TEXT', 'Owner', 'City or SCE (Southern California Edison).'),
    field('lamp_type', 'TEXT', 'Lamp type', 'LED, High Pressure Sodium or Induction.'),
    field('wattage', 'INTEGER', 'Wattage', 'Lamp wattage.'),
    field('pole_material', 'TEXT', 'Pole material', 'Concrete, Steel, Aluminum or Wood.'),
    field('install_year', 'INTEGER', 'Installed', 'Year the pole was installed, when known.', { nullable: true }),
    field('led_retrofit', 'BOOLEAN', 'LED retrofit', 'Fixture converted to LED.'),
    field('last_maintained', 'DATE', 'Last maintained', 'Date of the last maintenance visit.', { nullable: true }),
  ],
  generate(rng, index) {
    const lamp = rng.weighted([['LED', 78], ['High Pressure Sodium', 18], ['Induction', 4]] as const);
    return {
      attributes: {
        pole_id: `SL-${padded(1000 + index * 7, 5)}`,
        street: rng.pick(STREETS),
        owner: rng.weighted([['City', 70], ['SCE', 30]] as const),
        lamp_type: lamp,
        wattage: lamp === 'LED' ? rng.pick([40, 60, 80, 110]) : lamp === 'Induction' ? rng.pick([85, 120]) : rng.pick([70, 100, 150, 250]),
        pole_material: rng.weighted([['Concrete', 55], ['Steel', 25], ['Aluminum', 15], ['Wood', 5]] as const),
        install_year: maybe(rng, 0.8, () => rng.int(1966, 2025)),
        led_retrofit: lamp === 'LED',
        last_maintained: maybe(rng, 0.75, () => isoDate(daysAgo(rng.int(20, 1800)))),
      },
      point: randomPoint(rng),
    };
  },
};

const TREATMENTS = ['Slurry Seal', 'Cape Seal', 'Mill and Overlay', 'Crack Seal', 'Full-Depth Reconstruction'] as const;

export const pavement: DatasetSpec = {
  identifier: 'toaks-pavement-condition',
  title: 'Pavement Condition Index by Street Segment',
  description:
    'Pavement Condition Index (PCI, 0–100) of each street segment from the pavement management system, with functional class, ' +
    'dimensions, the most recent treatment and the inspection date. Drives the annual street resurfacing program. Points mark segment ' +
    'midpoints. Updated each year after the pavement survey.',
  keywords: ['pavement', 'PCI', 'streets', 'resurfacing', 'road condition'],
  themes: ['Transportation'],
  issued: '2018-05-01',
  modified: '2026-06-30T22:00:00Z',
  accessLevel: 'PUBLIC',
  accrualPeriodicity: 'R/P1Y',
  spatial: CITY_BBOX,
  temporal: '2016-01-01/2026-06-30',
  publisher: 'public-works',
  steward: 'angela.reyes@toaks.example',
  license: 'CC-BY-4.0',
  geographic: true,
  recordCount: 300,
  fields: [
    field('segment_id', 'TEXT', 'Segment ID', 'Pavement management segment identifier.'),
    field('street_name', 'TEXT', 'Street', 'Street name.'),
    field('from_street', 'TEXT', 'From', 'Cross street at the segment start.'),
    field('to_street', 'TEXT', 'To', 'Cross street at the segment end.'),
    field('functional_class', 'TEXT', 'Functional class', 'Arterial, Collector or Residential.'),
    field('pci', 'INTEGER', 'PCI', 'Pavement Condition Index, 0 (failed) to 100 (new).'),
    field('condition', 'TEXT', 'Condition', 'Category derived from PCI.'),
    field('length_ft', 'INTEGER', 'Length (ft)', 'Segment length in feet.'),
    field('width_ft', 'INTEGER', 'Width (ft)', 'Pavement width in feet.'),
    field('last_treatment', 'TEXT', 'Last treatment', 'Most recent maintenance treatment.', { nullable: true }),
    field('last_treatment_date', 'DATE', 'Treated', 'Date of the most recent treatment.', { nullable: true }),
    field('inspected_date', 'DATE', 'Inspected', 'Date of the latest survey.'),
  ],
  generate(rng, index) {
    const klass = rng.weighted([['Arterial', 20], ['Collector', 25], ['Residential', 55]] as const);
    const street = klass === 'Residential' ? rng.pick(STREETS) : rng.pick(ARTERIALS);
    const pci = Math.min(100, Math.max(8, Math.round(rng.next() * 45 + rng.next() * 45 + 12)));
    const condition = pci >= 86 ? 'Excellent' : pci >= 71 ? 'Good' : pci >= 50 ? 'Fair' : pci >= 25 ? 'Poor' : 'Failed';
    const treated = rng.chance(0.7) ? daysAgo(rng.int(200, 5000)) : null;
    return {
      attributes: {
        segment_id: `PMS-${padded(index + 1, 4)}`,
        street_name: street,
        from_street: rng.pick(STREETS.filter((name) => name !== street)),
        to_street: rng.pick(STREETS.filter((name) => name !== street)),
        functional_class: klass,
        pci,
        condition,
        length_ft: rng.int(180, 2600),
        width_ft: klass === 'Arterial' ? rng.int(56, 84) : klass === 'Collector' ? rng.int(40, 56) : rng.int(30, 40),
        last_treatment: treated ? rng.pick(TREATMENTS) : null,
        last_treatment_date: treated ? isoDate(treated) : null,
        inspected_date: isoDate(daysAgo(rng.int(150, 330))),
      },
      point: randomPoint(rng),
    };
  },
};
