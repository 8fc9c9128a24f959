import type { UnitRecordResponse } from '@contract';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';
import { useSession } from '@/shared/session';
import { Ident, StateView } from '@/shared/ui';
import { fetchUnitRecord } from './api';
import { formatUnitCode } from './labels';
import { LoginRequired } from './LoginRequired';
import './units.css';
import { date } from '@/shared/lib/time';

export const STEP_UP_ABANDONED =
  '查询登记记录前需要刷脸确认是本人。您尚未完成刷脸验证，请点“重试”。';

/**
 * 登记记录 of one unit. The server demands a fresh face check (STEP_UP_REQUIRED); the API
 * client then runs it and resumes this same request, so the page simply waits for its answer.
 */
export function UnitRecordScreen({ unitCode }: { unitCode: string }) {
  const user = useSession((s) => s.user);
  const [record, setRecord] = useState<UnitRecordResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    setError(null);
    setRecord(null);
    fetchUnitRecord(unitCode).then(setRecord, (e) => setError(toApiError(e)));
  }, [unitCode]);
  useEffect(() => {
    if (user && unitCode) load();
  }, [user, unitCode, load]);

  if (!user) return <LoginRequired what="查询登记记录" />;
  if (!unitCode)
    return <StateView variant="error" title="缺少不动产单元号" message="请从“我的不动产”进入。" />;
  if (error) {
    return (
      <StateView
        variant={error.code === 'OFFLINE' ? 'offline' : 'error'}
        title={error.code === 'STEP_UP_REQUIRED' ? '需要刷脸验证' : undefined}
        message={error.code === 'STEP_UP_REQUIRED' ? STEP_UP_ABANDONED : error.message}
        onRetry={load}
      />
    );
  }
  if (!record) return <StateView variant="loading" message="正在查询登记记录…" rows={2} />;
  return (
    <View className="record">
      <View className="record__unit" role="heading" aria-level="2">
        {record.location}
      </View>
      <Ident className="record__code">{`不动产单元号 ${formatUnitCode(record.unitCode)}`}</Ident>
      {record.events.length === 0 ? (
        <StateView variant="empty" title="暂无登记记录" />
      ) : (
        <View className="record__list" role="list" aria-label="登记记录">
          {record.events.map((e) => (
            <View key={e.seq} className="record-event" role="listitem">
              <Text className="record-event__date">{date(e.recordedAt)}</Text>
              <Text className="record-event__summary">{e.summary}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
