import type { Report } from '../../model';
import { CopyButton } from './CopyButton';
import { Section } from './Section';
import { Clipped } from './Clipped';

export function NextStepsSection({ report }: { report: Report }) {
  return (
    <Section id="next-steps" report={report}>
      {report.nextSteps.length ? (
        <ol className="next-steps">
          {/* Step 1 is the first action at the top of the report: said there once. */}
          <li>
            <p>The first action, above.</p>
          </li>
          {report.nextSteps.slice(1).map((step, i) => (
            <li key={i}>
              <p>{step.title}</p>
              <div className="code-block">
                <pre>
                  <code>
                    <Clipped text={step.command} />
                  </code>
                </pre>
                <CopyButton text={step.command} />
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p>None (see First action).</p>
      )}
    </Section>
  );
}
