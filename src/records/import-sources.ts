// Import files read as a stream of rows, whatever their format: CSV (a header line naming the fields) or a
// GeoJSON FeatureCollection (each feature's properties and geometry). Nothing is held but the current row.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';

export type ImportFormat = 'csv' | 'geojson';

/** One row of a file: its number (1 = the first data row or feature), its raw values and geometry. */
export interface SourceRow {
  row: number;
  values: Record<string, unknown>;
  /** The record's own geometry: the feature's, or a CSV column named "geometry" that is not a declared field. */
  geometry?: unknown;
  /** Why the row could not be read at all (wrong number of CSV cells, a feature that is not an object…). */
  problem?: string;
}

export interface SourceHeader {
  /** Column names (CSV) — checked against the declared fields before any row. Absent for GeoJSON. */
  columns?: string[];
}

export function formatOf(fileName: string, mediaType?: string | null): ImportFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv') || mediaType === 'text/csv') return 'csv';
  if (name.endsWith('.geojson') || name.endsWith('.json') || mediaType === 'application/geo+json') return 'geojson';
  return null;
}

/** Thrown when the file itself is unreadable (bad CSV quoting, broken JSON): reported as one problem. */
export class UnreadableFile extends Error {}

async function* csvRows(input: Readable, onHeader: (header: SourceHeader) => void): AsyncGenerator<SourceRow> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  input.once('error', (error) => parser.destroy(error));
  let columns: string[] | undefined;
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = cells.map((cell) => cell.trim());
        onHeader({ columns });
        continue;
      }
      row++;
      if (cells.length !== columns.length) {
        yield { row, values: {}, problem: `has ${cells.length} cells; the header names ${columns.length} columns` };
        continue;
      }
      const values: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) values[columns[i]!] = cells[i];
      yield { row, values };
    }
  } catch (error) {
    throw new UnreadableFile(`is not readable CSV after row ${row}: ${(error as Error).message}`);
  }
  if (!columns) onHeader({ columns: [] });
}

async function* geojsonRows(input: Readable, onHeader: (header: SourceHeader) => void): AsyncGenerator<SourceRow> {
  onHeader({});
  const picker = pick.withParserAsStream({ filter: 'features' });
  const features = input.pipe(picker).pipe(streamArray.asStream());
  // pipe() does not carry errors along: a failing stage ends the iteration with its error.
  input.once('error', (error) => features.destroy(error));
  picker.once('error', (error) => features.destroy(error));
  let row = 0;
  try {
    for await (const { value } of features as AsyncIterable<{ value: unknown }>) {
      row++;
      const feature = value as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
      if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') {
        yield { row, values: {}, problem: 'is not a GeoJSON Feature' };
        continue;
      }
      const properties = feature.properties ?? {};
      if (typeof properties !== 'object' || Array.isArray(properties)) {
        yield { row, values: {}, problem: 'has properties that are not an object' };
        continue;
      }
      yield { row, values: properties as Record<string, unknown>, geometry: feature.geometry ?? null };
    }
  } catch (error) {
    throw new UnreadableFile(`is not a readable GeoJSON FeatureCollection after feature ${row}: ${(error as Error).message}`);
  }
}

export function readRows(format: ImportFormat, input: Readable, onHeader: (header: SourceHeader) => void): AsyncGenerator<SourceRow> {
  return format === 'csv' ? csvRows(input, onHeader) : geojsonRows(input, onHeader);
}
