import type { AppDeps, CallContext } from '../../src/app/context.ts';
import { uploadExperimentDocument } from '../../src/app/experiments/experiment-documents.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Ground rules 7 and 8 ask for the AP advice and the internet publication before the start: upload both, so the gate to 'running' has them. */
export async function uploadStartDocuments(deps: AppDeps, ctx: CallContext, experimentId: string): Promise<void> {
  for (const kind of ['ap_advice', 'publication'] as const)
    await uploadExperimentDocument(deps, ctx, experimentId, { kind, fileName: `${kind}.pdf`, bytes: PDF, reason: 'ontvangen vóór de start' });
}
