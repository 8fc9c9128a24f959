/**
 * A party appoints a 委托代理人 for themself in a case (民法典 §161–§165; 条例 §16). The agent is
 * named by ID number and name as the registry knows them. Either the principal signs the
 * 授权委托书 online — on a fresh face check, an e-signature through the signature CA (an event
 * certificate naming the principal) over the SM3 of its wording — and it stands at once; or the
 * principal uploads a notarised 委托书, which staff review first (the registry cannot verify a
 * notarisation online). The agent gets a code to open the case with. What the forms say changes
 * (their 代理人 columns), so the signatures over them are voided and taken again.
 */
import { isBeforeSubmission } from '../../domain/cases/status';
import { bytesToHex, canonicalJsonBytes, sm3 } from '../../domain/crypto';
import { invitationCode } from '../../domain/signing';
import {
  appointmentRefusal,
  isLive,
  powerOfAttorneyText,
  reviewReasonsOf,
  type Representation,
} from '../../domain/representation';
import type {
  BlobStore,
  CaseStore,
  Clock,
  PartyDirectory,
  RegisterRepository,
  RepresentationStore,
  SignatureAuthority,
  UploadInspector,
} from '../../ports';
import type { PartyCaller } from '../cases/types';
import { openCase, type CaseReads } from '../signing/caseAccess';
import type { TrackChanges } from '../signing/changeTracking';
import { storeProofUpload } from './proofUpload';
import { err, representationView } from './view';

export interface AppointAgentDeps {
  cases: CaseReads;
  caseStore: Pick<CaseStore, 'personByIdNumber'>;
  parties: Pick<PartyDirectory, 'person'>;
  register: Pick<RegisterRepository, 'unit'>;
  store: Pick<RepresentationStore, 'insert' | 'ofCase' | 'byCode'>;
  ca: Pick<SignatureAuthority, 'signAsPerson'>;
  blobs: Pick<BlobStore, 'put'>;
  inspector: UploadInspector;
  uploadMaxPixels: number;
  /** the change runs in the signing's change tracking: signatures over the old forms voided */
  track: TrackChanges;
  clock: Clock;
  newId: (prefix: string) => string;
  randomBytes: (n: number) => Uint8Array;
}

export interface AppointAgentInput {
  agent: { idNumber: string; name: string };
  basis: 'onlinePowerOfAttorney' | 'notarisedPowerOfAttorney';
  upload?: { contentType: string; dataBase64: string };
}

export class AppointAgent {
  constructor(private readonly deps: AppointAgentDeps) {}

  /** `identity`: the caller's ID number and the fresh face check (requireStepUp passed). */
  async appoint(
    caller: PartyCaller,
    caseId: string,
    input: AppointAgentInput,
    identity: { idNumber: string; faceCheck: { reference: string; checkedAt: string } },
  ) {
    const { deps } = this;
    const { c, bt } = await openCase(deps.cases, caller, caseId);
    const me = c.parties.find((p) => p.personId === caller.personId);
    if (!me) throw err('REPRESENTATION_NOT_ALLOWED', '只有本办件的当事人可以为自己委托代理人');
    const agent = await deps.caseStore.personByIdNumber(input.agent.idNumber.trim().toUpperCase());
    if (!agent || agent.name !== input.agent.name.trim() || agent.kind !== 'natural')
      throw err('VALIDATION_FAILED', '代理人的姓名与证件号码不一致或未登记');
    const principalPerson = await deps.parties.person(me.personId);
    const live = (await deps.store.ofCase(caseId)).filter(isLive);
    const refusal = appointmentRefusal({
      kind: 'agent',
      principal: {
        personId: me.personId,
        role: me.role,
        organisation: principalPerson?.kind === 'legal',
      },
      agentId: agent.personId,
      parties: c.parties,
      live,
      beforeSubmission: isBeforeSubmission(c),
    });
    if (refusal) throw err(refusal.code, refusal.message);

    const at = deps.clock.now().toISOString();
    const unit = await deps.register.unit(c.unitCode);
    const document = {
      title: '授权委托书',
      text: powerOfAttorneyText({
        principal: me.name,
        agent: agent.name,
        businessTypeName: bt.name,
        location: unit?.unit.location ?? '',
      }),
    };
    const base = {
      representationId: deps.newId('REP'),
      caseId,
      kind: 'agent' as const,
      principal: { personId: me.personId, name: me.name, role: me.role },
      agent: { personId: agent.personId, name: agent.name },
      document,
      code: await this.uniqueCode(),
      createdBy: caller.personId,
      createdAt: at,
    };
    let r: Representation;
    if (input.basis === 'onlinePowerOfAttorney') {
      // the principal's e-signature over the 委托书 (case, both persons, wording), on their face check
      const digest = bytesToHex(
        sm3(
          canonicalJsonBytes({ caseId, principal: me.personId, agent: agent.personId, document }),
        ),
      );
      const signed = await deps.ca.signAsPerson(
        digest,
        { personId: me.personId, name: me.name, idNumber: identity.idNumber },
        identity.faceCheck,
      );
      r = {
        ...base,
        basis: 'onlinePowerOfAttorney',
        status: 'active',
        activatedAt: at,
        principalSignature: {
          digest,
          signature: signed.signature,
          signedAt: signed.signedAt,
          caCertificateId: signed.root.keyId,
          certificate: signed.certificate,
          faceCheck: identity.faceCheck,
        },
      };
    } else {
      const uploadSm3 = await storeProofUpload(
        this.deps,
        input.upload,
        '请上传公证委托书的照片或扫描件',
      );
      r = {
        ...base,
        basis: 'notarisedPowerOfAttorney',
        status: 'pendingReview',
        uploadSm3,
        reviewReasons: reviewReasonsOf('notarisedPowerOfAttorney', me.role, 'agent'),
      };
    }
    // stored with the forms' change (signatures over the old ones voided) in one transaction
    await deps.track(caseId, async () => {
      if (!(await deps.store.insert(r)))
        throw err(
          'REPRESENTATION_EXISTS',
          '该当事人在本办件中已有代理人或监护人，请先撤销后再重新委托',
        );
    });
    return representationView(r, caller.personId, true);
  }

  private async uniqueCode(): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const code = invitationCode(this.deps.randomBytes);
      if (!(await this.deps.store.byCode(code))) return code;
    }
    throw err('CONFLICT', '暂时无法生成邀请码，请重试');
  }
}
