// GraphQL multipart requests (the upload spec yoga implements): operations + map + the file part.
import type { GraphQLResponse, TestGateway } from './gateway.js';

export interface UploadFile {
  name: string;
  content: string;
  type?: string;
}

/** The multipart body of `query` with `file` bound to the variable `$file`. */
export function uploadBody(query: string, variables: Record<string, unknown>, file: UploadFile): FormData {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new File([file.content], file.name, { type: file.type ?? 'application/octet-stream' }));
  return form;
}

/** Sends it through the gateway's handler (no port); non-JSON POSTs need the CSRF-prevention header. */
export async function uploadRequest(
  gateway: TestGateway,
  query: string,
  variables: Record<string, unknown>,
  file: UploadFile,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await gateway.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'x-graphql-csrf': '1', accept: 'application/graphql-response+json', ...headers },
    body: uploadBody(query, variables, file),
  });
  const body = (await response.json()) as GraphQLResponse;
  return { ...body, status: response.status, headers: response.headers };
}
