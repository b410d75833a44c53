/** GitHub-shaped error responses: `{ message, documentation_url, status }` plus `errors[]` for 422s. */

export const DOCS = 'https://docs.github.com/rest';

/** One entry of a 422's `errors` array. */
export interface ValidationErrorItem {
  resource: string;
  field: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  message?: string;
}

/** Thrown by handlers; the server turns it into the response GitHub would send. */
export class GithubHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ValidationErrorItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The response body, as GitHub writes it (status is a string there). */
  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { message: this.message };
    if (this.errors) body.errors = this.errors;
    body.documentation_url = DOCS;
    body.status = String(this.status);
    return body;
  }
}

/** 404 Not Found: what GitHub answers for missing things and for private things you may not see. */
export function notFound(): GithubHttpError {
  return new GithubHttpError(404, 'Not Found');
}

/** 422 Validation Failed with one error item. */
export function validationFailed(resource: string, field: string, code: ValidationErrorItem['code'], message?: string): GithubHttpError {
  const item: ValidationErrorItem = { resource, field, code };
  if (message) item.message = message;
  return new GithubHttpError(422, 'Validation Failed', [item]);
}

/** Reason phrases for fault-injected statuses. */
export const STATUS_MESSAGES: Record<number, string> = {
  400: 'Problems parsing JSON',
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Validation Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  504: 'We couldn\u2019t respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.',
};
