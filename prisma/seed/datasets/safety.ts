// Traffic safety: collision reports investigated by the Traffic Bureau (restricted public).
import { ARTERIALS, CITY_BBOX, STREETS, pacificTime, randomPoint } from '../places.js';
import { daysAgo, isoDate } from '../random.js';
import { chronoDaysAgo, field, padded, type DatasetSpec } from '../types.js';

const SEVERITIES = [
  ['Property Damage Only', 560, 0], ['Complaint of Pain', 150, 1], ['Other Visible Injury', 60, 1],
  ['Severe Injury', 24, 1], ['Fatal', 6, 1],
] as const;
const COLLISION_TYPES = [
  ['Rear End', 34], ['Broadside', 22], ['Sideswipe', 14], ['Hit Object', 12], ['Head-On', 3],
  ['Vehicle/Pedestrian', 5], ['Vehicle/Bicycle', 5], ['Overturned', 2], ['Other', 3],
] as const;
const FACTORS = [
  ['Unsafe Speed', 28], ['Improper Turning', 16], ['Automobile Right-of-Way', 15], ['Traffic Signals and Signs', 10],
  ['Driving Under Influence', 7], ['Unsafe Lane Change', 9], ['Following Too Closely', 6], ['Pedestrian Violation', 3],
  ['Unknown', 6],
] as const;
/** Local hour of day, weighted toward commute peaks. */
const HOURS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23].map(
  (hour) => [hour, [1, 1, 1, 1, 1, 2, 4, 8, 7, 5, 5, 6, 7, 6, 7, 9, 10, 10, 8, 5, 4, 3, 2, 1][hour] ?? 1] as const,
);

export const collisions: DatasetSpec = {
  identifier: 'toaks-traffic-collisions',
  title: 'Traffic Collisions',
  description:
    'Traffic collisions on city streets investigated and reported by the Traffic Bureau, one row per collision, with date and time, ' +
    'primary road and cross street, severity on the statewide KABCO-style scale, collision type, primary collision factor, vehicles and ' +
    'people involved, lighting and weather. Collision-level detail supports the Local Road Safety Plan and is shared with partners; ' +
    'monthly totals are public.',
  keywords: ['traffic collisions', 'crashes', 'road safety', 'Vision Zero', 'injuries'],
  themes: ['Public Safety', 'Transportation'],
  issued: '2017-02-01',
  modified: '2026-11-04T15:00:00Z',
  accessLevel: 'RESTRICTED_PUBLIC',
  rights:
    'Collision-level records are shared with approved traffic-safety partners under a data use agreement (Vehicle Code §20012). ' +
    'Monthly summary counts are public.',
  accrualPeriodicity: 'R/P1M',
  spatial: CITY_BBOX,
  temporal: '2016-01-01/2026-10-31',
  publisher: 'police-traffic-safety',
  steward: 'rebecca.hall@toaks.example',
  license: 'ODC-By-1.0',
  geographic: true,
  recordCount: 800,
  fields: [
    field('case_number', 'TEXT', 'Report number', 'Collision report number.'),
    field('collision_at', 'TIMESTAMP', 'Date and time', 'When the collision happened.'),
    field('primary_road', 'TEXT', 'Primary road', 'Road on which the collision occurred.'),
    field('cross_street', 'TEXT', 'Cross street', 'Nearest cross street.'),
    field('distance_ft', 'INTEGER', 'Distance from intersection (ft)', '0 when in the intersection.'),
    field('severity', 'TEXT', 'Severity', 'Most severe injury: Fatal, Severe Injury, Other Visible Injury, Complaint of Pain, Property Damage Only.'),
    field('collision_type', 'TEXT', 'Collision type', 'Manner of collision.'),
    field('primary_factor', 'TEXT', 'Primary factor', 'Primary collision factor (violation category).'),
    field('vehicles_involved', 'INTEGER', 'Vehicles', 'Number of parties in vehicles.'),
    field('injured_count', 'INTEGER', 'Injured', 'Number of people injured.'),
    field('killed_count', 'INTEGER', 'Killed', 'Number of people killed.'),
    field('pedestrian_involved', 'BOOLEAN', 'Pedestrian', 'A pedestrian was involved.'),
    field('bicycle_involved', 'BOOLEAN', 'Bicycle', 'A bicyclist was involved.'),
    field('hit_and_run', 'BOOLEAN', 'Hit and run', 'A party left the scene.'),
    field('lighting', 'TEXT', 'Lighting', 'Daylight, Dusk/Dawn, Dark - Street Lights or Dark - No Street Lights.'),
    field('weather', 'TEXT', 'Weather', 'Clear, Cloudy, Rain or Fog.'),
  ],
  generate(rng, index) {
    const severity = rng.weighted(SEVERITIES.map((row) => [row[0], row[1]] as const));
    const type = rng.weighted(COLLISION_TYPES);
    const when = daysAgo(chronoDaysAgo(rng, index, collisions.recordCount, 3940, 21));
    const hour = rng.weighted(HOURS);
    const at = pacificTime(isoDate(when), hour, rng.int(0, 59));
    const road = rng.pick(ARTERIALS);
    const injured = severity === 'Property Damage Only' ? 0 : severity === 'Fatal' ? rng.int(0, 2) : rng.int(1, 3);
    const lighting = hour >= 7 && hour < 17 ? 'Daylight' : hour === 6 || hour === 17 ? 'Dusk/Dawn' : rng.chance(0.85) ? 'Dark - Street Lights' : 'Dark - No Street Lights';
    return {
      attributes: {
        case_number: `TC-${isoDate(when).slice(0, 4)}-${padded(index + 1, 5)}`,
        collision_at: at.toISOString(),
        primary_road: road,
        cross_street: rng.pick(STREETS.filter((name) => name !== road)),
        distance_ft: rng.chance(0.45) ? 0 : rng.int(10, 900),
        severity,
        collision_type: type,
        primary_factor: type === 'Vehicle/Pedestrian' && rng.chance(0.4) ? 'Pedestrian Violation' : rng.weighted(FACTORS),
        vehicles_involved: type === 'Hit Object' || type === 'Overturned' || type.startsWith('Vehicle/') ? 1 : rng.weighted([[2, 85], [3, 12], [4, 3]] as const),
        injured_count: injured,
        killed_count: severity === 'Fatal' ? 1 : 0,
        pedestrian_involved: type === 'Vehicle/Pedestrian',
        bicycle_involved: type === 'Vehicle/Bicycle',
        hit_and_run: rng.chance(0.08),
        lighting,
        weather: rng.weighted([['Clear', 82], ['Cloudy', 10], ['Rain', 6], ['Fog', 2]] as const),
      },
      point: randomPoint(rng),
    };
  },
};
