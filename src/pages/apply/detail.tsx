import { useRouter } from '@tarojs/taro';
import { InquiryForm, MaterialSources, MaterialsChecklist } from '@/features/apply';
import { CaseDetailScreen } from '@/features/cases/CaseDetailScreen';
import { SaleSection } from '@/features/sale';
import { useSession } from '@/shared/session';
import { Page } from '@/shared/ui';

export default function CaseDetailPage() {
  const { params } = useRouter();
  const me = useSession((s) => s.user?.personId);
  return (
    <Page title="办件详情" className="case-detail-page">
      <CaseDetailScreen
        caseId={decodeURIComponent(params.caseId ?? '')}
        renderSale={(c, changed) => <SaleSection c={c} onChanged={changed} />}
        renderCorrection={(caseId, done) => (
          <>
            <MaterialsChecklist caseId={caseId} onReady={done} nextLabel="补正完成，重新提交" />
            {me ? (
              <InquiryForm
                caseId={caseId}
                partyId={me}
                onSaved={() => undefined}
                nextLabel="更新询问笔录"
              />
            ) : null}
          </>
        )}
      />
      {/* signed out (a case link): only the case screen's 请先登录, no second failing panel */}
      {me ? <MaterialSources caseId={decodeURIComponent(params.caseId ?? '')} /> : null}
    </Page>
  );
}
