import Taro from '@tarojs/taro';
import type { CaseDetail, ConsultationQuestion, FaqItem } from '@contract';
import { Text, View } from '@tarojs/components';
import { Input, Textarea } from '@/shared/ui/controls';
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { useSession } from '@/shared/session';
import { Button, Heading, StateView, pressable } from '@/shared/ui';
import { askQuestion, fetchMyCases, fetchMyQuestions, searchFaq } from './api';
import './consultation.css';
import { dateTime } from '@/shared/lib/time';

const MAX = 500;

function FaqEntry({ item }: { item: FaqItem }) {
  const [open, setOpen] = useState(false);
  return (
    <View className="faq" role="listitem" data-faq={item.id}>
      <View
        className="faq__question"
        {...pressable(() => setOpen(!open))}
        aria-expanded={open ? 'true' : 'false'}
      >
        <Text>
          {open ? '▾' : '▸'} {item.question}
        </Text>
      </View>
      {open ? (
        <View className="faq__body">
          <Text className="faq__answer">{item.answer}</Text>
          <Text className="faq__source">依据：{item.source}</Text>
        </View>
      ) : null}
    </View>
  );
}

function FaqSearch() {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<FaqItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback((query: string) => {
    setError(null);
    setItems(null);
    searchFaq(query).then(setItems, (e) => setError(toApiError(e)));
  }, []);
  useEffect(() => run(''), [run]);
  return (
    <View className="consult__section">
      <Heading level={2}>常见问题</Heading>
      <View className="consult__search" role="search">
        <Input
          className="consult__input"
          value={q}
          maxlength={100}
          placeholder="输入关键词，如：刷脸、契税、电子证书"
          confirmType="search"
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => run(q)}
          nativeProps={{ 'aria-label': '搜索常见问题', id: 'faq-q' }}
        />
        <Button className="consult__search-button" onPress={() => run(q)}>
          搜索
        </Button>
      </View>
      {error ? (
        <StateView
          variant={error.code === 'OFFLINE' ? 'offline' : 'error'}
          message={error.message}
          onRetry={() => run(q)}
        />
      ) : !items ? (
        <StateView variant="loading" message="正在搜索…" />
      ) : items.length === 0 ? (
        <StateView
          variant="empty"
          title="没有找到相关问题"
          message="换个说法试试，或在下方直接向登记中心提问。"
        />
      ) : (
        <View className="consult__faqs" role="list" aria-label="常见问题列表">
          {items.map((i) => (
            <FaqEntry key={i.id} item={i} />
          ))}
        </View>
      )}
    </View>
  );
}

function QuestionCard({ q }: { q: ConsultationQuestion }) {
  return (
    <View className="question" role="listitem" data-question={q.questionId}>
      <Text className="question__meta">
        {dateTime(q.askedAt)} · {q.topic === 'case' ? `办件咨询 ${q.caseNumber ?? ''}` : '一般咨询'}
      </Text>
      <Text className="question__text">问：{q.text}</Text>
      {q.status === 'answered' ? (
        <Text className="question__answer">
          答：{q.answer}（{q.answeredBy ?? '登记中心'} {q.answeredAt ? dateTime(q.answeredAt) : ''}
          ）
        </Text>
      ) : (
        <Text className="question__open">⏳ 等待登记中心答复</Text>
      )}
    </View>
  );
}

