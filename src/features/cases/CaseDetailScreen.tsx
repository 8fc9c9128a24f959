/**
 * One case after submission: status, working-day due dates, the timeline with the registry's
 * display names, notices with read receipts, the 补正 loop, tax and receipt, the 登记费 and its
 * 财政电子票据, withdrawal, and the
 * certificate at the end. Only the server's `availableActions` become buttons.
 */
import Taro from '@tarojs/taro';
import type { CaseDetail, DocumentResponse, MessagesResponse } from '@contract';

type MessageView = MessagesResponse['items'][number];
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { useSession } from '@/shared/session';
import { Button, DocumentView, Heading, Ident, StateView } from '@/shared/ui';
import { act, fetchCase, fetchDocument, fetchMessages, markMessageRead } from './api';
import { CaseCopies } from './CopyDownload';
import { FeeCard } from './FeeCard';
import { AgentsCard } from './AgentsCard';
import { APPLY_PAGE, SIGN_PAGE } from './CasesScreen';
import { archiveText, OUTCOME_TEXT, recordingLabel, STATUS_TEXT } from './labels';
import './cases.css';
import { dateTime } from '@/shared/lib/time';

export interface CaseDetailScreenProps {
  caseId: string;
  /** the correction's upload / re-answer UI (from the apply feature, composed by the page) */
  renderCorrection?: (caseId: string, onDone: () => void) => ReactNode;
  /**
   * the sale's contract, tax (line by line, payment, receipt) and utilities, composed by
   * the page; when given it replaces the plain 待缴税 block. `onChanged` reads the case again.
   */
  renderSale?: (c: CaseDetail, onChanged: () => void) => ReactNode;
}

function Notice({
  caseId,
  notice,
  message,
  onRead,
}: {
  caseId: string;
  notice: CaseDetail['notices'][number];
  message?: MessageView;
  onRead: (m: MessageView) => void;
}) {
  const [doc, setDoc] = useState<DocumentResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setError(null);
    try {
      setDoc(await fetchDocument(caseId, notice.documentId));
      if (message && !message.readAt) onRead(await markMessageRead(message.messageId));
    } catch (e) {
      setError(toApiError(e).message);
    }
  };
  return (
    <View className="notice" role="listitem" data-notice={notice.kind}>
      <Text className="notice__title">{notice.title}</Text>
      <Text className="notice__meta">
        {notice.number} · {dateTime(notice.issuedAt)} ·{' '}
        <Text className="notice__receipt">
          {message?.readAt ? `✓ 已读 ${dateTime(message.readAt)}` : '● 未读'}
        </Text>
      </Text>
      {doc ? (
        <View className="notice__body" role="document" aria-label={notice.title}>
          {doc.rendering ? (
            <DocumentView rendering={doc.rendering} />
          ) : (
            <Text className="notice__line">本文书暂不能显示，请到不动产登记服务窗口查阅。</Text>
          )}
          <Text className="notice__seal">✓ 已加盖电子印章（{doc.document.seal.sealName}）</Text>
        </View>
      ) : (
        <Button
          variant="secondary"
          className="notice__open"
          label={`查看 ${notice.title}`}
          onPress={() => void open()}
        >
          查看通知书
        </Button>
      )}
      {error ? (
        <View className="cases-error" role="alert">
          ⚠ {error}
        </View>
      ) : null}
    </View>
  );
}

