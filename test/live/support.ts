// Shared steps of the live-update tests: real mutations that write change events.
import { staffHeaders } from '../support/callers.js';
import type { LiveServer } from '../support/live-server.js';

export const ADMIN = 'admin@toaks.example';

export async function datasetByIdentifier(server: LiveServer, identifier: string) {
  const { data, errors } = await server.request(`query($identifier: String) { dataset(identifier: $identifier) { id version } }`, { identifier }, await staffHeaders(ADMIN));
  if (!data?.dataset) throw new Error(`No dataset ${identifier}: ${JSON.stringify(errors)}`);
  return data.dataset as { id: string; version: number };
}

/** Changes a dataset's description through updateDataset (as an admin); retries on a version race. */
export async function touchDataset(server: LiveServer, identifier: string, description = `Updated ${Date.now()}`) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const { id, version } = await datasetByIdentifier(server, identifier);
    const { data, errors } = await server.request(
      `mutation($id: ID!, $v: Int!, $d: String!) { updateDataset(id: $id, expectedVersion: $v, input: { description: $d }) {
        __typename ... on UpdateDatasetPayload { dataset { version } } } }`,
      { id, v: version, d: description },
      await staffHeaders(ADMIN),
    );
    if (data?.updateDataset.__typename === 'UpdateDatasetPayload') return data.updateDataset.dataset.version as number;
    if (data?.updateDataset.__typename !== 'ConflictError') throw new Error(JSON.stringify({ data, errors }));
  }
  throw new Error('updateDataset kept conflicting');
}

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
