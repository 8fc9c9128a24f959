/**
 * Steps 1 and 2: the business, then the unit — from 我的不动产, or by certificate number where the
 * business allows it (the buyer of a sale with the seller's 不动产权证书号, a mortgage with one's own
 * certificate, a cancellation with the mortgage's 不动产登记证明号). The server checks the number
 * when the draft is saved and says in Chinese when it is unknown, void or not the caller's to use.
 */
import type { BusinessTypeSummary } from '@contract';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Button, Cell, Heading, List, StateView } from '@/shared/ui';
import { fetchCatalogue, fetchMyUnits } from './api';
import { Field } from './Field';
import { clearPreselect, setStep, updateForm, useApply, type RecordsKind } from './draft';
import { Loadable } from './Loadable';
import { useAsync } from './useAsync';

const HOW: Partial<Record<string, string>> = {
  transfer: '买卖双方共同申请，各自在手机上签名',
  mortgage: '抵押人与银行共同申请，银行通过本机构系统电子签章',
  mortgageCancellation: '贷款还清后申请，银行通过本机构系统电子签章',
  holderIdentityChange: '权利人本人申请，证书换发为新的姓名和身份证号',
  rightCorrection: '全体权利人申请并上传证明材料，经登记机构核实后换发证书',
  certificateReissue: '权利人本人申请，补发或换发电子证书，原纸质证书作废',
};

/** What the list says of how a business is applied for, when it says anything. */
const howOf = (b: BusinessTypeSummary): string => {
  const how = HOW[b.application?.records ?? 'transfer'];
  return how ? `（${how}）` : '';
};

const recordsOf = (b: BusinessTypeSummary): RecordsKind =>
  (b.application?.records as RecordsKind | undefined) ?? 'transfer';

function choose(b: BusinessTypeSummary): void {
  const by = b.application?.byCertificateNumber?.kind as
    'titleCertificate' | 'registrationProof' | undefined;
  updateForm({
    businessTypeCode: b.code,
    businessTypeName: b.name,
    records: recordsOf(b),
    byCertificateNumber: by,
  });
  setStep('unit');
}

export function BusinessStep() {
  const cat = useAsync(fetchCatalogue, 'catalogue');
  const chosen = useApply((s) => s.form.businessTypeCode);
  const preselect = useApply((s) => s.preselect);
  // a business card on 首页: select it once the catalogue is here (else let the user choose)
  useEffect(() => {
    if (!preselect || !cat.data) return;
    const b = cat.data.items.find((i) => i.code === preselect && i.application?.online);
    clearPreselect();
    if (b) choose(b);
  }, [preselect, cat.data]);
  return (
    <Loadable state={cat} loadingText="正在读取业务目录…">
      {(c) => {
        const items = c.items.filter((b) => b.application?.online);
        const query = c.items.filter((b) => b.kind === 'query');
        // taken at the counter only (e.g. 异议登记): listed with the reason, never opened here
        const atCounter = c.items.filter(
          (b) => b.application && !b.application.online && b.application.counterReason,
        );
        if (items.length === 0 && query.length === 0)
          return <StateView variant="empty" title="暂无可在线申请的业务" />;
        return (
          <View>
            <List label="可在线申请的业务" className="apply-business">
              {items.map((b) => (
                <Cell
                  key={b.code}
                  className={`apply-business__item${chosen === b.code ? ' apply-item--on' : ''}`}
                  title={`${chosen === b.code ? '✓ ' : ''}${b.name}`}
                  description={`${b.description}${howOf(b)}`}
                  extra={<Text>{b.promisedWorkingDays} 个工作日</Text>}
                  label={`选择 ${b.name}`}
                  onPress={() => choose(b)}
                />
              ))}
            </List>
            {atCounter.length > 0 && (
              <List label="请到窗口办理的业务" className="apply-counter">
                {atCounter.map((b) => (
                  <Cell
                    key={b.code}
                    title={b.name}
                    description={`请到窗口办理：${b.application?.counterReason ?? ''}`}
                  />
                ))}
              </List>
            )}
            {query.map((b) => (
              <View key={b.code} className="apply-query-note">
                <Text className="apply-note">
                  {b.name}无需申请办件，可在“证照”中即时开具带电子印章的证明。
                </Text>
                <Button
                  variant="text"
                  className="apply-holdings"
                  onPress={() => void Taro.switchTab({ url: '/pages/certificates/index' })}
                >
                  去“证照”开具{b.name}
                </Button>
              </View>
            ))}
          </View>
        );
      }}
    </Loadable>
  );
}

/** 浙(2026)台州市不动产权第0001234号 / 不动产证明第…号 (docs/registry-facts.md §2); brackets half or full width. */
export const CERTIFICATE_NUMBER_RE =
  /^[\u4e00-\u9fa5][(（]\d{4}[)）][\u4e00-\u9fa5]{2,12}?(不动产权|不动产证明)第\d{5,10}号$/;

export function checkCertificateNumber(
  value: string,
  kind: 'titleCertificate' | 'registrationProof',
): string | null {
  const v = value.replace(/\s+/g, '');
  const m = CERTIFICATE_NUMBER_RE.exec(v);
  if (!m) return '证书号格式不正确，应如“浙(2026)台州市不动产权第0001234号”';
  if (kind === 'titleCertificate' && m[1] !== '不动产权')
    return '请输入不动产权证书号（不动产权第…号）';
  if (kind === 'registrationProof' && m[1] !== '不动产证明')
    return '请输入不动产登记证明号（不动产证明第…号）';
  return null;
}

