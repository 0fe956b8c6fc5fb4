/**
 * The certificate of attendance as a PDF (PDFKit, standard fonts): the circle, each meeting's date and
 * time span with roles and hours, the totals, who confirms it, and the verification code.
 */
import PDFDocument from 'pdfkit';

export interface CertificateSheet {
  title: string;
  /** Lines under the title: member, circle, server, period. */
  heading: string[];
  /** One row per meeting: date, time span and zone, roles, hours, led by. */
  rows: { date: string; time: string; roles: string; hours: string; ledBy: string }[];
  /** Lines after the table: totals, confirmation, verification. */
  footer: string[];
  issuedAt: Date;
}

/** Characters the standard PDF fonts (WinAnsi) can show beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the standard fonts can draw: characters outside WinAnsi become `?`. */
export function pdfSafe(text: string): string {
  return [...text.normalize('NFC')]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c)
        ? c
        : '?';
    })
    .join('');
}

const COLUMNS = [
  { key: 'date', label: 'Date', width: 75 },
  { key: 'time', label: 'Time', width: 150 },
  { key: 'roles', label: 'Roles', width: 135 },
  { key: 'hours', label: 'Hours', width: 40 },
  { key: 'ledBy', label: 'Led by', width: 95 },
] as const;

/** Renders the sheet; resolves with the PDF's bytes. */
export function renderCertificate(sheet: CertificateSheet): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: pdfSafe(sheet.title), Creator: 'Circlekeeper', CreationDate: sheet.issuedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  doc.font('Helvetica-Bold').fontSize(18).text(pdfSafe(sheet.title));
  doc.moveDown(0.5).font('Helvetica').fontSize(11);
  for (const line of sheet.heading) doc.text(pdfSafe(line));
  doc.moveDown();
  const row = (cells: Record<(typeof COLUMNS)[number]['key'], string>, bold: boolean) => {
    if (doc.y + 16 > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    for (const column of COLUMNS) {
      doc.text(pdfSafe(cells[column.key]), x, y, {
        width: column.width - 6,
        lineBreak: false,
        ellipsis: true,
      });
      x += column.width;
    }
    doc.x = left;
    doc.y = y + 14;
  };
  row({ date: 'Date', time: 'Time', roles: 'Roles', hours: 'Hours', ledBy: 'Led by' }, true);
  for (const cells of sheet.rows) row(cells, false);
  doc.moveDown().font('Helvetica').fontSize(11);
  for (const line of sheet.footer) {
    if (doc.y + 30 > bottom()) doc.addPage();
    doc.text(pdfSafe(line), left, doc.y, { width: doc.page.width - left - doc.page.margins.right });
  }
  doc.end();
  return done;
}
