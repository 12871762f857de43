import type { Report } from '../../model';
import { CopyButton } from './CopyButton';
import { Section } from './Section';
import { Clipped } from './Clipped';

export function NextStepsSection({ report }: { report: Report }) {
  return (
    <Section id="next-steps" title="Next steps">
      {report.nextSteps.length ? (
        <ol className="next-steps">
          {report.nextSteps.map((step, i) => (
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
        <p>No investigation commands apply to this alert's fields.</p>
      )}
    </Section>
  );
}
