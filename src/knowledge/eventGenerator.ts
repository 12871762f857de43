import type { Alert } from '../model';
import { fieldText } from './fieldValue';

/**
 * falcosecurity's event-generator performs suspicious actions on purpose to trigger Falco rules.
 * One detector for every place that asks "is this a drill?" (risk, observations, playbooks), so
 * they never disagree. Fields in the order an analyst would look.
 */
const FIELDS = [
  'proc.name',
  'proc.exepath',
  'proc.exe',
  'proc.pname',
  'proc.pexepath',
  'proc.pexe',
  'proc.aname[2]',
  'proc.aname[3]',
  'proc.aname[4]',
  'proc.aname[5]',
  'proc.aname[6]',
  'proc.aname[7]',
  'proc.cmdline',
  'proc.pcmdline',
  'container.name',
  'container.image.repository',
] as const;

function looksLikeEventGenerator(field: string, value: string): boolean {
  const v = value.toLowerCase();
  if (v.includes('falco-event-generator') || v.includes('falcosecurity/event-generator')) return true;
  if (field.endsWith('cmdline')) {
    // event-generator re-runs itself as `<name> run ^helper.X$` to stage an action under another name.
    return /\brun \^helper\.[a-z0-9_]+\$/i.test(value) || /(^|[\s/])event-generator(\s|$)/.test(value);
  }
  if (field.startsWith('container.')) return v.includes('event-generator');
  return v === 'event-generator' || v.endsWith('/event-generator');
}

export interface FieldMatch {
  field: string;
  value: string;
}

/** Every field that shows event-generator behind the alert, in FIELDS order. */
export function eventGeneratorMatches(alert: Alert): FieldMatch[] {
  const out: FieldMatch[] = [];
  for (const field of FIELDS) {
    const value = fieldText(alert, field);
    if (value !== undefined && looksLikeEventGenerator(field, value)) out.push({ field, value });
  }
  return out;
}

/** The first field that shows event-generator behind the alert, if any. */
export function eventGeneratorMatch(alert: Alert): FieldMatch | undefined {
  return eventGeneratorMatches(alert)[0];
}
