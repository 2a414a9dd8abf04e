// Every documented success and error body in ../../../shared/facts/providers.md, as a row: what the
// emulator answers and the state a check must reach. One test per row runs it end to end.
import type { KeyState } from '../../shared/vocabulary';
import type { Answer, EmulatedProvider } from './provider-emulator';

export interface ProviderRow {
  readonly name: string;
  readonly provider: EmulatedProvider;
  /** openai-compatible preset for the target (openrouter, groq, ollama, …). */
  readonly preset?: string;
  readonly answer?: Answer;
  /** Vertex: the token endpoint's answer (default: a real token for a valid signature). */
  readonly tokenAnswer?: Answer;
  /** Vertex: use an ADC authorized_user file instead of a service account. */
  readonly authorizedUser?: boolean;
  /** Keyless local servers. */
  readonly keyless?: boolean;
  /** An admin key (OpenAI `sk-admin-`, Anthropic `sk-ant-admin01-`), checked on the admin key list. */
  readonly admin?: boolean;
  readonly expect: { readonly state: KeyState; readonly providerCode?: string | null; readonly retryAfterS?: number | null; readonly figures?: boolean };
}

const openAiError = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } });
const anthropicError = (type: string, message: string, extra: Record<string, unknown> = {}) => ({ type: 'error', error: { type, message, ...extra }, request_id: 'req_011' });
const googleError = (code: number, status: string, message: string, reason?: string, extra: unknown[] = []) => ({
  error: { code, message, status, details: [...(reason ? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } }] : []), ...extra] },
});
const deepSeekError = (message: string, type: string) => ({ error: { message, type, param: null, code: 'invalid_request_error' } });
const xaiError = (code: string, error: string) => ({ code, error });
const openRouterError = (code: number, message: string) => ({ error: { code, message, metadata: {} } });

