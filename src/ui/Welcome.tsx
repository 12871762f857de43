import { LoadSamplesButton } from './LoadSamplesButton';
import { OpenFilesButton } from './OpenFilesButton';
import { PasteButton } from './PasteDialog';

/** First screen: what this is, what it accepts, and a one-click way to see a real report. */
export function Welcome() {
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Triage Falco alerts, privately</h2>
      <p>
        Drop Falco alert files anywhere on this page, open them, or paste them. falcoscope groups alerts into incidents and
        writes a report for each: what the rule detects, every field explained, a risk score that shows its reasons,
        MITRE ATT&amp;CK mapping, mitigations, a Falco tuning snippet that Falco accepts, and investigation commands with the
        alert's values filled in. Reports export to Markdown.
      </p>
      <p className="privacy">Everything runs in this browser tab. Nothing is uploaded; it works offline.</p>
      <div className="welcome-actions">
        <LoadSamplesButton primary />
        <OpenFilesButton />
        <PasteButton />
      </div>
      <h3>Accepted input</h3>
      <ul>
        <li>Falco JSON output (json_output: true): one alert per line, as written by file_output, stdout or syslog</li>
        <li>a single pretty-printed alert, a JSON array of alerts, falcosidekick payloads</li>
        <li>lines with a syslog prefix before the JSON, and any of these gzip-compressed (.gz)</li>
        <li>Falco text output (json_output: false): the rule is recovered from the stock rules&apos; output templates</li>
        <li>exports from falcosidekick&apos;s stores: Elasticsearch/OpenSearch search results and _bulk files, Loki (logcli jsonl, query_range JSON), S3/GCS objects</li>
        <li>syscall alerts and plugin sources: k8s_audit, aws_cloudtrail, gcp_auditlog, okta, github</li>
        <li>Falco rules files (falco_rules.yaml, rules.d/ files, your own rules and overrides), in the same drop, loaded in the order given: reports then explain your rules</li>
      </ul>
    </section>
  );
}
