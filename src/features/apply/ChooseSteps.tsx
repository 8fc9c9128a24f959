/** Steps 1 and 2: the business, then the unit from 我的不动产. */
import { Text, View } from '@tarojs/components';
import { StateView, List, Cell } from '@/shared/ui';
import { fetchCatalogue, fetchMyUnits } from './api';
import { setStep, updateForm, useApply } from './draft';
import { Loadable } from './Loadable';
import { useAsync } from './useAsync';

/** Online application opens transfers now (the server refuses other kinds). */
const ONLINE_KINDS = ['transfer'];

export function BusinessStep() {
  const cat = useAsync(fetchCatalogue, 'catalogue');
  const chosen = useApply((s) => s.form.businessTypeCode);
  return (
    <Loadable state={cat} loadingText="正在读取业务目录…">
      {(c) => {
        const items = c.items.filter((b) => ONLINE_KINDS.includes(b.kind));
        if (items.length === 0) return <StateView variant="empty" title="暂无可在线申请的业务" />;
        return (
          <List label="可在线申请的业务" className="apply-business">
            {items.map((b) => (
              <Cell
                key={b.code}
                className={`apply-business__item${chosen === b.code ? ' apply-item--on' : ''}`}
                title={`${chosen === b.code ? '✓ ' : ''}${b.name}`}
                description={`${b.description}${b.jointApplication ? '（买卖双方共同申请，各自在手机上签名）' : ''}`}
                extra={<Text>{b.promisedWorkingDays} 个工作日</Text>}
                label={`选择 ${b.name}`}
                onPress={() => {
                  updateForm({ businessTypeCode: b.code, businessTypeName: b.name });
                  setStep('unit');
                }}
              />
            ))}
          </List>
        );
      }}
    </Loadable>
  );
}

export function UnitStep() {
  const units = useAsync(fetchMyUnits, 'units');
  const chosen = useApply((s) => s.form.unitCode);
  const locked = useApply((s) => !!s.detail);
  return (
    <Loadable state={units} loadingText="正在查询名下不动产…">
      {(list) => {
        if (list.length === 0) {
          return (
            <StateView
              variant="empty"
              title="名下暂无不动产"
              message="转移登记需要从您名下的不动产中选择。如有疑问，可拨打 12345 咨询。"
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
                      restricted.length
                        ? ` · ⚑ 存在${restricted.length}项限制，可能无法在线办理`
                        : ''
                    }`}
                    label={`选择 ${u.location}`}
                    onPress={() => {
                      if (!locked) updateForm({ unitCode: u.unitCode, location: u.location });
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
  );
}
