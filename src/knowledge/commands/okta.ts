import type { Arg } from './shell';
import { variable, word, words } from './shell';
import type { ToolOptions } from './options';

/**
 * Okta System Log API (`GET /api/v1/logs`) through curl: Okta has no official CLI. curl takes an
 * option's value as the next word (it has no `--name=value`), so every value word here starts
 * with a literal (`filter=`, `limit=`, `Authorization:`): none can be read as an option.
 * The filter is Okta's SCIM-style expression; string values in it are double-quoted literals
 * (`quotedField`, `⟦field|dq⟧`), so a `"` in an alert value cannot end the string.
 */
const TOKEN = variable('OKTA_API_TOKEN', 'an Okta API token with read access to the System Log');
const ORG = variable('OKTA_ORG', 'your Okta domain, e.g. example.okta.com');

const LOG_SUMMARY = "| jq -r '.[] | [.published, .eventType, .actor.alternateId, .client.ipAddress, .outcome.result, .displayMessage] | @tsv'";

export const okta = {
  /**
   * `GET https://ORG/api/v1/PATH` with query parameters (each one word starting `name=`, sent
   * URL-encoded) and an optional jq summary.
   */
  get(path: string, params: Arg[] = [], jq?: string): string {
    if (!/^[a-z0-9/_-]+$/.test(path)) throw new Error(`not an Okta API path: ${path}`);
    return words(
      'curl --silent --show-error',
      params.length > 0 && '--get',
      '--header',
      word(['Authorization: SSWS ', TOKEN]),
      '--header',
      word('Accept: application/json'),
      ...params.flatMap((p) => ['--data-urlencode', word(p)]),
      word(['https://', ORG, `/api/v1/${path}`]),
      jq !== undefined && `| jq -r ${word(jq)}`,
    );
  },
  /**
   * System Log events matching `filter` (pieces of one word starting `filter=`; alert values as
   * `quotedField`), newest 100, as a TSV summary.
   */
  logs(filter: Arg, o: { limit?: number } = {}): string {
    return words(okta.get('logs', [filter, `limit=${o.limit ?? 100}`]), LOG_SUMMARY);
  },
};

/** curl(1), curl 8.x: the options the Okta commands use. */
export const CURL_OPTIONS: ToolOptions = {
  source: 'curl(1), curl 8.x (https://curl.se/docs/manpage.html)',
  global: ['-s', '--silent', '-S', '--show-error', '-G', '--get', '-H', '--header', '-d', '--data', '--data-urlencode', '-f', '--fail', '-o', '--output', '--url'],
  commands: { '': [] },
  takesValue: ['-H', '--header', '-d', '--data', '--data-urlencode', '-o', '--output', '--url'],
};
