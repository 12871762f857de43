import type { Alert } from '../model';
import { fieldText } from '../knowledge/fieldValue';
import { shellQuote } from './shellQuote';

const PLACEHOLDER = /\{([A-Za-z0-9_.]+(?:\[[0-9]+\])?)\}/g;

export interface FilledCommand {
  command: string;
  /** Fields the template needed that the alert does not carry. */
  missing: string[];
}

/** Fill `{field}` placeholders with shell-quoted alert values; missing ones become `<field>`. */
export function fillCommand(template: string, alert: Alert): FilledCommand {
  const missing: string[] = [];
  const command = template.replace(PLACEHOLDER, (_match, field: string) => {
    const value = valueFor(alert, field);
    if (value === undefined) {
      missing.push(field);
      return `<${field}>`;
    }
    return shellQuote(value);
  });
  return { command, missing };
}

/** Fill `{field}` placeholders in prose with the plain value (the export escapes it later). */
export function fillText(template: string, alert: Alert): string {
  return template.replace(PLACEHOLDER, (_match, field: string) => valueFor(alert, field) ?? field);
}


function valueFor(alert: Alert, field: string): string | undefined {
  if (field === 'hostname') return alert.hostname || undefined;
  return fieldText(alert, field);
}
