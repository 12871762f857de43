export * from './alert';
export * from './incident';
export * from './report';
export * from './view';
export * from './triage';
export * from './session';
export * from './engine';
