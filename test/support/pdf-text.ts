/** A PDF's text read back with PDF.js (Mozilla's parser), page by page, lines joined by newlines. */
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string; title: string }> {
  const document = await getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    verbosity: VerbosityLevel.ERRORS,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(
      content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''),
    );
  }
  const { info } = await document.getMetadata();
  const title = (info as { Title?: string }).Title ?? '';
  await document.destroy();
  return { pages: document.numPages, text: pages.join('\n'), title };
}