function AskAndMine() {
  const [text, setText] = useState('');
  const [topic, setTopic] = useState<'general' | 'case'>('general');
  const [caseId, setCaseId] = useState<string | undefined>();
  const [cases, setCases] = useState<CaseDetail[]>([]);
  const [mine, setMine] = useState<ConsultationQuestion[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const load = useCallback(() => {
    setLoadError(null);
    fetchMyQuestions().then(setMine, (e) => setLoadError(toApiError(e)));
    fetchMyCases().then(setCases, () => setCases([]));
  }, []);
  useEffect(load, [load]);
  const submit = async () => {
    setError(null);
    setNote('');
    if (!text.trim()) return setError('请填写要咨询的问题');
    if (topic === 'case' && !caseId) return setError('请选择要咨询的办件');
    setBusy(true);
    try {
      await askQuestion({
        topic,
        text: text.trim(),
        ...(topic === 'case' && caseId ? { caseId } : {}),
      });
      setText('');
      setNote('已提交，登记中心答复后会通知您');
      load();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const topics: { value: 'general' | 'case'; label: string }[] = [
    { value: 'general', label: '一般咨询' },
    ...(cases.length ? [{ value: 'case' as const, label: '咨询我的办件' }] : []),
  ];
  return (
    <>
      <View className="consult__section">
        <Heading level={2}>向登记中心提问</Heading>
        <View className="consult__radios" role="radiogroup" aria-label="咨询类型">
          {topics.map((t) => (
            <View
              key={t.value}
              className={`consult__radio${topic === t.value ? ' consult__radio--on' : ''}`}
              {...pressable(() => setTopic(t.value))}
              role="radio"
              aria-checked={topic === t.value ? 'true' : 'false'}
            >
              <Text aria-hidden="true">{topic === t.value ? '●' : '○'}</Text>
              <Text>{t.label}</Text>
            </View>
          ))}
        </View>
        {topic === 'case' ? (
          <View className="consult__radios" role="radiogroup" aria-label="选择办件">
            {cases.map((c) => (
              <View
                key={c.caseId}
                className={`consult__radio${caseId === c.caseId ? ' consult__radio--on' : ''}`}
                {...pressable(() => setCaseId(c.caseId))}
                role="radio"
                aria-checked={caseId === c.caseId ? 'true' : 'false'}
              >
                <Text>
                  {c.businessTypeName} {c.caseNumber ?? ''}
                </Text>
              </View>
            ))}
          </View>
        ) : null}
        <Text className="consult__label" id="ask-label">
          问题（{[...text].length}/{MAX} 字）
        </Text>
        <Textarea
          className="consult__textarea"
          value={text}
          maxlength={MAX}
          onInput={(e) => setText(e.detail.value)}
          nativeProps={{ 'aria-labelledby': 'ask-label', id: 'ask-text' }}
        />
        <Button className="consult__ask" disabled={busy} onPress={() => void submit()}>
          {busy ? '正在提交…' : '提交问题'}
        </Button>
        {error ? (
          <View className="consult__error" role="alert">
            ⚠ {error}
          </View>
        ) : null}
        <View role="status" className="consult__note">
          {note}
        </View>
      </View>
      <View className="consult__section">
        <Heading level={2}>我的提问</Heading>
        <Button variant="text" className="consult__refresh" onPress={load}>
          刷新
        </Button>
        {loadError ? (
          <StateView
            variant={loadError.code === 'OFFLINE' ? 'offline' : 'error'}
            message={loadError.message}
            onRetry={load}
          />
        ) : !mine ? (
          <StateView variant="loading" message="正在读取我的提问…" />
        ) : mine.length === 0 ? (
          <StateView variant="empty" title="还没有提问" message="提问后答复会显示在这里。" />
        ) : (
          <View className="consult__mine" role="list" aria-label="我的提问">
            {mine.map((q) => (
              <QuestionCard key={q.questionId} q={q} />
            ))}
          </View>
        )}
      </View>
    </>
  );
}

/** 在线咨询: FAQ search for everyone; questions and answers for the signed-in citizen. */
export function ConsultScreen() {
  const user = useSession((s) => s.user);
  return (
    <View className="consult">
      <FaqSearch />
      {user ? (
        <AskAndMine />
      ) : (
        <View className="consult__section">
          <Heading level={2}>向登记中心提问</Heading>
          <Text>没有找到答案？登录后可以直接向登记中心提问。</Text>
          <Button onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}>
            登录后提问
          </Button>
        </View>
      )}
    </View>
  );
}
