/**
 * A minor's parent acts as their 监护人 (民法典 §23: the guardian is the ward's legal
 * representative; §27: parents are a minor's guardians). The parent opens the invitation the
 * case's initiator sent the minor, on their own fresh face check. The relation is taken from
 * 公安's household register (shared: 条例 §24, nothing asked again) and then stands at once;
 * where the register does not show it, an uploaded proof goes to staff. A guardian disposing of
 * the minor's property (the minor sells, mortgages or gives) must commit in writing that it is in
 * the minor's interest (民法典 §35) and staff review it before the guardian may sign.
 */
import { isBeforeSubmission } from '../../domain/cases/status';
import {
  appointmentRefusal,
  disposesOfProperty,
  guardianCommitmentText,
  guardianshipText,
  isLive,
  isMinorOn,
  reviewReasonsOf,
  type Representation,
} from '../../domain/representation';
import { normaliseCode } from '../../domain/signing';
import { beijingDate } from '../../domain/time';
import type {
  BlobStore,
  CaseStore,
  Clock,
  HouseholdRegister,
  PartyDirectory,
  RepresentationStore,
  SigningStore,
  UploadInspector,
} from '../../ports';
import type { PartyCaller } from '../cases/types';
import type { TrackChanges } from '../signing/changeTracking';
import { storeProofUpload } from './proofUpload';
import { err, representationView } from './view';

export interface ClaimGuardianshipDeps {
  caseStore: Pick<CaseStore, 'get'>;
  invitations: Pick<SigningStore, 'invitation'>;
  parties: Pick<PartyDirectory, 'person'>;
  household: HouseholdRegister;
  store: Pick<RepresentationStore, 'insert' | 'ofCase'>;
  blobs: Pick<BlobStore, 'put'>;
  inspector: UploadInspector;
  uploadMaxPixels: number;
  track: TrackChanges;
  clock: Clock;
  newId: (prefix: string) => string;
}

export interface ClaimGuardianshipInput {
  code: string;
  upload?: { contentType: string; dataBase64: string };
  commitInMinorsInterest?: boolean;
}

export class ClaimGuardianship {
  constructor(private readonly deps: ClaimGuardianshipDeps) {}

  async claim(caller: PartyCaller, input: ClaimGuardianshipInput) {
    const { deps } = this;
    const nothing = err('INVITATION_NOT_FOUND', '邀请码无效，或该邀请不是发给您监护的未成年人的');
    const inv = await deps.invitations.invitation(normaliseCode(input.code));
    if (!inv) throw nothing;
    const c = await deps.caseStore.get(inv.caseId);
    const minor = c?.parties.find((p) => p.personId === inv.partyId);
    if (!c || !minor) throw nothing;
    if (Date.parse(inv.expiresAt) <= deps.clock.now().getTime())
      throw err('INVITATION_EXPIRED', '邀请已过期，请联系申请发起人重新邀请');
    const person = await deps.parties.person(minor.personId);
    const today = beijingDate(deps.clock.now());
    // an adult without capacity has a guardian appointed by law or court: at the counter
    if (!person || person.kind !== 'natural' || !isMinorOn(person.idNumber, today))
      throw err(
        'REPRESENTATION_NOT_ALLOWED',
        '被邀请人不是未成年人，不能线上登记监护人；无民事行为能力的成年人请持监护证明到登记窗口办理',
      );
    const shown = (await deps.household.parentsOf(minor.personId)).includes(caller.personId);
    if (!shown && !input.upload)
      throw err(
        'GUARDIANSHIP_NOT_SHOWN',
        '公安户籍信息未显示您是该未成年人的父母，请上传监护关系证明，由登记机构人工核验',
      );
    const disposes = disposesOfProperty(minor.role);
    if (disposes && !input.commitInMinorsInterest)
      throw err(
        'REPRESENTATION_NOT_ALLOWED',
        '监护人处分未成年人的不动产，须书面承诺系为维护被监护人的利益（《民法典》第三十五条）',
      );
    const refusal = appointmentRefusal({
      kind: 'guardian',
      principal: { personId: minor.personId, role: minor.role, organisation: false },
      agentId: caller.personId,
      parties: c.parties,
      live: (await deps.store.ofCase(c.caseId)).filter(isLive),
      beforeSubmission: isBeforeSubmission(c),
    });
    if (refusal) throw err(refusal.code, refusal.message);

    const basis = shown ? 'householdRegister' : 'uploadedGuardianship';
    const reasons = reviewReasonsOf(basis, minor.role, 'guardian');
    const at = deps.clock.now().toISOString();
    const r: Representation = {
      representationId: deps.newId('REP'),
      caseId: c.caseId,
      kind: 'guardian',
      basis,
      status: reasons.length ? 'pendingReview' : 'active',
      principal: { personId: minor.personId, name: minor.name, role: minor.role },
      agent: { personId: caller.personId, name: caller.name },
      document: { title: '监护关系说明', text: guardianshipText(caller.name, minor.name, basis) },
      ...(shown
        ? {}
        : {
            uploadSm3: await storeProofUpload(
              this.deps,
              input.upload,
              '请上传监护关系证明的照片或扫描件',
            ),
          }),
      ...(reasons.length ? { reviewReasons: reasons } : { activatedAt: at }),
      ...(disposes ? { guardianCommitment: guardianCommitmentText(caller.name, minor.name) } : {}),
      createdBy: caller.personId,
      createdAt: at,
    };
    await deps.track(c.caseId, async () => {
      if (!(await deps.store.insert(r)))
        throw err('REPRESENTATION_EXISTS', '该未成年人在本办件中已有监护人代为办理');
    });
    return representationView(r, caller.personId, true);
  }
}
