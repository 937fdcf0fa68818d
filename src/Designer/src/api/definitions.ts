// DTOs of the Host's definitions API (ARCHITECTURE §7), mirroring the C# records, and the
// calls the Designer makes. Every call sends the login cookie (same origin only).

/** A validation finding, as `POST /api/definitions/validate` and a 400 of `POST /api/definitions` list them. */
export interface Finding {
  severity: string; // "error" | "warning" (compared case-insensitively)
  code: string;
  message: string;
  elementId?: string | null;
  line?: number | null;
  column?: number | null;
}

/** The answer of a successful `POST /api/definitions`. */
export interface Deployment {
  key: string;
  version: number;
  id: string;
}

/** RFC 9457 ProblemDetails, with the findings extension the Host adds to a 400. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  findings?: Finding[];
}

export type DeployOutcome =
  | { kind: 'deployed'; deployment: Deployment }
  | { kind: 'rejected'; findings: Finding[]; problem: ProblemDetails }
  | { kind: 'failed'; status: number; title: string };

export type ValidateOutcome =
  | { kind: 'validated'; findings: Finding[] }
  | { kind: 'failed'; status: number; title: string };

const jsonAccept = 'application/json, application/problem+json';

function postXml(url: string, xml: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/xml', Accept: jsonAccept },
    body: xml,
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // an HTML error page or a proxy's text: reported by status below
  }
}

function findingsOf(body: unknown): Finding[] | undefined {
  if (Array.isArray(body)) return body as Finding[];
  if (body && typeof body === 'object' && Array.isArray((body as ProblemDetails).findings)) {
    return (body as ProblemDetails).findings;
  }
  return undefined;
}

function failure(response: Response, body: unknown): { kind: 'failed'; status: number; title: string } {
  const problem = (body && typeof body === 'object' ? body : {}) as ProblemDetails;
  return { kind: 'failed', status: response.status, title: problem.title ?? response.statusText };
}

/** Deploys the XML as a new version of its process key. Throws only when the server is unreachable. */
export async function deployDefinition(xml: string): Promise<DeployOutcome> {
  const response = await postXml('/api/definitions', xml);
  const body = await readJson(response);
  if (response.ok && body && typeof body === 'object') {
    return { kind: 'deployed', deployment: body as Deployment };
  }
  const findings = findingsOf(body);
  if (response.status === 400 && findings) {
    return { kind: 'rejected', findings, problem: body as ProblemDetails };
  }
  return failure(response, body);
}

/** Validates the XML without storing it. Throws only when the server is unreachable. */
export async function validateDefinition(xml: string): Promise<ValidateOutcome> {
  const response = await postXml('/api/definitions/validate', xml);
  const body = await readJson(response);
  const findings = findingsOf(body);
  // A 400 that lists findings (e.g. XML that does not parse) is a validation answer too.
  if (findings && (response.ok || response.status === 400)) return { kind: 'validated', findings };
  return failure(response, body);
}

/** Loads BPMN XML from a URL of the Host. */
export async function fetchDiagram(url: string): Promise<string> {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { Accept: 'application/xml, text/xml, */*' },
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`.trim());
  return response.text();
}
