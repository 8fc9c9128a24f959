import { Text } from '@tarojs/components';
import './ui.css';

/** Runs of letters and digits, with the dots, dashes and slashes inside them. */
const RUN = /[0-9A-Za-z]+(?:[-_/.][0-9A-Za-z]+)*/g;

/**
 * Splits a text into pieces that must not break (a number, a code) and the rest. A long dotted
 * id (an e-licence id, 1.2.156.…) may break after its dots, never inside a part.
 */
export function identPieces(text: string): { text: string; keep: boolean }[] {
  const out: { text: string; keep: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(RUN)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at), keep: false });
    for (const part of m[0].length > 24 ? m[0].split(/(?<=\.)/) : [m[0]])
      out.push({ text: part, keep: true });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), keep: false });
  return out;
}

/**
 * An identifier shown to a citizen (证号, 不动产单元号, 受理编号, 邀请码 …): its numbers never break
 * across lines (each run is white-space: nowrap), while the Chinese around them may wrap.
 */
export function Ident({ children, className }: { children: string; className?: string }) {
  return (
    <Text className={`ui-ident${className ? ` ${className}` : ''}`}>
      {identPieces(children).map((p, i) =>
        p.keep ? (
          <Text key={i} className="ui-ident__run">
            {p.text}
          </Text>
        ) : (
          p.text
        ),
      )}
    </Text>
  );
}
