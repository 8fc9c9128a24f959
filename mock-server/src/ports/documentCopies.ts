/** Ports of the parties' document copies (PDFs of case documents and notices). */
import type { DocumentCopy } from '../domain/documents/documentCopy';

/** Draws a document copy as a PDF; same input, same bytes. */
export interface DocumentPdfRenderer {
  render(copy: DocumentCopy): Promise<Uint8Array>;
}
