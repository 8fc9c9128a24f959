/**
 * Draws a document's readable rendering (the server's RenderedDocument: title, sections of
 * labelled rows, paragraphs, tables, numbered lists, questions and answers, signature lines).
 * It only lays out: every text arrives final from the server's one renderer per kind (Chinese
 * labels, 元 and 大写, Beijing time, masking), so what a person reads here is what the PDF, the
 * staff console and the archive show, and what they sign.
 */
import type { RenderedBlock, RenderedDocument } from '@contract';
import { Text, View } from '@tarojs/components';
import './document.css';

function Block({ block }: { block: RenderedBlock }) {
  switch (block.type) {
    case 'rows':
      return (
        <View className="doc-rows">
          {block.rows.map((r, i) => (
            <View key={i} className={`doc-row${r.wide ? ' doc-row--wide' : ''}`}>
              <Text className="doc-row__label">{r.label}</Text>
              <Text className="doc-row__value">{r.value}</Text>
            </View>
          ))}
        </View>
      );
    case 'paragraph':
      return (
        <Text className={`doc-paragraph${block.emphasis ? ' doc-paragraph--emphasis' : ''}`}>
          {block.text}
        </Text>
      );
    case 'table':
      return (
        <View
          className="doc-table"
          role="table"
          aria-label={block.caption ?? block.columns.join('、')}
        >
          <View className="doc-table__row doc-table__row--head" role="row">
            {block.columns.map((c, i) => (
              <View key={i} className="doc-table__cell" role="columnheader">
                {c}
              </View>
            ))}
          </View>
          {block.rows.map((row, i) => (
            <View key={i} className="doc-table__row" role="row">
              {row.map((cell, j) => (
                <View key={j} className="doc-table__cell" role="cell">
                  {cell}
                </View>
              ))}
            </View>
          ))}
        </View>
      );
    case 'list':
      return (
        <View className="doc-list" role="list">
          {block.items.map((item, i) => (
            <View key={i} className="doc-list__item" role="listitem">
              {`${i + 1}. ${item}`}
            </View>
          ))}
        </View>
      );
    case 'qa':
      return (
        <View className="doc-qa">
          {block.items.map((q, i) => (
            <View key={i} className="doc-qa__item">
              <Text className="doc-qa__question">{`问：${q.question}`}</Text>
              <Text className="doc-qa__answer">{`答（${q.answeredBy}）：${q.answer}`}</Text>
            </View>
          ))}
        </View>
      );
    case 'signatures':
      return (
        <View className="doc-signatures">
          {block.lines.map((l, i) => (
            <View key={i} className="doc-signature">
              <Text className="doc-signature__who">{`${l.role}：${l.name}`}</Text>
              <Text className="doc-signature__status">{l.status}</Text>
            </View>
          ))}
        </View>
      );
  }
}

export interface DocumentViewProps {
  rendering: RenderedDocument;
  className?: string;
}

export function DocumentView({ rendering, className }: DocumentViewProps) {
  return (
    <View
      className={`doc${className ? ` ${className}` : ''}`}
      data-kind={rendering.kind}
      data-renderer-version={String(rendering.rendererVersion)}
    >
      <View className="doc__title" role="heading" aria-level="3">
        {rendering.title}
      </View>
      {rendering.number ? <Text className="doc__number">{rendering.number}</Text> : null}
      {rendering.subtitle ? <Text className="doc__subtitle">{rendering.subtitle}</Text> : null}
      {rendering.sections.map((s, i) => (
        <View key={i} className="doc__section">
          {s.heading ? (
            <View className="doc__heading" role="heading" aria-level="4">
              {s.heading}
            </View>
          ) : null}
          {s.blocks.map((b, j) => (
            <Block key={j} block={b} />
          ))}
        </View>
      ))}
      {rendering.closing ? (
        <View className="doc__closing">
          <Text className="doc__issuer">{rendering.closing.issuer}</Text>
          <Text className="doc__date">{rendering.closing.date}</Text>
        </View>
      ) : null}
      {rendering.footnote ? <Text className="doc__footnote">{rendering.footnote}</Text> : null}
    </View>
  );
}
