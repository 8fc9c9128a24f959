/**
 * Step 5: the checklist. Shared items name their source, retrieval time and seal;
 * an item a source could not give says why and offers upload or commitment; committed items say
 * so; others take photos or files.
 */
import type { MaterialItem, MaterialResolution } from '@contract';
import { Text, View } from '@tarojs/components';
import { Image } from '@/shared/ui/controls';
import { useEffect, useState } from 'react';
import { toApiError } from '@/shared/api';
import { formatBytes } from '@/shared/lib/imageScale';
import type { UploadTask } from '@/shared/lib/uploadQueue';
import { Button, Heading } from '@/shared/ui';
import { commitMaterial, fetchMaterials, fetchSharedData, resolveSharedData } from './api';
import { ResolutionLine } from './SharedSources';
import { Loadable } from './Loadable';
import { enqueuePhoto, removeUpload, thumbnailOf, uploadQueueFor, useUploadTasks } from './uploads';
import { useAsync } from './useAsync';

const STATUS_TEXT: Record<UploadTask['status'], string> = {
  queued: '等待上传',
  uploading: '正在上传',
  waiting: '网络中断，稍后自动重试',
  done: '已上传',
  failed: '上传失败',
};

function TaskRow({
  task,
  onRetry,
  onRemove,
}: {
  task: UploadTask;
  onRetry: () => void;
  onRemove: () => void;
}) {
  const pct = Math.round(task.progress * 100);
  const thumbnail = thumbnailOf(task.id);
  // not on the server yet: the user may take it out (a received file stays with the case)
  const removable =
    task.status === 'queued' || task.status === 'waiting' || task.status === 'failed';
  return (
    <View
      className={`upload-task upload-task--${task.status}`}
      role="listitem"
      data-status={task.status}
    >
      {thumbnail ? (
        <Image
          className="upload-task__thumb"
          src={thumbnail}
          mode="aspectFill"
          ariaLabel={`${task.name} 缩略图`}
          {...{ role: 'img' }}
        />
      ) : (
        <View className="upload-task__thumb upload-task__thumb--file" aria-hidden="true">
          {task.contentType === 'application/pdf' ? 'PDF' : '▤'}
        </View>
      )}
      <View className="upload-task__main">
        <Text className="upload-task__name">
          {task.name}（{formatBytes(task.bytes)}）
        </Text>
        <Text className="upload-task__status">
          {task.status === 'done' ? '✓ ' : task.status === 'failed' ? '✗ ' : ''}
          {STATUS_TEXT[task.status]}
          {task.status === 'uploading' ? ` ${pct}%` : ''}
          {task.status === 'waiting' && task.attempts ? `（第 ${task.attempts} 次失败）` : ''}
        </Text>
        {task.status === 'uploading' ? (
          <View
            className="upload-task__bar"
            role="progressbar"
            aria-valuenow={String(pct)}
            aria-valuemin="0"
            aria-valuemax="100"
            aria-label={`${task.name} 上传进度`}
          >
            <View className="upload-task__fill" style={{ width: `${pct}%` }} />
          </View>
        ) : null}
        {task.error && task.status !== 'done' ? (
          <Text className="upload-task__error">{task.error}</Text>
        ) : null}
        <View className="upload-task__actions">
          {task.status === 'failed' ? (
            <Button
              variant="secondary"
              className="upload-task__retry"
              label={`重试 ${task.name}`}
              onPress={onRetry}
            >
              重试
            </Button>
          ) : null}
          {removable ? (
            <Button
              variant="text"
              className="upload-task__remove"
              label={`删除 ${task.name}`}
              onPress={onRemove}
            >
              删除
            </Button>
          ) : null}
        </View>
      </View>
    </View>
  );
}

export interface MaterialCardProps {
  caseId: string;
  item: MaterialItem;
  tasks: UploadTask[];
  onChanged: () => void;
  /** where the item came from; absent when the sources were not asked */
  resolution?: MaterialResolution;
}

