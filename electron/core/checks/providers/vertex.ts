// Vertex AI: credential -> access token at the file's `token_uri`, then `countTokens` for the configured
// project and region, which proves project, IAM and API enablement without generating (facts §4).
import { isLocalHost } from '../../../../shared/endpoint-rules';
import { field, parseJsonObject, retryAfterSeconds, text } from '../classify-common';
import type { CheckHttp, CheckOutcome } from '../check-http';
import type { CheckTarget } from '../key-check-service';
import type { FlowAdapter, FlowResult, HostEnv, Verdict } from '../provider-adapter';
import { classifyGemini } from './gemini';
import { joinUrl } from './join-url';
import { credentialSecretParts, readVertexCredential, tokenRequest, type VertexCredential } from './vertex-credential';

const defaultRegion = 'us-central1';
const defaultRegionSource = 'the default';
const defaultModel = 'gemini-2.5-flash';
/** A Google Cloud location name (`us-central1`, `europe-west4`, `global`). Anything else could move the host:
 *  `evil.example/x` would make `https://evil.example/x-aiplatform…` and hand it the access token. */
const regionName = /^[a-z][a-z0-9-]{0,62}$/;

/** The countTokens root for a region; `global` has no regional prefix. */
export function vertexApiRoot(region: string): string {
  return region === 'global' ? 'https://aiplatform.googleapis.com' : `https://${region}-aiplatform.googleapis.com`;
}

/** A value and where it came from, so the result can say which (a project from the environment surprises). */
export interface Sourced {
  readonly value: string;
  readonly source: string;
}

// Google's tools resolve the project as: explicit setting, then GOOGLE_CLOUD_PROJECT (GCLOUD_PROJECT is the
// older name), then the credentials file's project, then the Cloud SDK's (gcloud) project, whose property
// CLOUDSDK_CORE_PROJECT overrides (google-auth `environment_vars.PROJECT` / `LEGACY_PROJECT`; "Specify a
// project ID", https://cloud.google.com/java/docs/specify-a-project-id; google-cloud-core "Configuration",
// https://cloud.google.com/python/docs/reference/google-cloud-core/latest/config). The variable order is
// facts §4 "Project fallbacks". One deliberate difference: a saved service-account key names the project it
// belongs to, so that beats the environment here (an ambient variable from another shell should not turn a
// good key into `restricted`); for an ADC user file, which names no project, the environment comes first
// and `quota_project_id` (the project gcloud bills quota to, usually its project at login) comes last.
const projectVariables = ['GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'CLOUDSDK_CORE_PROJECT'] as const;
/** `GOOGLE_CLOUD_LOCATION` is what the Gen AI SDKs and ADK samples read for Vertex (then us-central1, e.g.
 *  langchain-google-genai's `location`); `GOOGLE_CLOUD_REGION` is also seen in the wild, but no Google doc was
 *  found for it [UNCERTAIN], so it comes second. */
const regionVariables = ['GOOGLE_CLOUD_LOCATION', 'GOOGLE_CLOUD_REGION'] as const;

function fromEnv(env: HostEnv, names: readonly string[]): Sourced | null {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { value, source: name };
  }
  return null;
}

/** The project countTokens names: the option, the service account's own, the environment, the ADC quota project. */
export function resolveVertexProject(options: Readonly<Record<string, string>>, credential: VertexCredential, env: HostEnv): Sourced | null {
  if (options.project) return { value: options.project, source: 'the project option' };
  if (credential.type === 'service_account' && credential.projectId) return { value: credential.projectId, source: 'the service account file' };
  const fromEnvironment = fromEnv(env, projectVariables);
  if (fromEnvironment) return fromEnvironment;
  if (credential.type === 'authorized_user' && credential.quotaProjectId) return { value: credential.quotaProjectId, source: 'the ADC file\'s quota_project_id' };
  return null;
}

/** The region: the option (`region`, or `location`), then the environment, then us-central1. Validated by the caller. */
export function resolveVertexRegion(options: Readonly<Record<string, string>>, env: HostEnv): Sourced {
  if (options.region !== undefined) return { value: options.region, source: 'the region option' };
  if (options.location !== undefined) return { value: options.location, source: 'the location option' };
  return fromEnv(env, regionVariables) ?? { value: defaultRegion, source: defaultRegionSource };
}

/** Why the target cannot be checked without sending the credential somewhere unsafe, or null. */
function unsafeTarget(tokenUri: string, region: Sourced): string | null {
  // A region from the environment is held to the same rule as the option: it becomes part of the host name.
  if (!regionName.test(region.value)) return `${region.source} "${region.value.slice(0, 40)}" is not a Google Cloud region name (e.g. us-central1)`;
  let url: URL;
  try {
    url = new URL(tokenUri);
  } catch {
    return 'the credential\'s token_uri is not a URL';
  }
  // The token request carries the refresh token or a signed assertion: never in clear over the network.
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname))) return null;
  return `the credential's token_uri (${url.protocol}//${url.host}) is not https`;
}

export type TokenVerdict = { readonly accessToken: string } | { readonly verdict: Verdict };