function ByCertificateNumber({
  kind,
  locked,
}: {
  kind: 'titleCertificate' | 'registrationProof';
  locked: boolean;
}) {
  const saved = useApply((s) => s.form.certificateNumber);
  const records = useApply((s) => s.form.records);
  const [value, setValue] = useState(saved ?? '');
  const [tried, setTried] = useState(false);
  const error = checkCertificateNumber(value, kind);
  const title = kind === 'registrationProof' ? '输入不动产登记证明号' : '输入不动产权证书号';
  return (
    <View className="apply-by-number" role="group" aria-label={title}>
      <Heading level={2}>{title}</Heading>
      <Text className="apply-note">
        {kind === 'registrationProof'
          ? records === 'transfer'
            ? '输入您持有的预告登记证明号，开发企业由登记簿带出并以机构电子签章签署。'
            : '输入要注销的抵押权的不动产登记证明号。'
          : records === 'transfer'
            ? '卖方可输入本人名下的不动产权证书号发起申请，并在下一步填写买方。'
            : '输入您本人名下的不动产权证书号。'}
      </Text>
      <Field
        id="apply-certificate-number"
        className="apply-certificate-number"
        label={kind === 'registrationProof' ? '不动产登记证明号' : '不动产权证书号'}
        value={value}
        maxlength={40}
        placeholder={
          kind === 'registrationProof'
            ? '浙(2026)台州市不动产证明第0001234号'
            : '浙(2026)台州市不动产权第0001234号'
        }
        onInput={(v) => setValue(v)}
        error={tried || value.length >= 20 ? error : null}
        hint="登记机构会核对证书号是否存在、是否有效，以及您能否凭此办理"
      />
      <Button
        variant="secondary"
        className="apply-by-number__next"
        disabled={locked}
        onPress={() => {
          setTried(true);
          if (error) return;
          updateForm({
            certificateNumber: value.replace(/\s+/g, ''),
            unitCode: undefined,
            location: `证书号 ${value.replace(/\s+/g, '')}`,
          });
          setStep('parties');
        }}
      >
        用此证书号继续
      </Button>
    </View>
  );
}

/**
 * A buyer never opens a sale on someone else's unit (the registry answers a unit or number the
 * caller does not hold like an unknown one): the seller applies and invites them.
 */
const JOIN_AS_BUYER = '买方无需发起申请：请卖方发起并邀请您，凭邀请码在“我的办件”中加入。';

export function UnitStep() {
  const units = useAsync(fetchMyUnits, 'units');
  const chosen = useApply((s) => s.form.unitCode);
  const locked = useApply((s) => !!s.detail);
  const byNumber = useApply((s) => s.form.byCertificateNumber);
  const records = useApply((s) => s.form.records);
  return (
    <View>
      <Loadable state={units} loadingText="正在查询名下不动产…">
        {(all) => {
          // a cancellation starts from a unit that carries a mortgage
          const list =
            records === 'mortgageCancellation'
              ? all.filter((u) => u.restrictions.some((r) => r.kind === 'mortgage'))
              : all;
          if (list.length === 0) {
            return (
              <StateView
                variant="empty"
                title={
                  records === 'mortgageCancellation' ? '名下没有设有抵押的不动产' : '名下暂无不动产'
                }
                message={`${
                  byNumber
                    ? '也可以在下方输入证书号办理。如有疑问，可拨打 12345 咨询。'
                    : '本业务需要从您名下的不动产中选择。如有疑问，可拨打 12345 咨询。'
                }${records === 'transfer' ? JOIN_AS_BUYER : ''}`}
              />
            );
          }
          return (
            <View>
              {locked ? (
                <Text className="apply-note">
                  已创建申请，不动产不能再更换；如选错了，请在“我的办件”中撤回后重新申请。
                </Text>
              ) : null}
              <List label="我的不动产" className="apply-units">
                {list.map((u) => {
                  const restricted = u.restrictions.map((r) => r.kind);
                  return (
                    <Cell
                      key={u.unitCode}
                      className={`apply-unit${chosen === u.unitCode ? ' apply-item--on' : ''}`}
                      title={`${chosen === u.unitCode ? '✓ ' : ''}${u.location}`}
                      description={`${u.use} ${u.area.toFixed(2)}㎡ · ${u.certificateNumber ?? '纸质证书'}${
                        restricted.length && records !== 'mortgageCancellation'
                          ? ` · ⚑ 存在${restricted.length}项限制，可能无法在线办理`
                          : ''
                      }`}
                      label={`选择 ${u.location}`}
                      onPress={() => {
                        if (!locked)
                          updateForm({
                            unitCode: u.unitCode,
                            location: u.location,
                            certificateNumber: undefined,
                          });
                        setStep('parties');
                      }}
                    />
                  );
                })}
              </List>
            </View>
          );
        }}
      </Loadable>
      {byNumber ? <ByCertificateNumber kind={byNumber} locked={locked} /> : null}
    </View>
  );
}
