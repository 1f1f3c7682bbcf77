// Generated DCAT-US 1.1 catalogs and a local HTTP server that serves them, for harvest tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const PERIODS = ['R/P1D', 'R/P1W', 'R/P1M', 'R/P3M', 'R/P1Y', 'irregular'];
const LICENSES = ['https://creativecommons.org/licenses/by/4.0/', 'http://opendatacommons.org/licenses/odbl/1-0/', undefined];

/** A valid DCAT-US entry, deterministic in `n`: 20 publishers, 50 contacts, restricted every 7th. */
export function generatedEntry(n: number): Record<string, any> {
  const id = `upstream-${String(n).padStart(5, '0')}`;
  const restricted = n % 7 === 0;
  return {
    '@type': 'dcat:Dataset',
    identifier: id,
    title: `Upstream dataset ${n}`,
    description: `Dataset number ${n} of a generated upstream portal.`,
    keyword: [`topic-${n % 13}`, 'generated'],
    theme: [`Theme ${n % 5}`],
    issued: '2020-01-15',
    modified: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    accessLevel: restricted ? 'restricted public' : 'public',
    ...(restricted ? { rights: 'Shared with partners under a data use agreement.' } : {}),
    ...(LICENSES[n % 3] ? { license: LICENSES[n % 3] } : {}),
    accrualPeriodicity: PERIODS[n % PERIODS.length],
    publisher: { '@type': 'org:Organization', name: `Upstream Department ${n % 20}` },
    contactPoint: { '@type': 'vcard:Contact', fn: `Contact ${n % 50}`, hasEmail: `mailto:contact${n % 50}@upstream.example` },
    landingPage: `https://upstream.example/d/${id}`,
    distribution: [
      { '@type': 'dcat:Distribution', downloadURL: `https://upstream.example/d/${id}.csv`, mediaType: 'text/csv', format: 'CSV' },
      { '@type': 'dcat:Distribution', accessURL: `https://upstream.example/api/${id}`, title: 'API' },
    ],
  };
}

export const catalogOf = (datasets: unknown[]) => ({
  '@type': 'dcat:Catalog',
  conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
  dataset: datasets,
});

/** Serves whatever `routes` holds at request time: a JSON value, or a status code to answer with. */
export class CatalogServer {
  readonly routes = new Map<string, unknown>();
  private server?: Server;
  url = '';

  async start() {
    this.server = createServer((request, response) => {
      const body = this.routes.get(request.url ?? '');
      if (body === undefined) return void response.writeHead(404).end();
      if (typeof body === 'number') return void response.writeHead(body).end('failed');
      if (body === 'hang') return; // never answers
      response.writeHead(200, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }
}