export const providerRows: readonly ProviderRow[] = [
  // §1 OpenAI
  { name: 'OpenAI 200 model list is ok', provider: 'openai', expect: { state: 'ok' } },
  { name: 'OpenAI admin key: 200 admin key list is ok', provider: 'openai', admin: true, expect: { state: 'ok' } },
  { name: 'OpenAI admin key: 401 invalid_api_key on the admin key list is invalid_key', provider: 'openai', admin: true, answer: { status: 401, body: openAiError('Incorrect API key provided: sk-admin***xyz.', 'invalid_request_error', 'invalid_api_key') }, expect: { state: 'invalid_key', providerCode: 'invalid_api_key' } },
  { name: 'OpenAI 401 invalid_api_key is invalid_key', provider: 'openai', answer: { status: 401, body: openAiError('Incorrect API key provided: sk-inval***c66a. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key') }, expect: { state: 'invalid_key', providerCode: 'invalid_api_key' } },
  { name: 'OpenAI 401 Invalid Authentication is invalid_key', provider: 'openai', answer: { status: 401, body: openAiError('Invalid Authentication', 'invalid_request_error', 'invalid_authentication') }, expect: { state: 'invalid_key' } },
  { name: 'OpenAI 401 not a member of an organization is invalid_key', provider: 'openai', answer: { status: 401, body: openAiError('You must be a member of an organization to use the API.', 'invalid_request_error', 'no_organization') }, expect: { state: 'invalid_key' } },
  { name: 'OpenAI 401 IP not authorized is restricted', provider: 'openai', answer: { status: 401, body: openAiError('IP not authorized', 'invalid_request_error', null) }, expect: { state: 'restricted' } },
  { name: 'OpenAI 401 Missing scopes is restricted', provider: 'openai', answer: { status: 401, body: openAiError('You have insufficient permissions for this operation. Missing scopes: api.model.read.', 'invalid_request_error', null) }, expect: { state: 'restricted' } },
  { name: 'OpenAI 403 Missing scopes is restricted', provider: 'openai', answer: { status: 403, body: openAiError('You have insufficient permissions for this operation. Missing scopes: api.model.read.', 'invalid_request_error', null) }, expect: { state: 'restricted' } },
  { name: 'OpenAI 403 unsupported region is restricted', provider: 'openai', answer: { status: 403, body: openAiError('Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory') }, expect: { state: 'restricted', providerCode: 'unsupported_country_region_territory' } },
  { name: 'OpenAI 429 insufficient_quota is no_credit', provider: 'openai', answer: { status: 429, body: openAiError('You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota') }, expect: { state: 'no_credit', providerCode: 'insufficient_quota', retryAfterS: null } },
  { name: 'OpenAI 429 credit_balance_exhausted is no_credit', provider: 'openai', answer: { status: 429, body: openAiError('You have no credits remaining.', 'insufficient_quota', 'credit_balance_exhausted') }, expect: { state: 'no_credit', providerCode: 'credit_balance_exhausted' } },
  { name: 'OpenAI 429 organization_spend_limit_exceeded is no_credit', provider: 'openai', answer: { status: 429, body: openAiError('Organization spend limit exceeded.', 'insufficient_quota', 'organization_spend_limit_exceeded') }, expect: { state: 'no_credit' } },
  { name: 'OpenAI 429 project_spend_limit_exceeded is no_credit', provider: 'openai', answer: { status: 429, body: openAiError('Project spend limit exceeded.', 'insufficient_quota', 'project_spend_limit_exceeded') }, expect: { state: 'no_credit' } },
  { name: 'OpenAI 429 organization_usage_limit_exceeded is no_credit', provider: 'openai', answer: { status: 429, body: openAiError('Organization usage limit exceeded.', 'insufficient_quota', 'organization_usage_limit_exceeded') }, expect: { state: 'no_credit' } },
  { name: 'OpenAI 429 rate_limit_exceeded is rate_limited with Retry-After', provider: 'openai', answer: { status: 429, headers: { 'retry-after': '20' }, body: openAiError('Rate limit reached for gpt-4o on requests per min (RPM): Limit 3, Used 3.', 'requests', 'rate_limit_exceeded') }, expect: { state: 'rate_limited', providerCode: 'rate_limit_exceeded', retryAfterS: 20 } },
  { name: 'OpenAI 429 slow_down is rate_limited', provider: 'openai', answer: { status: 429, body: openAiError('Please reduce your rate of requests.', 'rate_limit_error', 'slow_down') }, expect: { state: 'rate_limited', providerCode: 'slow_down' } },
  { name: 'OpenAI 503 server_is_overloaded is provider_down', provider: 'openai', answer: { status: 503, body: openAiError('The server is overloaded.', 'service_unavailable_error', 'server_is_overloaded') }, expect: { state: 'provider_down' } },
  { name: 'OpenAI 500 server error is provider_down', provider: 'openai', answer: { status: 500, body: openAiError('The server had an error while processing your request.', 'server_error', null) }, expect: { state: 'provider_down' } },

  // §2 Anthropic
  { name: 'Anthropic 200 model page is ok', provider: 'anthropic', expect: { state: 'ok' } },
  { name: 'Anthropic admin key: 200 organization api_keys page is ok', provider: 'anthropic', admin: true, expect: { state: 'ok' } },
  { name: 'Anthropic admin key: 401 authentication_error on the Admin API is invalid_key', provider: 'anthropic', admin: true, answer: { status: 401, body: anthropicError('authentication_error', 'invalid x-api-key') }, expect: { state: 'invalid_key', providerCode: 'authentication_error' } },
  { name: 'Anthropic 400 credit balance too low is no_credit', provider: 'anthropic', answer: { status: 400, body: anthropicError('invalid_request_error', 'Your credit balance is too low to access the Anthropic API, please go to Plans & Billing to upgrade or purchase credits.') }, expect: { state: 'no_credit', providerCode: 'invalid_request_error' } },
  { name: 'Anthropic 400 spend limit you set is reached is no_credit', provider: 'anthropic', answer: { status: 400, body: anthropicError('invalid_request_error', 'You have reached your specified API usage limits. You will regain access on 2027-01-01 at 00:00 UTC.') }, expect: { state: 'no_credit', providerCode: 'invalid_request_error' } },
  { name: 'Anthropic 400 plain invalid_request_error is bad_endpoint', provider: 'anthropic', answer: { status: 400, body: anthropicError('invalid_request_error', 'limit: Input should be less than or equal to 1000') }, expect: { state: 'bad_endpoint' } },
  { name: 'Anthropic 401 authentication_error is invalid_key', provider: 'anthropic', answer: { status: 401, body: anthropicError('authentication_error', 'invalid x-api-key') }, expect: { state: 'invalid_key', providerCode: 'authentication_error' } },
  { name: 'Anthropic 401 CORS refusal is not a key problem (restricted)', provider: 'anthropic', answer: { status: 401, body: anthropicError('authentication_error', 'CORS requests are not allowed for this Organization because of the CORS settings.') }, expect: { state: 'restricted' } },
  { name: 'Anthropic 402 billing_error is no_credit', provider: 'anthropic', answer: { status: 402, body: anthropicError('billing_error', 'There is an issue with your billing.') }, expect: { state: 'no_credit', providerCode: 'billing_error' } },
  { name: 'Anthropic 403 permission_error is restricted', provider: 'anthropic', answer: { status: 403, body: anthropicError('permission_error', 'Your API key does not have permission to use the specified resource.') }, expect: { state: 'restricted' } },
  { name: 'Anthropic 404 not_found_error is bad_endpoint', provider: 'anthropic', answer: { status: 404, body: anthropicError('not_found_error', 'Not found') }, expect: { state: 'bad_endpoint' } },
  { name: 'Anthropic 409 conflict_error is bad_endpoint', provider: 'anthropic', answer: { status: 409, body: anthropicError('conflict_error', 'Conflict') }, expect: { state: 'bad_endpoint' } },
  { name: 'Anthropic 413 request_too_large is bad_endpoint', provider: 'anthropic', answer: { status: 413, body: anthropicError('request_too_large', 'Request exceeds the maximum allowed number of bytes.') }, expect: { state: 'bad_endpoint' } },
  { name: 'Anthropic 429 rate_limit_error is rate_limited with retry-after', provider: 'anthropic', answer: { status: 429, headers: { 'retry-after': '7' }, body: anthropicError('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit') }, expect: { state: 'rate_limited', retryAfterS: 7 } },
  { name: 'Anthropic 429 enforced_spend_limit_reached is no_credit', provider: 'anthropic', answer: { status: 429, body: anthropicError('rate_limit_error', 'You have reached your specified API usage limits.', { details: { error_code: 'enforced_spend_limit_reached' } }) }, expect: { state: 'no_credit', providerCode: 'enforced_spend_limit_reached', retryAfterS: null } },
  { name: 'Anthropic 500 api_error is provider_down', provider: 'anthropic', answer: { status: 500, body: anthropicError('api_error', 'Internal server error') }, expect: { state: 'provider_down' } },
  { name: 'Anthropic 504 timeout_error is provider_down', provider: 'anthropic', answer: { status: 504, body: anthropicError('timeout_error', 'Request timed out') }, expect: { state: 'provider_down' } },
  { name: 'Anthropic 529 overloaded_error is provider_down', provider: 'anthropic', answer: { status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }, expect: { state: 'provider_down', providerCode: 'overloaded_error' } },

  // §3 Gemini
  { name: 'Gemini 200 model page is ok', provider: 'gemini', expect: { state: 'ok' } },
  { name: 'Gemini 400 API_KEY_INVALID is invalid_key', provider: 'gemini', answer: { status: 400, body: googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', 'API_KEY_INVALID', [{ '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' }]) }, expect: { state: 'invalid_key', providerCode: 'API_KEY_INVALID' } },
  { name: 'Gemini 400 expired key (API_KEY_INVALID) is invalid_key', provider: 'gemini', answer: { status: 400, body: googleError(400, 'INVALID_ARGUMENT', 'API key expired. Please renew the API key.', 'API_KEY_INVALID') }, expect: { state: 'invalid_key' } },
  { name: 'Gemini 403 API_KEY_SERVICE_BLOCKED is restricted', provider: 'gemini', answer: { status: 403, body: googleError(403, 'PERMISSION_DENIED', 'Requests to this API generativelanguage.googleapis.com method are blocked.', 'API_KEY_SERVICE_BLOCKED') }, expect: { state: 'restricted', providerCode: 'API_KEY_SERVICE_BLOCKED' } },
  { name: 'Gemini 403 SERVICE_DISABLED is restricted', provider: 'gemini', answer: { status: 403, body: googleError(403, 'PERMISSION_DENIED', 'Generative Language API has not been used in project 123 before or it is disabled.', 'SERVICE_DISABLED') }, expect: { state: 'restricted', providerCode: 'SERVICE_DISABLED' } },
  { name: 'Gemini 403 key reported as leaked is invalid_key', provider: 'gemini', answer: { status: 403, body: googleError(403, 'PERMISSION_DENIED', 'Your API key was reported as leaked. Please use another API key.') }, expect: { state: 'invalid_key' } },
  { name: 'Gemini 401 ACCESS_TOKEN_TYPE_UNSUPPORTED is invalid_key', provider: 'gemini', answer: { status: 401, body: googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'ACCESS_TOKEN_TYPE_UNSUPPORTED') }, expect: { state: 'invalid_key', providerCode: 'ACCESS_TOKEN_TYPE_UNSUPPORTED' } },
  { name: 'Gemini 400 FAILED_PRECONDITION (billing not enabled) is no_credit', provider: 'gemini', answer: { status: 400, body: googleError(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use without a billing account linked.') }, expect: { state: 'no_credit', providerCode: 'FAILED_PRECONDITION' } },
  { name: 'Gemini 429 RESOURCE_EXHAUSTED takes RetryInfo as retryAfterS', provider: 'gemini', answer: { status: 429, body: googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', undefined, [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] }, { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '41s' }]) }, expect: { state: 'rate_limited', retryAfterS: 41 } },
  { name: 'Gemini 500 INTERNAL is provider_down', provider: 'gemini', answer: { status: 500, body: googleError(500, 'INTERNAL', 'An internal error has occurred.') }, expect: { state: 'provider_down' } },
  { name: 'Gemini 503 UNAVAILABLE is provider_down', provider: 'gemini', answer: { status: 503, body: googleError(503, 'UNAVAILABLE', 'The model is overloaded.') }, expect: { state: 'provider_down' } },
  { name: 'Gemini 504 DEADLINE_EXCEEDED is provider_down', provider: 'gemini', answer: { status: 504, body: googleError(504, 'DEADLINE_EXCEEDED', 'Deadline exceeded.') }, expect: { state: 'provider_down' } },

  // §4 Vertex
  { name: 'Vertex service account: signed JWT, token, countTokens 200 is ok', provider: 'vertex', expect: { state: 'ok' } },
  { name: 'Vertex ADC authorized_user: refresh grant, countTokens 200 is ok', provider: 'vertex', authorizedUser: true, expect: { state: 'ok' } },
  { name: 'Vertex invalid_grant Invalid JWT Signature is invalid_key', provider: 'vertex', tokenAnswer: { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } }, expect: { state: 'invalid_key', providerCode: 'invalid_grant' } },
  { name: 'Vertex invalid_grant short-lived token (clock skew) is invalid_key', provider: 'vertex', tokenAnswer: { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.' } }, expect: { state: 'invalid_key' } },
  { name: 'Vertex invalid_grant account deleted is invalid_key', provider: 'vertex', tokenAnswer: { status: 400, body: { error: 'invalid_grant', error_description: 'The account has been deleted' } }, expect: { state: 'invalid_key' } },
  { name: 'Vertex invalid_request impersonation is invalid_key', provider: 'vertex', tokenAnswer: { status: 400, body: { error: 'invalid_request', error_description: 'Invalid impersonation "sub" field.' } }, expect: { state: 'invalid_key', providerCode: 'invalid_request' } },
  { name: 'Vertex deleted_client is invalid_key', provider: 'vertex', tokenAnswer: { status: 401, body: { error: 'deleted_client', error_description: 'The OAuth client was deleted.' } }, expect: { state: 'invalid_key', providerCode: 'deleted_client' } },
  { name: 'Vertex countTokens 403 PERMISSION_DENIED is restricted', provider: 'vertex', answer: { status: 403, body: googleError(403, 'PERMISSION_DENIED', "Permission 'aiplatform.endpoints.predict' denied on resource.", 'IAM_PERMISSION_DENIED') }, expect: { state: 'restricted' } },
  { name: 'Vertex countTokens 403 SERVICE_DISABLED is restricted', provider: 'vertex', answer: { status: 403, body: googleError(403, 'PERMISSION_DENIED', 'Vertex AI API has not been used in project nome-test before or it is disabled.', 'SERVICE_DISABLED') }, expect: { state: 'restricted', providerCode: 'SERVICE_DISABLED' } },
  { name: 'Vertex countTokens 404 model not in region is bad_endpoint', provider: 'vertex', answer: { status: 404, body: googleError(404, 'NOT_FOUND', 'Publisher Model was not found.') }, expect: { state: 'bad_endpoint' } },

  // §5 DeepSeek
  { name: 'DeepSeek 200 balance is ok with figures', provider: 'deepseek', expect: { state: 'ok', figures: true } },
  { name: 'DeepSeek 200 is_available false is no_credit with figures', provider: 'deepseek', answer: { status: 200, body: { is_available: false, balance_infos: [{ currency: 'CNY', total_balance: '0.00', granted_balance: '0.00', topped_up_balance: '0.00' }] } }, expect: { state: 'no_credit', figures: true } },
  { name: 'DeepSeek 401 Authentication Fails is invalid_key', provider: 'deepseek', answer: { status: 401, body: deepSeekError('Authentication Fails, Your api key: ****e78f is invalid', 'authentication_error') }, expect: { state: 'invalid_key' } },
  { name: 'DeepSeek 402 Insufficient Balance is no_credit', provider: 'deepseek', answer: { status: 402, body: deepSeekError('Insufficient Balance', 'unknown_error') }, expect: { state: 'no_credit' } },
  { name: 'DeepSeek 400 Invalid Format is bad_endpoint', provider: 'deepseek', answer: { status: 400, body: deepSeekError('Invalid Format', 'invalid_request_error') }, expect: { state: 'bad_endpoint' } },
  { name: 'DeepSeek 422 Invalid Parameters is bad_endpoint', provider: 'deepseek', answer: { status: 422, body: deepSeekError('Invalid Parameters', 'invalid_request_error') }, expect: { state: 'bad_endpoint' } },
  { name: 'DeepSeek 429 Rate Limit Reached is rate_limited', provider: 'deepseek', answer: { status: 429, body: deepSeekError('Rate Limit Reached', 'rate_limit_error') }, expect: { state: 'rate_limited' } },
  { name: 'DeepSeek 500 Server Error is provider_down', provider: 'deepseek', answer: { status: 500, body: deepSeekError('Server Error', 'api_error') }, expect: { state: 'provider_down' } },
  { name: 'DeepSeek 503 Server Overloaded is provider_down', provider: 'deepseek', answer: { status: 503, body: deepSeekError('Server Overloaded', 'api_error') }, expect: { state: 'provider_down' } },

  // §6 xAI
  { name: 'xAI 200 introspection with acls is ok', provider: 'xai', expect: { state: 'ok' } },
  { name: 'xAI 200 api_key_blocked is invalid_key', provider: 'xai', answer: { status: 200, body: { redacted_api_key: 'xai-...b14o', acls: ['api-key:model:*'], team_blocked: false, api_key_blocked: true, api_key_disabled: false } }, expect: { state: 'invalid_key', providerCode: 'api_key_blocked' } },
  { name: 'xAI 200 api_key_disabled is invalid_key', provider: 'xai', answer: { status: 200, body: { redacted_api_key: 'xai-...b14o', acls: ['api-key:model:*'], team_blocked: false, api_key_blocked: false, api_key_disabled: true } }, expect: { state: 'invalid_key', providerCode: 'api_key_disabled' } },
  { name: 'xAI 200 team_blocked is restricted', provider: 'xai', answer: { status: 200, body: { redacted_api_key: 'xai-...b14o', acls: ['api-key:model:*'], team_blocked: true, api_key_blocked: false, api_key_disabled: false } }, expect: { state: 'restricted', providerCode: 'team_blocked' } },
  { name: 'xAI 200 with no model or endpoint acls is restricted', provider: 'xai', answer: { status: 200, body: { redacted_api_key: 'xai-...b14o', acls: [], team_blocked: false, api_key_blocked: false, api_key_disabled: false } }, expect: { state: 'restricted', providerCode: 'acls' } },
  { name: 'xAI 400 Incorrect API key is invalid_key', provider: 'xai', answer: { status: 400, body: xaiError('Client specified an invalid argument', 'Incorrect API key provided: xa***. You can obtain an API key from https://console.x.ai.') }, expect: { state: 'invalid_key', providerCode: 'Client specified an invalid argument' } },
  { name: 'xAI 400 other invalid argument is bad_endpoint', provider: 'xai', answer: { status: 400, body: xaiError('Client specified an invalid argument', 'Unknown field in request.') }, expect: { state: 'bad_endpoint' } },
  { name: 'xAI 401 missing or invalid auth is invalid_key', provider: 'xai', answer: { status: 401, body: xaiError('Unauthenticated', 'No or invalid authorization header.') }, expect: { state: 'invalid_key' } },
  { name: 'xAI 403 no credits yet is no_credit', provider: 'xai', answer: { status: 403, body: xaiError('The caller does not have permission', "Your newly created teams doesn't have any credits yet. You can purchase credits on https://console.x.ai") }, expect: { state: 'no_credit' } },
  { name: 'xAI 403 no credits or licenses is no_credit', provider: 'xai', answer: { status: 403, body: xaiError('The caller does not have permission', "Your newly created teams doesn't have any credits or licenses yet.") }, expect: { state: 'no_credit' } },
  { name: 'xAI 403 permission or blocked is restricted', provider: 'xai', answer: { status: 403, body: xaiError('The caller does not have permission', 'The API key or team is blocked.') }, expect: { state: 'restricted' } },
  { name: 'xAI 404 is bad_endpoint', provider: 'xai', answer: { status: 404, body: xaiError('Not found', 'Not found.') }, expect: { state: 'bad_endpoint' } },
  { name: 'xAI 405 is bad_endpoint', provider: 'xai', answer: { status: 405, body: xaiError('Method not allowed', 'Method not allowed.') }, expect: { state: 'bad_endpoint' } },
  { name: 'xAI 415 is bad_endpoint', provider: 'xai', answer: { status: 415, body: xaiError('Unsupported media type', 'Unsupported media type.') }, expect: { state: 'bad_endpoint' } },
  { name: 'xAI 422 is bad_endpoint', provider: 'xai', answer: { status: 422, body: xaiError('Unprocessable', 'Failed to deserialize.') }, expect: { state: 'bad_endpoint' } },
  { name: 'xAI 429 is rate_limited', provider: 'xai', answer: { status: 429, headers: { 'retry-after': '3' }, body: xaiError('Too many requests', 'Rate limit exceeded.') }, expect: { state: 'rate_limited', retryAfterS: 3 } },

  // §7 OpenAI-compatible presets
  { name: 'OpenRouter /key 200 is ok with limit, remaining and usage', provider: 'openrouter', preset: 'openrouter', expect: { state: 'ok', figures: true } },
  { name: 'OpenRouter /key with nothing remaining is no_credit', provider: 'openrouter', preset: 'openrouter', answer: { status: 200, body: { data: { label: 'sk-or-v1-au7...890', limit: 10, limit_remaining: 0, usage: 10, is_free_tier: false } } }, expect: { state: 'no_credit', figures: true } },
  { name: 'OpenRouter /key uncapped (null limit) is ok', provider: 'openrouter', preset: 'openrouter', answer: { status: 200, body: { data: { label: 'sk-or-v1-au7...890', limit: null, limit_remaining: null, usage: 3.2 } } }, expect: { state: 'ok', figures: true } },
  { name: 'OpenRouter 400 bad request is bad_endpoint', provider: 'openrouter', preset: 'openrouter', answer: { status: 400, body: openRouterError(400, 'Invalid request') }, expect: { state: 'bad_endpoint', providerCode: '400' } },
  { name: 'OpenRouter 401 invalid or disabled key is invalid_key', provider: 'openrouter', preset: 'openrouter', answer: { status: 401, body: openRouterError(401, 'User not found.') }, expect: { state: 'invalid_key', providerCode: '401' } },
  { name: 'OpenRouter 402 insufficient credits is no_credit', provider: 'openrouter', preset: 'openrouter', answer: { status: 402, body: openRouterError(402, 'Insufficient credits') }, expect: { state: 'no_credit' } },
  { name: 'OpenRouter 403 guardrail or permission is restricted', provider: 'openrouter', preset: 'openrouter', answer: { status: 403, body: openRouterError(403, 'Forbidden') }, expect: { state: 'restricted' } },
  { name: 'OpenRouter 408 is timeout', provider: 'openrouter', preset: 'openrouter', answer: { status: 408, body: openRouterError(408, 'Request timed out') }, expect: { state: 'timeout' } },
  { name: 'OpenRouter 429 with Retry-After is rate_limited', provider: 'openrouter', preset: 'openrouter', answer: { status: 429, headers: { 'retry-after': '9' }, body: openRouterError(429, 'Rate limit exceeded') }, expect: { state: 'rate_limited', retryAfterS: 9 } },
  { name: 'OpenRouter 502 is provider_down', provider: 'openrouter', preset: 'openrouter', answer: { status: 502, body: openRouterError(502, 'Provider returned error') }, expect: { state: 'provider_down' } },
  { name: 'OpenRouter 503 no provider is provider_down', provider: 'openrouter', preset: 'openrouter', answer: { status: 503, body: openRouterError(503, 'No available provider') }, expect: { state: 'provider_down' } },
  { name: 'Groq 200 model list is ok', provider: 'compatible', preset: 'groq', expect: { state: 'ok' } },
  { name: 'Groq 401 Invalid API Key is invalid_key', provider: 'compatible', preset: 'groq', answer: { status: 401, body: { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } } }, expect: { state: 'invalid_key', providerCode: 'invalid_api_key' } },
  { name: 'Together 200 model list is ok', provider: 'compatible', preset: 'together', expect: { state: 'ok' } },
  { name: 'Mistral 200 model list is ok', provider: 'compatible', preset: 'mistral', expect: { state: 'ok' } },
  { name: 'Ollama without a key, 200 model list is ok', provider: 'compatible', preset: 'ollama', keyless: true, expect: { state: 'ok' } },
  { name: 'LM Studio without a key, 200 model list is ok', provider: 'compatible', preset: 'lmstudio', keyless: true, expect: { state: 'ok' } },
  { name: 'vLLM with --api-key, 200 model list is ok', provider: 'compatible', preset: 'vllm', expect: { state: 'ok' } },
  { name: 'llama.cpp 401 with --api-key set is invalid_key', provider: 'compatible', preset: 'llamacpp', answer: { status: 401, body: { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } } }, expect: { state: 'invalid_key' } },
  { name: 'llama.cpp 503 Loading model is provider_down', provider: 'compatible', preset: 'llamacpp', answer: { status: 503, body: { error: { code: 503, message: 'Loading model', type: 'unavailable_error' } } }, expect: { state: 'provider_down' } },
];
