import AnalysisWorker from '../worker/worker?worker&inline';
import { EngineClient } from '../worker/client';

/** The one analysis worker of the page. Inline so the single-file build carries it too. */
export const engine = new EngineClient(new AnalysisWorker() as unknown as ConstructorParameters<typeof EngineClient>[0]);
