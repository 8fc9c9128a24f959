import Taro from '@tarojs/taro';
import type { MyUnit } from '@contract';
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { useSession } from '@/shared/session';
import { Button, Ident, StateView } from '@/shared/ui';
import {
  CO_OWNERSHIP_LABELS,
  formatUnitCode,
  OLD_STYLE_TEXT,
  PAPER_ONLY_TEXT,
  restrictionLabel,
} from './labels';
import { LoginRequired } from './LoginRequired';
import { useMyUnits } from './store';
import './units.css';

export const RECORD_PAGE = '/pages/units/record';

export function openRecord(unitCode: string): void {
  void Taro.navigateTo({ url: `${RECORD_PAGE}?unitCode=${encodeURIComponent(unitCode)}` });
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className="unit__row">
      <Text className="unit__key">{label}</Text>
      <Text className="unit__value">{children}</Text>
    </View>
  );
}

export function UnitCard({ unit }: { unit: MyUnit }) {
  return (
    <View className="unit" role="listitem" data-unit={unit.unitCode}>
      <View className="unit__location" role="heading" aria-level="2">
        {unit.location}
      </View>
      {unit.restrictions.length > 0 ? (
        <View className="unit__restrictions" role="list" aria-label="限制状态">
          {unit.restrictions.map((r) => {
            const l = restrictionLabel(r.kind);
            return (
              <View
                key={`${r.kind}-${r.since}`}
                className={`restriction restriction--${r.kind}`}
                role="listitem"
              >
                <Text className="restriction__label">⚑ {l.label}</Text>
                <Text className="restriction__text">
                  {r.since} 起 · {l.explain}
                </Text>
              </View>
            );
          })}
        </View>
      ) : (
        <Text className="unit__free">无抵押、查封、异议、预告登记</Text>
      )}
      <Row label="不动产权证书号">
        {unit.certificateNumber ? (
          <Ident>{unit.certificateNumber}</Ident>
        ) : (
          '（无电子证书号，见下方说明）'
        )}
      </Row>
      <Row label="不动产单元号">
        <Ident>{formatUnitCode(unit.unitCode)}</Ident>
      </Row>
      <Row label="权利类型">{unit.rightType}</Row>
      <Row label="用途">{unit.use}</Row>
      <Row label="建筑面积">{unit.area.toFixed(2)} 平方米</Row>
      <Row label="共有情况">{CO_OWNERSHIP_LABELS[unit.coOwnership] ?? unit.coOwnership}</Row>
      {unit.coOwners.length > 0 ? (
        <Row label="其他共有人">
          {unit.coOwners.map((c) => `${c.nameMasked}（${c.idNumberMasked}）`).join('、')}
        </Row>
      ) : null}
      {unit.oldStyle ? (
        <Text className="unit__note unit__note--old">ⓘ 旧版证书：{OLD_STYLE_TEXT}</Text>
      ) : unit.paperOnly ? (
        <Text className="unit__note unit__note--paper">ⓘ 纸质证书：{PAPER_ONLY_TEXT}</Text>
      ) : null}
      <Button
        variant="secondary"
        className="unit__record"
        label={`查看 ${unit.location} 的登记记录`}
        onPress={() => openRecord(unit.unitCode)}
      >
        查看登记记录
      </Button>
    </View>
  );
}

/** 我的不动产: the units the signed-in citizen holds, with loading / empty / error states. */
export function UnitsScreen() {
  const user = useSession((s) => s.user);
  const { status, items, error, load } = useMyUnits();
  useEffect(() => {
    if (user) void load();
  }, [user, load]);

  if (!user) return <LoginRequired what="查看名下不动产" />;
  if (status === 'idle' || status === 'loading') {
    return <StateView variant="loading" message="正在查询名下不动产…" />;
  }
  if (status === 'error') {
    return (
      <StateView
        variant={error?.code === 'OFFLINE' ? 'offline' : 'error'}
        message={error?.message}
        onRetry={() => void load()}
      />
    );
  }
  if (items.length === 0) {
    return (
      <StateView
        variant="empty"
        title="名下暂无不动产"
        message="登记簿中没有您作为权利人的有效不动产。如有疑问，可拨打 12345 咨询。"
      />
    );
  }
  return (
    <View className="units">
      <Text className="units__count">共 {items.length} 处不动产</Text>
      <View className="units__list" role="list" aria-label="我的不动产">
        {items.map((u) => (
          <UnitCard key={u.unitCode} unit={u} />
        ))}
      </View>
    </View>
  );
}