export function CaseDetailScreen({ caseId, renderCorrection, renderSale }: CaseDetailScreenProps) {
  const user = useSession((s) => s.user);
  const [c, setC] = useState<CaseDetail | null>(null);
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  // counts fee payments: the copies list is read again to show the new receipt
  const [feePayments, setFeePayments] = useState(0);

  const load = useCallback(() => {
    setError(null);
    fetchCase(caseId).then(setC, (e) => setError(toApiError(e)));
    fetchMessages().then(
      (m) => setMessages(m.filter((x) => x.caseId === caseId)),
      () => undefined,
    );
  }, [caseId]);
  useEffect(() => {
    if (user && caseId) load();
  }, [user, caseId, load]);

  const run = async (name: string, fn: () => Promise<CaseDetail>) => {
    setActionError(null);
    setBusy(name);
    try {
      setC(await fn());
      fetchMessages().then(
        (m) => setMessages(m.filter((x) => x.caseId === caseId)),
        () => undefined,
      );
    } catch (e) {
      setActionError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  if (!user)
    return (
      <StateView variant="empty" title="请先登录" message="查看办件需要先刷脸验证本人身份。">
        {/* a case link opened signed out: the login returns here (it says so) */}
        <Button
          className="case-detail__login"
          onPress={() => void Taro.navigateTo({ url: '/pages/login/index' })}
        >
          去登录
        </Button>
      </StateView>
    );
  if (!caseId)
    return <StateView variant="error" title="缺少办件编号" message="请从“我的办件”进入。" />;
  if (error)
    return (
      <StateView
        variant={error.code === 'OFFLINE' ? 'offline' : 'error'}
        message={error.message}
        onRetry={load}
      />
    );
  if (!c) return <StateView variant="loading" message="正在读取办件…" rows={3} />;

  const has = (a: string) => c.availableActions.includes(a);
  const messageOf = (documentId: string) => messages.find((m) => m.documentId === documentId);
  return (
    <View className="case-detail" data-status={c.status}>
      <View className="case-detail__head">
        <Text className="case-detail__business">{c.businessTypeName}</Text>
        <Text className="case-detail__location">{c.location ?? c.unitCode}</Text>
        <Text className="case-detail__status" data-status={c.status}>
          状态：{STATUS_TEXT[c.status] ?? c.status}
        </Text>
        {c.caseNumber ? (
          <Ident className="case-detail__number">{`受理编号：${c.caseNumber}`}</Ident>
        ) : null}
        {c.promisedDueOn ? (
          <Text className="case-detail__due">
            承诺办结：{c.promisedDueOn}（按工作日计算）
            {c.statutoryDueOn ? ` · 法定时限：${c.statutoryDueOn}` : ''}
            {c.dueDatesEstimated ? '（含预估节假日）' : ''}
          </Text>
        ) : null}
        {c.outcome && c.archive ? (
          <View className="case-detail__end" role="group" aria-label="办理结果与归档">
            <Text className="case-detail__outcome">办理结果：{OUTCOME_TEXT[c.outcome]}</Text>
            <Text className="case-detail__archive" data-filed={c.archive.filed}>
              归档：{archiveText(c.archive)}
            </Text>
          </View>
        ) : null}
      </View>

      {c.announcement && !c.recording ? (
        <View className="announcement" role="region" aria-label={c.announcement.title}>
          <Heading level={2}>{c.announcement.title}</Heading>
          <Text className="announcement__text">{c.announcement.text}</Text>
          <Text className="announcement__due">
            公告期至{c.announcement.endsOn}（含当日，按工作日计算
            {c.announcement.endsOnEstimated ? '，含预估节假日' : ''}
            ），期满无异议的将自动登簿发证。
          </Text>
        </View>
      ) : null}

      {c.status === 'correctionRequested' && c.correction ? (
        <View className="correction" role="region" aria-label="补正">
          <Heading level={2}>需要补正</Heading>
          {c.correction.items.map((r) => (
            <Text key={r.code} className="correction__item">
              · {r.explanation}
            </Text>
          ))}
          {c.correction.dueOn ? (
            <Text className="correction__due">
              补正期限：{c.correction.dueOn}（含当日，按工作日计算
              {c.correction.dueOnEstimated ? '，含预估节假日' : ''}
              ）。逾期未补正的，将{c.correction.stage === 'review' ? '不予登记' : '不予受理'}。
            </Text>
          ) : null}
          {has('answerCorrection') ? (
            correcting && renderCorrection ? (
              renderCorrection(c.caseId, () => {
                void run('correct', () =>
                  act(c.caseId, 'correction-answer', { note: '已按补正通知补充材料' }),
                );
                setCorrecting(false);
              })
            ) : (
              <Button className="correction-start" onPress={() => setCorrecting(true)}>
                补充材料并重新提交
              </Button>
            )
          ) : null}
        </View>
      ) : null}

      {renderSale ? renderSale(c, load) : null}
      {c.status === 'taxPending' && !renderSale ? (
        <View className="tax" role="region" aria-label="缴税">
          <Heading level={2}>待缴税</Heading>
          <Text className="apply-note">税务部门已核定本次交易的税款，缴清后登记机构继续办理。</Text>
          {has('payTax') ? (
            <Button
              className="tax-pay"
              onPress={() => void run('tax', () => act(c.caseId, 'tax-payment'))}
              disabled={busy === 'tax'}
            >
              {busy === 'tax' ? '正在缴税…' : '缴纳税款'}
            </Button>
          ) : null}
        </View>
      ) : null}
      {c.taxPaidAt && !renderSale ? (
        <Text className="tax-receipt">✓ 完税凭证：已于 {dateTime(c.taxPaidAt)} 缴清税款</Text>
      ) : null}

      {c.status === 'draft' || c.status === 'signing' ? (
        <AgentsCard caseId={c.caseId} status={c.status} canAppoint />
      ) : null}

      {c.caseNumber ? (
        <FeeCard
          caseId={c.caseId}
          status={c.status}
          onPaid={() => {
            setFeePayments((n) => n + 1);
            load();
          }}
        />
      ) : null}

      {c.recording ? (
        <View className="certificate-link" role="region" aria-label="证书">
          <Heading level={2}>{recordingLabel(c.recording).heading}</Heading>
          <Text className="certificate-link__number">
            {recordingLabel(c.recording).numberLabel}
            {c.recording.certificateNumber}
          </Text>
          <Button
            className="certificate-open"
            onPress={() => void Taro.switchTab({ url: '/pages/certificates/index' })}
          >
            查看电子证书
          </Button>
        </View>
      ) : null}

      <View className="case-actions">
        {has('edit') || has('startSigning') ? (
          <Button
            className="case-continue"
            onPress={() =>
              void Taro.navigateTo({ url: `${APPLY_PAGE}?caseId=${encodeURIComponent(c.caseId)}` })
            }
          >
            继续申请
          </Button>
        ) : null}
        {has('sign') || has('answerInquiry') ? (
          <Button
            className="case-sign"
            onPress={() =>
              void Taro.navigateTo({ url: `${SIGN_PAGE}?caseId=${encodeURIComponent(c.caseId)}` })
            }
          >
            去签署
          </Button>
        ) : null}
        {has('submit') ? (
          <Button
            className="case-submit"
            onPress={() =>
              void Taro.navigateTo({ url: `${APPLY_PAGE}?caseId=${encodeURIComponent(c.caseId)}` })
            }
          >
            去提交
          </Button>
        ) : null}
        {has('renounceInheritance') ? (
          <View className="inheritance-choice" role="group" aria-label="继承声明">
            <Text className="inheritance-choice__note">
              如您放弃继承，请点“放弃继承”。依《电子签名法》第三条，放弃继承声明不适用电子签名，
              还需上传经公证的放弃继承声明，或由您本人到登记窗口当面签署确认。
            </Text>
            <Button
              variant="secondary"
              className="case-renounce-inheritance"
              disabled={busy === 'renounceInheritance'}
              onPress={() =>
                void run('renounceInheritance', () => act(c.caseId, 'inheritance-renunciation'))
              }
            >
              放弃继承
            </Button>
          </View>
        ) : null}
        {has('acceptInheritance') ? (
          <Button
            variant="secondary"
            className="case-accept-inheritance"
            disabled={busy === 'acceptInheritance'}
            onPress={() =>
              void run('acceptInheritance', () => act(c.caseId, 'inheritance-acceptance'))
            }
          >
            撤回放弃继承声明（接受继承）
          </Button>
        ) : null}
        {has('withdraw') ? (
          confirmWithdraw ? (
            <View className="withdraw-confirm" role="alertdialog" aria-label="确认撤回">
              <Text>撤回后本申请终止，如需办理须重新申请。确定撤回吗？</Text>
              <Button
                variant="secondary"
                className="withdraw-yes"
                onPress={() =>
                  void run('withdraw', () => act(c.caseId, 'withdraw', { note: '申请人撤回' }))
                }
              >
                确定撤回
              </Button>
              <Button variant="text" onPress={() => setConfirmWithdraw(false)}>
                不撤回
              </Button>
            </View>
          ) : (
            <Button
              variant="secondary"
              className="case-withdraw"
              onPress={() => setConfirmWithdraw(true)}
            >
              撤回申请
            </Button>
          )
        ) : null}
      </View>
      {actionError ? (
        <View className="cases-error" role="alert">
          ⚠ {actionError}
        </View>
      ) : null}

      {c.notices.length ? (
        <>
          <Heading level={2}>通知书</Heading>
          <View role="list" aria-label="通知书" className="notices">
            {c.notices.map((n) => (
              <Notice
                key={n.documentId}
                caseId={c.caseId}
                notice={n}
                message={messageOf(n.documentId)}
                onRead={(m) =>
                  setMessages((all) => all.map((x) => (x.messageId === m.messageId ? m : x)))
                }
              />
            ))}
          </View>
        </>
      ) : null}

      <CaseCopies caseId={c.caseId} refreshKey={`${c.status}|${feePayments}`} />

      <Heading level={2}>办理进度</Heading>
      <View className="timeline" role="list" aria-label="办理进度">
        {[...c.timeline].reverse().map((t) => (
          <View key={t.seq} className="timeline__entry" role="listitem">
            <Text className="timeline__step">
              {t.step} · {STATUS_TEXT[t.to] ?? t.to}
            </Text>
            <Text className="timeline__who">
              {t.actor.displayName} · {dateTime(t.at)}
            </Text>
            {t.note ? <Text className="timeline__note">{t.note}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  );
}