/** The token endpoint's answer: `invalid_grant` and deleted clients are dead credentials (facts §4 step 2). */
export function classifyVertexToken(status: number, headers: Readonly<Record<string, string>>, body: string): TokenVerdict {
  const json = parseJsonObject(body);
  const accessToken = text(json?.access_token);
  if (status === 200 && accessToken) return { accessToken };
  const error = text(json?.error) ?? text(field(json, 'error', 'status'));
  const description = text(json?.error_description) ?? text(field(json, 'error', 'message'));
  const message = description ? `${error ?? 'token error'}: ${description}` : (error ?? `token endpoint answered HTTP ${status}`);
  const verdict = (state: Verdict['state']): TokenVerdict => ({ verdict: { state, providerCode: error, message, retryAfterS: null } });
  if (status === 200) return { verdict: { state: 'bad_endpoint', providerCode: null, message: 'the token endpoint answered 200 without an access token', retryAfterS: null } };
  if (error === 'invalid_grant' || error === 'deleted_client' || error === 'invalid_client' || error === 'unauthorized_client') return verdict('invalid_key');
  if (status === 400 && error === 'invalid_request') return verdict('invalid_key');
  if (status === 401) return verdict('invalid_key');
  if (status === 403) return verdict('restricted');
  if (status === 429) return { verdict: { state: 'rate_limited', providerCode: error, message, retryAfterS: retryAfterSeconds(headers) } };
  if (status >= 500) return verdict('provider_down');
  return verdict(json ? 'invalid_key' : 'bad_endpoint');
}

/** countTokens answers in google.rpc.Status like the Gemini API; 404 there means the model is not in that region. */
export function classifyVertexCall(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict {
  const verdict = classifyGemini(status, headers, body);
  if (status === 404) return { ...verdict, state: 'bad_endpoint', message: `countTokens: ${verdict.message} (model or region not found)` };
  return verdict;
}

function fromOutcome(outcome: CheckOutcome & { kind: 'failure' }): FlowResult {
  return { verdict: { state: outcome.state, providerCode: null, message: outcome.reason, retryAfterS: null }, httpStatus: outcome.httpStatus };
}

export const vertexAdapter: FlowAdapter = {
  kind: 'flow',
  provider: 'vertex',
  origin(target) {
    const credential = readVertexCredential(target.secret);
    if ('problem' in credential) return null;
    try {
      return new URL(credential.tokenUri).origin;
    } catch {
      return null;
    }
  },
  secretParts: (target) => credentialSecretParts(target.secret),
  async run(target: CheckTarget, http: CheckHttp, deadlineAt: number, now: () => number, env: HostEnv): Promise<FlowResult> {
    const credential = readVertexCredential(target.secret);
    if ('problem' in credential) return { verdict: { state: 'invalid_key', providerCode: null, message: credential.problem, retryAfterS: null }, httpStatus: null };
    const regionChoice = resolveVertexRegion(target.options, env);
    const region = regionChoice.value;
    const unsafe = unsafeTarget(credential.tokenUri, regionChoice);
    if (unsafe) return { verdict: { state: 'bad_endpoint', providerCode: null, message: unsafe, retryAfterS: null }, httpStatus: null };
    const remaining = () => Math.max(1, deadlineAt - now());

    const tokenOutcome = await http.send(tokenRequest(credential, Math.floor(now() / 1000)), { deadlineMs: remaining() });
    if (tokenOutcome.kind === 'failure') return fromOutcome(tokenOutcome);
    const token = classifyVertexToken(tokenOutcome.status, tokenOutcome.headers, tokenOutcome.body);
    if ('verdict' in token) return { verdict: token.verdict, httpStatus: tokenOutcome.status };

    const projectChoice = resolveVertexProject(target.options, credential, env);
    if (!projectChoice) {
      const message = `credential accepted; no project configured, so countTokens was not tried (set the project option, or ${projectVariables.join(', ')})`;
      return { verdict: { state: 'ok', providerCode: null, message, retryAfterS: null }, httpStatus: tokenOutcome.status };
    }
    const project = projectChoice.value;
    const model = target.options.model ?? defaultModel;
    const root = target.baseUrl ?? vertexApiRoot(region);
    const path = `v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(region)}/publishers/google/models/${encodeURIComponent(model)}:countTokens`;
    const callOutcome = await http.send(
      {
        method: 'POST',
        url: joinUrl(root, path),
        headers: { ...target.headers, authorization: `Bearer ${token.accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      },
      { deadlineMs: remaining() },
    );
    if (callOutcome.kind === 'failure') return fromOutcome(callOutcome);
    const verdict = classifyVertexCall(callOutcome.status, callOutcome.headers, callOutcome.body);
    // The access token is a credential too; no answer should echo it, but make sure.
    const redact = (value: string) => value.split(token.accessToken).join('[redacted]');
    // Say which project was asked and where it came from, first, so a cut message still says it.
    const regionFrom = regionChoice.source === defaultRegionSource ? '' : ` (from ${regionChoice.source})`;
    const asked = `project "${project.slice(0, 64)}" (from ${projectChoice.source}) in ${region}${regionFrom}`;
    const message = verdict.state === 'ok' ? `credential accepted; countTokens answered for ${asked}` : `${asked}: ${redact(verdict.message)}`;
    return { verdict: { ...verdict, message, providerCode: verdict.providerCode === null ? null : redact(verdict.providerCode) }, httpStatus: callOutcome.status };
  },
};
