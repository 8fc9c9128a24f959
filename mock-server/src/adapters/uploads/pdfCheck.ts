/**
 * A PDF is accepted when it is pages and nothing else. The file is parsed into its objects and
 * streams; FlateDecode streams (also object streams, where a name can hide) are inflated within
 * a budget, names are read with their #xx escapes decoded, and the file is refused when it
 * carries JavaScript, a launch or submit action, embedded files, forms (AcroForm/XFA), rich
 * media, markup outside its streams (an HTML page with a PDF header), or no PDF structure at all
 * (no objects, no catalog, no trailer), or data after its last %%EOF.
 */
import { inflateAtMost, refused, truncated } from './imageStructure';

/** names that make a PDF do something on opening or carry something that is not a page */
const FORBIDDEN_NAMES: Record<string, string> = {
  JavaScript: '文件含有脚本（JavaScript）',
  JS: '文件含有脚本（JavaScript）',
  Launch: '文件含有启动外部程序的动作',
  SubmitForm: '文件含有提交表单的动作',
  ImportData: '文件含有导入数据的动作',
  GoToE: '文件含有打开嵌入文件的动作',
  GoToR: '文件含有打开外部文件的动作',
  EmbeddedFile: '文件含有嵌入的附件',
  EmbeddedFiles: '文件含有嵌入的附件',
  FileAttachment: '文件含有嵌入的附件',
  AcroForm: '文件含有可填写的表单',
  XFA: '文件含有可填写的表单',
  RichMedia: '文件含有多媒体内容',
};

/** HTML/SVG markup or a javascript: URL, as a browser would read it */
const MARKUP =
  /<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta|form)\b|javascript\s*:/i;

/** at most this many bytes inflated out of one PDF (and at most 50× its size) */
const INFLATE_BUDGET = 32 * 1024 * 1024;

const decodeName = (raw: string) =>
  raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function checkNames(text: string): { catalog: boolean } {
  let catalog = false;
  for (const m of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const name = decodeName(m[1]);
    const why = FORBIDDEN_NAMES[name];
    if (why) throw refused(why);
    if (name === 'Catalog') catalog = true;
  }
  return { catalog };
}

export async function checkPdf(bytes: Uint8Array): Promise<void> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = b.toString('latin1');
  if (!/^%PDF-\d\.\d/.test(text)) throw truncated();
  const eof = text.lastIndexOf('%%EOF');
  if (eof < 0) throw truncated();
  if (text.slice(eof + 5).trim() !== '') throw refused('文件结束之后还附带了其他数据');

  // split into what is outside streams (objects, dictionaries, trailer) and the streams
  const outside: string[] = [];
  const streams: { dict: string; data: Buffer }[] = [];
  const streamStart = /stream(?:\r\n|\n|\r)/g;
  let at = 0;
  for (;;) {
    streamStart.lastIndex = at;
    const m = streamStart.exec(text);
    // "endstream" also contains "stream": only a "stream" keyword after a dictionary counts
    if (!m || m.index > eof) break;
    if (text.slice(Math.max(0, m.index - 3), m.index) === 'end') {
      at = m.index + m[0].length;
      continue;
    }
    const end = text.indexOf('endstream', m.index + m[0].length);
    if (end < 0) throw truncated();
    const before = text.slice(at, m.index);
    outside.push(before);
    const dict = before.slice(before.lastIndexOf('obj') + 3);
    streams.push({ dict, data: b.subarray(m.index + m[0].length, end) });
    at = end + 'endstream'.length;
  }
  outside.push(text.slice(at));
  const structure = outside.join('\n');
  if (MARKUP.test(structure)) throw refused('文件含有网页代码（HTML），不是普通的 PDF');
  if (!/\d+\s+\d+\s+obj\b/.test(structure)) throw refused('文件不是有效的 PDF（没有任何对象）');

  let { catalog } = checkNames(structure);
  let trailer = /\btrailer\b/.test(structure) || /\/Type\s*\/XRef\b/.test(structure);
  let budget = Math.min(INFLATE_BUDGET, Math.max(1024 * 1024, b.length * 50));
  for (const s of streams) {
    const filters = [...s.dict.matchAll(/\/(\w+Decode|Fl|AHx)\b/g)].map((f) => f[1]);
    let data = s.data;
    if (filters.length > 0 && filters.every((f) => IMAGE_FILTERS.has(f))) continue;
    if (filters.length === 1 && (filters[0] === 'FlateDecode' || filters[0] === 'Fl')) {
      data = await inflateAtMost(data, budget + 1);
      budget -= data.length;
      if (budget < 0) throw refused('文件压缩数据解压后过大（解压炸弹）');
    } else if (filters.length > 0 && !filters.every((f) => IMAGE_FILTERS.has(f))) {
      // a filter chain we do not read could hide an object stream: refuse rather than guess
      if (/\/Type\s*\/(?:ObjStm|XRef)\b/.test(s.dict) || filters.length > 1) {
        throw refused('文件使用了无法检查的压缩方式');
      }
    }
    // a picture's data is pixels, never read as PDF syntax: not searched for names
    if (/\/Subtype\s*\/Image\b/.test(s.dict)) continue;
    const inner = data.toString('latin1');
    if (/\/Type\s*\/ObjStm\b/.test(s.dict)) {
      if (MARKUP.test(inner)) throw refused('文件含有网页代码（HTML），不是普通的 PDF');
    }
    const found = checkNames(inner);
    catalog ||= found.catalog;
    if (/\/Type\s*\/XRef\b/.test(s.dict)) trailer = true;
  }
  if (!catalog || !trailer) throw refused('文件不是有效的 PDF（缺少目录或文件尾）');
}

/** image filters: their data is a picture, read by the viewer's image decoder only */
const IMAGE_FILTERS = new Set(['DCTDecode', 'JPXDecode', 'CCITTFaxDecode', 'JBIG2Decode']);