export function MaterialCard({ caseId, item, tasks, onChanged, resolution }: MaterialCardProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = tasks.filter((t) => t.materialCode === item.code);
  const pick = async (source: 'camera' | 'album') => {
    setError(null);
    setBusy('正在处理照片…');
    try {
      const media = await import('@/shared/platform/media');
      const picked = await media.pickImage(source);
      if (!picked) return;
      const img = await media.prepareImage(picked);
      enqueuePhoto(caseId, item.code, img);
    } catch (e) {
      setError(e instanceof Error ? e.message : '照片处理失败，请重试');
    } finally {
      setBusy(null);
    }
  };
  const commit = async () => {
    setError(null);
    setBusy('正在提交承诺…');
    try {
      await commitMaterial(caseId, item.code);
      onChanged();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  const provided = item.status === 'provided';
  // a source could not give it: the catalogue's upload or commitment instead
  const fallback =
    resolution?.mode === 'fallback' && item.source === 'shared' && !item.committedAt
      ? resolution
      : undefined;
  // a shared item the registry could not use (补正: unclear or missing) is photographed instead
  const photoInstead =
    item.source === 'shared' &&
    (item.status !== 'provided' || !!fallback) &&
    item.allowedSources.includes('upload');
  const commitInstead = !!fallback && fallback.allowed.includes('commitment');
  return (
    <View className={`material material--${item.source}`} role="listitem" data-material={item.code}>
      <Heading level={3} className="material__name">
        {item.name}
        {item.required ? '' : '（选交）'}
      </Heading>
      {fallback ? <ResolutionLine r={fallback} /> : null}
      {commitInstead ? (
        <Button variant="secondary" className="material__commit" onPress={() => void commit()}>
          签署承诺书代替（告知承诺制）
        </Button>
      ) : null}
      {commitInstead && !photoInstead ? null : item.source === 'shared' && !photoInstead ? (
        resolution?.mode === 'shared' ? (
          <View className="material__shared">
            <ResolutionLine r={resolution} />
            <Text className="material__no-upload">无需上传</Text>
          </View>
        ) : (
          <Text className="material__shared">
            ✓ 已通过数据共享获取{item.dataSource ? `（${item.dataSource}）` : ''}，无需上传
          </Text>
        )
      ) : item.source === 'commitment' ? (
        item.committedAt || provided ? (
          <Text className="material__committed">✓ 已签署告知承诺，无需上传</Text>
        ) : (
          <Button variant="secondary" className="material__commit" onPress={() => void commit()}>
            我承诺所述属实（告知承诺制）
          </Button>
        )
      ) : (
        <View className="material__upload">
          {item.status === 'unclear' ? (
            <View className="material__unclear" role="alert">
              ⚠ 登记机构认为已上传的照片不清晰，请重新拍摄
            </View>
          ) : null}
          {item.files.length ? (
            <Text className="material__files">
              ✓ 已上传 {item.files.length} 个文件（
              {item.files.map((f) => formatBytes(f.bytes)).join('、')}）
            </Text>
          ) : (
            <Text className="material__missing">尚未上传</Text>
          )}
          <View className="material__buttons">
            <Button
              className="material__camera"
              onPress={() => void pick('camera')}
              disabled={!!busy}
            >
              拍照上传
            </Button>
            <Button
              variant="secondary"
              className="material__album"
              onPress={() => void pick('album')}
              disabled={!!busy}
            >
              从相册选择
            </Button>
          </View>
        </View>
      )}
      {mine.length ? (
        <View className="upload-tasks" role="list" aria-label={`${item.name} 上传队列`}>
          {mine.map((t) => (
            <TaskRow
              key={t.id}
              task={t}
              onRetry={() => uploadQueueFor(caseId).retry(t.id)}
              onRemove={() => removeUpload(caseId, t.id)}
            />
          ))}
        </View>
      ) : null}
      {busy ? (
        <View className="material__busy" role="status">
          {busy}
        </View>
      ) : null}
      {error ? (
        <View className="apply-error" role="alert">
          ⚠ {error}
        </View>
      ) : null}
    </View>
  );
}

/**
 * Which required items still need the user (upload items without a file, uncommitted promises,
 * shareable items a source could not give and nobody replaced).
 */
export function missingMaterials(
  items: MaterialItem[],
  resolutions: MaterialResolution[] = [],
): MaterialItem[] {
  const fellBack = (i: MaterialItem) =>
    resolutions.some((r) => r.code === i.code && r.mode === 'fallback') &&
    i.files.length === 0 &&
    !i.committedAt;
  return items.filter(
    (i) =>
      i.required &&
      (i.status === 'unclear' ||
        fellBack(i) ||
        (i.source !== 'shared' &&
          i.status !== 'provided' &&
          i.files.length === 0 &&
          !i.committedAt)),
  );
}

/** The checklist and, where the sources were asked, each item's origin. */
async function loadChecklist(caseId: string) {
  const [m, shared] = await Promise.all([
    fetchMaterials(caseId),
    // the sources are asked while the case can still change (draft, signing, 补正); else read
    resolveSharedData(caseId).catch(() => fetchSharedData(caseId).catch(() => undefined)),
  ]);
  return { ...m, resolutions: shared?.items ?? [] };
}

export function MaterialsChecklist({
  caseId,
  onReady,
  nextLabel = '下一步：预览文书',
}: {
  caseId: string;
  onReady: () => void;
  nextLabel?: string;
}) {
  const materials = useAsync(() => loadChecklist(caseId), caseId);
  const tasks = useUploadTasks(caseId);
  const [tried, setTried] = useState(false);
  const doneCount = tasks.filter((t) => t.status === 'done').length;
  const { reload } = materials;
  useEffect(() => {
    if (doneCount > 0) reload();
  }, [doneCount, reload]);
  const pending = tasks.some((t) => t.status !== 'done' && t.status !== 'failed');
  // once read, the list stays on screen: a reload that fails (offline, a dropped connection
  // during an upload) says so above it instead of replacing it
  if (materials.data === null)
    return (
      <Loadable state={materials} loadingText="正在读取材料清单…">
        {() => null}
      </Loadable>
    );
  const stale = materials.error;
  const m = materials.data;
  const missing = missingMaterials(m.items, m.resolutions);
  return (
    <View className="apply-materials">
      {stale ? (
        <View className="apply-materials__stale" role="status">
          <Text>
            {stale.code === 'OFFLINE' || stale.code === 'NETWORK_ERROR'
              ? '网络未连接：下面是上次读取的材料清单，照片会在联网后自动继续上传。'
              : `材料清单暂未更新：${stale.message}`}
          </Text>
          <Button variant="text" className="apply-materials__reload" onPress={materials.reload}>
            重新读取
          </Button>
        </View>
      ) : null}
      <Text className="apply-note">
        能通过部门数据共享获取的材料无需上传（显示数源单位、获取时间和印章核验结果）；其余请拍照上传，照片会先在手机上压缩（长边不超过
        2000 像素）。
      </Text>
      <View role="list" aria-label="申请材料清单">
        {m.items.map((item) => (
          <MaterialCard
            key={item.code}
            caseId={caseId}
            item={item}
            tasks={tasks}
            onChanged={materials.reload}
            resolution={m.resolutions.find((r) => r.code === item.code)}
          />
        ))}
      </View>
      {tried && missing.length ? (
        <View className="apply-error" role="alert">
          ⚠ 还缺：{missing.map((i) => i.name).join('、')}
        </View>
      ) : null}
      <Button
        className="apply-next materials-next"
        disabled={pending}
        onPress={() => {
          setTried(true);
          if (missing.length === 0) onReady();
        }}
      >
        {pending ? '正在上传…' : nextLabel}
      </Button>
    </View>
  );
}
