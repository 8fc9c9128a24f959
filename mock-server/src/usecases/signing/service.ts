/**
 * Applying from a phone: invitations, each party's 询问笔录, materials and uploads,
 * the document bundle, e-signatures by the signature CA, declining, the signing status and an
 * idempotent submission. Builds on the case use cases (lifecycle, party checks, messages).
 */
import type { BusinessType, MaterialSource } from '../../domain/catalogue';
import {
  applyAction,
  type CaseMaterial,
  type CaseRecord,
  type MaritalCommitment,
  type MaritalStatus,
  type MarriageCheck,
} from '../../domain/cases';
import { checkCitizenId } from '../../domain/identifiers';
import { bytesToHex, sm3 } from '../../domain/crypto';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import {
  bundleDigestOf,
  changedDocuments,
  checkInquiry,
  coveredBy,
  doc,
  invitationCode,
  normaliseCode,
  questionsFor,
  signedDigestOf,
  sniffFile,
  type BundleDoc,
} from '../../domain/signing';
import type {
  BlobStore,
  CaseStore,
  Clock,
  Invitation,
  SignatureAuthority,
  SigningStore,
  StoredFile,
  StoredSignature,
} from '../../ports';
import type { CaseService, CaseView, PartyCaller } from '../cases/service';
import { maritalCommitmentText } from '../cases/application';

export interface SigningConfig {
  invitationTtlDays: number;
  uploadMaxBytes: number;
  uploadMaxPixels: number;
}

export interface SigningDeps {
  cases: CaseService;
  caseStore: CaseStore;
  store: SigningStore;
  blobs: BlobStore;
  ca: SignatureAuthority;
  clock: Clock;
  newId: (prefix: string) => string;
  randomBytes: (n: number) => Uint8Array;
  config: SigningConfig;
}

type SourceKind = 'shared' | 'upload' | 'commitment';
const KIND: Record<MaterialSource, SourceKind> = {
  sharedData: 'shared',
  scan: 'upload',
  commitment: 'commitment',
};
const UPLOADABLE_STATUSES = ['draft', 'signing', 'correctionRequested'];
const HANDWRITING_MAX_BYTES = 300 * 1024;
const DAY_MS = 86_400_000;

/** The earliest 婚姻状况承诺 on the case: the `marriage` material is then a commitment. */
const maritalCommitmentOf = (c: CaseRecord) => {
  const h = c.marriageCheck?.holders.find((x) => x.commitment);
  return h?.commitment ? { committedAt: h.commitment.committedAt } : undefined;
};

const err = (code: ConstructorParameters<typeof AppError>[0], message: string) =>
  new AppError(code, message);

export class SigningService {
  constructor(readonly deps: SigningDeps) {}

  /** the online contract's terms, as the parties read and sign them */
  private contractTerms?: (c: CaseRecord) => Record<string, unknown> | undefined;

  useContractTerms(fn: (c: CaseRecord) => Record<string, unknown> | undefined): void {
    this.contractTerms = fn;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private open(caller: PartyCaller, caseId: string): { c: CaseRecord; bt: BusinessType } {
    const c = this.deps.cases.getCase(caller, caseId).case;
    return { c, bt: this.deps.cases.businessType(c.businessTypeCode) };
  }

  private update(c: CaseRecord, patch: Partial<CaseRecord>): CaseRecord {
    const next = { ...c, ...patch, updatedAt: this.now(), version: c.version + 1 };
    this.deps.caseStore.update(next, c.version);
    return next;
  }

  // ------------------------------------------------------------ availableActions

  /** Steps of applying from a phone added to the lifecycle's actions for a party. */
  extraActions(c: CaseRecord, personId: string, base: string[]): string[] {
    const me = c.parties.filter((p) => p.personId === personId);
    if (!me.length) return base;
    const bt = this.deps.cases.businessType(c.businessTypeCode);
    const signed = me.every((p) => p.signedAt);
    const answered = this.answersOf(c, personId) !== undefined;
    const hasQuestions = questionsFor(c, bt).length > 0;
    const out = base.filter((a) => a !== 'sign' || !hasQuestions || answered);
    const initiator = c.createdBy === personId;
    if (
      initiator &&
      (c.status === 'draft' || c.status === 'signing') &&
      c.parties.some((p) => p.personId !== personId)
    )
      out.push('invite');
    if (hasQuestions && (c.status === 'draft' || c.status === 'signing') && !signed)
      out.push('answerInquiry');
    if (
      bt.materials.some((m) => m.sources.includes('scan') || m.sources.includes('commitment')) &&
      (c.status === 'correctionRequested' ||
        ((c.status === 'draft' || c.status === 'signing') && initiator))
    )
      out.push('uploadMaterial');
    return out;
  }

  // ------------------------------------------------------------ invitations

  invite(caller: PartyCaller, caseId: string, partyId: string): Invitation & { link: string } {
    const { c } = this.open(caller, caseId);
    if (c.createdBy !== caller.personId) throw err('FORBIDDEN', '只有申请发起人可以邀请');
    if (c.status !== 'draft' && c.status !== 'signing')
      throw err('CONFLICT', '办件当前状态不能再邀请当事人');
    if (!c.parties.some((p) => p.personId === partyId) || partyId === caller.personId)
      throw notFound('该办件没有这位当事人');
    const at = this.deps.clock.now();
    const inv: Invitation = {
      code: this.uniqueCode(),
      caseId,
      partyId,
      createdBy: caller.personId,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + this.deps.config.invitationTtlDays * DAY_MS).toISOString(),
    };
    this.deps.store.saveInvitation(inv);
    this.deps.caseStore.deliver([
      {
        messageId: this.deps.newId('MSG'),
        personId: partyId,
        caseId,
        title: '待我签署：您被邀请共同申请不动产登记',
        body: `${caller.name}邀请您共同办理登记。请登录后在“待我签署”中查看，或输入邀请码 ${inv.code}（${inv.expiresAt.slice(0, 10)} 前有效）。`,
        deliveredAt: inv.createdAt,
      },
    ]);
    return { ...inv, link: `/pages/invite/index?code=${inv.code}` };
  }

  private uniqueCode(): string {
    for (let i = 0; i < 20; i++) {
      const code = invitationCode(this.deps.randomBytes);
      if (!this.deps.store.invitation(code)) return code;
    }
    throw err('CONFLICT', '暂时无法生成邀请码，请重试');
  }

  /** Opens a case by code only for the party it names, by verified identity; else 404. */
  acceptInvitation(caller: PartyCaller, code: string): { caseId: string } {
    const inv = this.deps.store.invitation(normaliseCode(code));
    const nothing = err('INVITATION_NOT_FOUND', '邀请码无效，或该邀请不是发给您的');
    if (!inv || inv.partyId !== caller.personId) throw nothing;
    const c = this.deps.caseStore.get(inv.caseId);
    if (!c || !c.parties.some((p) => p.personId === caller.personId)) throw nothing;
    if (Date.parse(inv.expiresAt) <= this.deps.clock.now().getTime())
      throw err('INVITATION_EXPIRED', '邀请已过期，请联系申请发起人重新邀请');
    this.deps.store.markInvitationAccepted(inv.code, this.now());
    return { caseId: inv.caseId };
  }

  toSign(caller: PartyCaller): CaseView[] {
    return this.deps.store
      .caseIdsOfPersonInStatus(caller.personId, ['signing'])
      .map((id) => this.deps.cases.getCase(caller, id))
      .filter((v) => v.case.parties.some((p) => p.personId === caller.personId && !p.signedAt));
  }

  // ------------------------------------------------------------ 询问笔录

  private answersOf(c: CaseRecord, partyId: string): Record<string, string> | undefined {
    const stored = this.deps.store.inquiriesOf(c.caseId).find((i) => i.partyId === partyId);
    if (stored) return stored.answers;
    if (partyId === c.createdBy && Object.keys(c.answers).length) return c.answers;
    return undefined;
  }

  inquiry(caller: PartyCaller, caseId: string, partyId: string) {
    const { c, bt } = this.open(caller, caseId);
    if (partyId !== caller.personId || !c.parties.some((p) => p.personId === partyId))
      throw notFound('询问笔录不存在');
    const stored = this.deps.store.inquiriesOf(caseId).find((i) => i.partyId === partyId);
    return {
      partyId,
      questions: questionsFor(c, bt),
      answers: this.answersOf(c, partyId) ?? {},
      ...(stored ? { answeredAt: stored.answeredAt } : {}),
    };
  }

  answerInquiry(
    caller: PartyCaller,
    caseId: string,
    partyId: string,
    answers: Record<string, string>,
  ) {
    const { c, bt } = this.open(caller, caseId);
    if (partyId !== caller.personId || !c.parties.some((p) => p.personId === partyId))
      throw notFound('询问笔录不存在');
    if (c.status !== 'draft' && c.status !== 'signing')
      throw err('CONFLICT', '办件已提交，询问笔录不能再修改');
    const check = checkInquiry(questionsFor(c, bt), answers);
    if (!check.ok) throw err(check.code, check.message);
    const at = this.now();
    this.tracking(caseId, () => {
      this.deps.store.saveInquiry({ caseId, partyId, answers: check.answers, answeredAt: at });
      // the initiator's answers are also the application's (checked before signing starts)
      if (partyId === c.createdBy && c.status === 'draft')
        this.update(c, { answers: check.answers });
    });
    return this.inquiry(caller, caseId, partyId);
  }

  // ------------------------------------------------------------ materials

  materials(caller: PartyCaller, caseId: string) {
    const { c, bt } = this.open(caller, caseId);
    return this.materialItems(c, bt);
  }

  private materialItems(c: CaseRecord, bt: BusinessType) {
    const files = this.deps.store.filesOf(c.caseId);
    const commitments = this.deps.store.commitmentsOf(c.caseId);
    return bt.materials.map((m) => {
      const mine = files.filter((f) => f.materialCode === m.code);
      const committed =
        commitments.find((x) => x.materialCode === m.code) ??
        (m.code === 'marriage' ? maritalCommitmentOf(c) : undefined);
      const onCase = c.materials.find((x) => x.code === m.code);
      const allowed = m.sources.map((s) => KIND[s]);
      let source: SourceKind = allowed[0];
      let status: 'provided' | 'missing' | 'unclear' = 'missing';
      if (m.code === 'applicationForm') {
        source = 'shared';
        status = 'provided';
      } else if (committed) {
        source = 'commitment';
        status = 'provided';
      } else if (mine.length) {
        source = 'upload';
        status = 'provided';
      } else if (source === 'shared') {
        status = m.code === 'taxReceipt' && !c.taxPaidAt ? 'missing' : 'provided';
      }
      if (onCase?.status === 'unclear' && c.status === 'correctionRequested') status = 'unclear';
      return {
        code: m.code,
        name: m.name,
        required: m.required,
        source,
        allowedSources: allowed,
        ...(m.code === 'applicationForm'
          ? { dataSource: '在线生成' }
          : m.dataSource
            ? { dataSource: m.dataSource }
            : {}),
        status,
        files: mine.map((f) => this.fileView(f)),
        ...(committed ? { committedAt: committed.committedAt } : {}),
      };
    });
  }

  private fileView(f: StoredFile) {
    return {
      fileId: f.fileId,
      sm3: f.sm3,
      bytes: f.bytes,
      contentType: f.contentType,
      ...(f.width !== undefined ? { width: f.width } : {}),
      ...(f.height !== undefined ? { height: f.height } : {}),
      uploadedAt: f.uploadedAt,
    };
  }

  private material(c: CaseRecord, bt: BusinessType, code: string, source: MaterialSource) {
    const m = bt.materials.find((x) => x.code === code);
    if (!m) throw notFound('本业务没有这项材料');
    if (!m.sources.includes(source) || code === 'applicationForm')
      throw err(
        'MATERIAL_SOURCE_NOT_ALLOWED',
        source === 'commitment'
          ? `“${m.name}”不能以承诺代替`
          : `“${m.name}”由${m.dataSource ?? '登记机构'}共享或在线生成，无需上传`,
      );
    if (!UPLOADABLE_STATUSES.includes(c.status)) throw err('CONFLICT', '办件当前状态不能补充材料');
    return m;
  }

  /**
   * Checks the bytes, then stores them once, content-addressed. Refusals store nothing; the same
   * bytes again answer the same file.
   */
  upload(
    caller: PartyCaller,
    caseId: string,
    materialCode: string,
    contentType: string | undefined,
    body: Uint8Array,
    declaredSm3?: string,
  ) {
    const { c, bt } = this.open(caller, caseId);
    this.material(c, bt, materialCode, 'scan');
    const { uploadMaxBytes, uploadMaxPixels } = this.deps.config;
    if (body.length > uploadMaxBytes)
      throw err(
        'UPLOAD_TOO_LARGE',
        `文件过大（${body.length} 字节），单个文件不能超过 ${Math.floor(uploadMaxBytes / 1024 / 1024) || uploadMaxBytes / 1024} ${uploadMaxBytes >= 1048576 ? 'MB' : 'KB'}，请压缩后重新上传`,
      );
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const sniffed = sniffFile(body);
    if (!sniffed.ok && sniffed.problem === 'unsupported')
      throw err('UPLOAD_TYPE_UNSUPPORTED', '只能上传 JPEG、PNG 照片或 PDF 文件（按文件内容识别）');
    if (!sniffed.ok) throw err('UPLOAD_TRUNCATED', '文件不完整（上传可能中断），请重新上传');
    if (sniffed.type !== type)
      throw err('UPLOAD_TYPE_UNSUPPORTED', `文件内容是 ${sniffed.type}，与声明的类型不一致`);
    if (sniffed.width !== undefined && sniffed.height !== undefined) {
      if (sniffed.width * sniffed.height > uploadMaxPixels || !sniffed.width || !sniffed.height)
        throw err(
          'UPLOAD_TOO_MANY_PIXELS',
          `图片尺寸过大（${sniffed.width}×${sniffed.height}），不能超过 ${Math.round(uploadMaxPixels / 1e6)} 百万像素，请缩小后上传`,
        );
    }
    const digest = bytesToHex(sm3(body));
    if (declaredSm3 !== undefined && declaredSm3.toLowerCase() !== digest)
      throw err('UPLOAD_DIGEST_MISMATCH', '文件在传输中发生了变化（SM3 摘要不一致），请重新上传');
    const existing = this.deps.store.fileBySm3(caseId, materialCode, digest);
    if (existing) return { ...this.fileView(existing), duplicate: true };
    const file: StoredFile = {
      fileId: this.deps.newId('FILE'),
      caseId,
      materialCode,
      sm3: digest,
      bytes: body.length,
      contentType: sniffed.type,
      ...(sniffed.width !== undefined ? { width: sniffed.width, height: sniffed.height } : {}),
      uploadedBy: caller.personId,
      uploadedAt: this.now(),
    };
    this.tracking(caseId, () => {
      this.deps.blobs.put(body);
      this.deps.store.saveFile(file);
      this.setMaterial(caseId, {
        code: materialCode,
        source: 'scan',
        status: 'provided',
        ref: file.fileId,
      });
    });
    return { ...this.fileView(file), duplicate: false };
  }

  commit(caller: PartyCaller, caseId: string, materialCode: string) {
    const { c, bt } = this.open(caller, caseId);
    this.material(c, bt, materialCode, 'commitment');
    // a marital status is pledged by the holder it is about, never by the other side
    if (
      materialCode === 'marriage' &&
      c.marriageCheck &&
      !c.marriageCheck.holders.some((h) => h.personId === caller.personId)
    )
      throw err(
        'MARITAL_COMMITMENT_NOT_YOURS',
        '婚姻状况须由登记簿上的权利人本人承诺，其他当事人不能代为承诺',
      );
    this.tracking(caseId, () => {
      this.deps.store.saveCommitment({
        caseId,
        materialCode,
        partyId: caller.personId,
        committedAt: this.now(),
      });
      this.setMaterial(caseId, {
        code: materialCode,
        source: 'commitment',
        status: 'provided',
        ref: `commitment:${caller.personId}`,
      });
    });
    const fresh = this.deps.caseStore.get(caseId) as CaseRecord;
    return this.materialItems(fresh, bt).find((m) => m.code === materialCode);
  }

  /**
   * 婚姻状况承诺 (告知承诺): 民政 could not say whether this holder is married, so the
   * holder pledges it. Only the holder, for themself; only while 民政 has not answered for them
   * and the case is a draft or being signed. 已婚 names the spouse (resolved in the population
   * register), who becomes a consenting spouse and must sign; the pledge joins the bundle (signed
   * by everyone, so signatures are voided) and supplies the `marriage` material as a commitment.
   * The same pledge again changes nothing.
   */
  commitMaritalStatus(
    caller: PartyCaller,
    caseId: string,
    input: {
      personId: string;
      maritalStatus: MaritalStatus;
      spouse?: { name: string; idNumber: string };
    },
  ) {
    const { c } = this.open(caller, caseId); // 404 unless a party
    if (input.personId !== caller.personId)
      throw err('MARITAL_COMMITMENT_NOT_YOURS', '婚姻状况承诺须由权利人本人作出，他人不能代为承诺');
    const mine = c.marriageCheck?.holders.find((h) => h.personId === caller.personId);
    if (!mine) throw err('MARITAL_COMMITMENT_NOT_YOURS', '本办件无需您作出婚姻状况承诺');
    if (c.status !== 'draft' && c.status !== 'signing')
      throw err('MARITAL_COMMITMENT_NOT_NEEDED', '办件已提交，不能再作出婚姻状况承诺');
    if (mine.status !== 'unknown' && !mine.commitment)
      throw err('MARITAL_COMMITMENT_NOT_NEEDED', '民政已答复您的婚姻状况，无需再作承诺');
    const married = input.maritalStatus === '已婚';
    if (married !== Boolean(input.spouse))
      throw validationFailed(
        married ? '已婚请填写配偶的姓名和公民身份号码' : '未婚、离婚或丧偶无需填写配偶信息',
      );
    let spouse: { personId: string; name: string; idNumber: string } | undefined;
    if (input.spouse) {
      const id = checkCitizenId(input.spouse.idNumber, this.now().slice(0, 10));
      if (!id.ok) throw validationFailed(`配偶的公民身份号码有误：${id.reason}`);
      const name = input.spouse.name.trim();
      const person = this.deps.caseStore.personByIdNumber(id.value.idNumber);
      if (!person || person.kind !== 'natural' || person.name !== name)
        throw err(
          'SPOUSE_NOT_FOUND',
          '人口信息中未查到该配偶（姓名与公民身份号码不一致或不存在），请核对后重新填写',
        );
      if (person.personId === caller.personId) throw validationFailed('配偶不能是本人');
      spouse = { personId: person.personId, name: person.name, idNumber: person.idNumber };
    }
    const prev = mine.commitment;
    if (prev && prev.maritalStatus === input.maritalStatus && prev.spouseId === spouse?.personId)
      return this.deps.cases.getCase(caller, caseId);
    const commitment: MaritalCommitment = {
      maritalStatus: input.maritalStatus,
      ...(spouse ? { spouseId: spouse.personId, spouseName: spouse.name } : {}),
      committedBy: caller.personId,
      committedAt: this.now(),
      text: maritalCommitmentText(
        c.parties.find((p) => p.personId === caller.personId)?.name ?? caller.name,
        input.maritalStatus,
        spouse,
      ),
    };
    const check: MarriageCheck = {
      checkedAt: c.marriageCheck?.checkedAt ?? this.now(),
      holders: (c.marriageCheck?.holders ?? []).map((h) => {
        if (h.personId !== caller.personId) return h;
        const { spouseId: _s, registeredOn: _r, laterAnswer: _l, ...rest } = h;
        return {
          ...rest,
          status: married ? ('married' as const) : ('unmarried' as const),
          ...(spouse ? { spouseId: spouse.personId } : {}),
          commitment,
        };
      }),
    };
    this.tracking(caseId, () => {
      // a spouse pledged before but no longer named leaves the case
      const before = this.deps.caseStore.get(caseId) as CaseRecord;
      if (prev?.spouseId && prev.spouseId !== spouse?.personId)
        this.update(before, {
          parties: before.parties.filter(
            (p) => !(p.personId === prev.spouseId && p.role === 'consentingSpouse'),
          ),
        });
      this.deps.cases.recordMarriageCheck(caseId, check);
      this.setMaterial(caseId, {
        code: 'marriage',
        source: 'commitment',
        status: 'provided',
        ref: `maritalCommitment:${caller.personId}`,
      });
    });
    return this.deps.cases.getCase(caller, caseId);
  }

  private setMaterial(caseId: string, m: CaseMaterial): void {
    const c = this.deps.caseStore.get(caseId) as CaseRecord;
    this.update(c, { materials: [...c.materials.filter((x) => x.code !== m.code), m] });
  }

  // ------------------------------------------------------------ the bundle

  documents(c: CaseRecord, bt: BusinessType): BundleDoc[] {
    const files = this.deps.store.filesOf(c.caseId);
    const commitments = this.deps.store.commitmentsOf(c.caseId);
    const unit = this.deps.cases.deps.register.unit(c.unitCode);
    const application = {
      documentType: 'applicationForm',
      title: '不动产登记申请书',
      businessType: { code: bt.code, name: bt.name, version: c.businessTypeVersion },
      unitCode: c.unitCode,
      location: unit?.unit.location ?? '',
      parties: c.parties.map((p) => ({
        partyId: p.personId,
        name: p.name,
        role: p.role,
        ...(p.shareBasisPoints !== undefined ? { shareBasisPoints: p.shareBasisPoints } : {}),
      })),
      newCoOwnership: c.newCoOwnership ?? null,
      priceYuan: c.priceYuan ?? null,
      materials: bt.materials.map((m) => ({
        code: m.code,
        name: m.name,
        files: files.filter((f) => f.materialCode === m.code).map((f) => f.sm3),
        committed:
          commitments.some((x) => x.materialCode === m.code) ||
          (m.code === 'marriage' && maritalCommitmentOf(c) !== undefined),
      })),
    };
    const docs: BundleDoc[] = [
      doc('applicationForm', 'applicationForm', '不动产登记申请书', application),
    ];
    const questions = questionsFor(c, bt);
    if (questions.length) {
      const seen = new Set<string>();
      for (const p of c.parties) {
        // an organisation (bank, developer) is not questioned; it signs by its e-seal
        if (seen.has(p.personId) || this.isOrganisation(p.personId)) continue;
        seen.add(p.personId);
        const answers = this.answersOf(c, p.personId) ?? {};
        docs.push(
          doc(
            `inquiry:${p.personId}`,
            'inquiry',
            `询问笔录（${p.name}）`,
            {
              documentType: 'inquiry',
              party: { partyId: p.personId, name: p.name },
              items: questions.map((q) => ({
                code: q.code,
                question: q.text,
                answer: answers[q.code] ?? null,
              })),
            },
            p.personId,
          ),
        );
      }
    }
    for (const x of commitments) {
      const m = bt.materials.find((y) => y.code === x.materialCode);
      docs.push(
        doc(
          `commitment:${x.materialCode}`,
          'commitment',
          `承诺书（${m?.name ?? x.materialCode}）`,
          {
            documentType: 'commitment',
            material: { code: x.materialCode, name: m?.name ?? x.materialCode },
            text: `本人承诺所申报的“${m?.name ?? x.materialCode}”情况真实，如有不实，愿承担相应法律责任。`,
            partyId: x.partyId,
          },
        ),
      );
    }
    // each holder's 婚姻状况承诺 (made when 民政 could not answer), signed by all
    for (const h of c.marriageCheck?.holders ?? []) {
      if (!h.commitment) continue;
      const name = c.parties.find((p) => p.personId === h.personId)?.name ?? '';
      docs.push(
        doc(`maritalCommitment:${h.personId}`, 'commitment', `婚姻状况承诺书（${name}）`, {
          documentType: 'maritalCommitment',
          party: { partyId: h.personId, name },
          maritalStatus: h.commitment.maritalStatus,
          spouse: h.commitment.spouseId
            ? { partyId: h.commitment.spouseId, name: h.commitment.spouseName ?? '' }
            : null,
          text: h.commitment.text,
          committedAt: h.commitment.committedAt,
        }),
      );
    }
    if (bt.materials.some((m) => m.code === 'filedContract')) {
      const terms = this.contractTerms?.(c);
      docs.push(
        doc('contract', 'contract', terms ? '存量房买卖合同（网签）' : '买卖合同（网签）摘要', {
          documentType: 'contract',
          sellers: c.parties.filter((p) => p.role === 'obligor').map((p) => p.name),
          buyers: c.parties.filter((p) => p.role === 'rightHolder').map((p) => p.name),
          unitCode: c.unitCode,
          priceYuan: c.priceYuan ?? null,
          // the terms buyer and seller filled in (price in fen, payment, handover, fixtures)
          ...(terms ? { terms } : {}),
        }),
      );
    }
    return docs;
  }

  bundle(caller: PartyCaller, caseId: string) {
    const { c, bt } = this.open(caller, caseId);
    const docs = this.documents(c, bt);
    return {
      caseId,
      contentVersion: this.deps.store.changesOf(caseId).length + 1,
      documents: docs,
      coveredDocumentIds: coveredBy(docs, caller.personId).map((d) => d.id),
      bundleDigest: bundleDigestOf(coveredBy(docs, caller.personId)),
      algorithm: 'SM3' as const,
      canonicalization: 'canonical-json' as const,
    };
  }

  // ------------------------------------------------------------ signatures

  signatureView(s: StoredSignature) {
    return {
      signatureId: s.signatureId,
      caseId: s.caseId,
      partyId: s.partyId,
      signerName: s.signerName,
      signedAt: s.signedAt,
      algorithm: 'SM2-with-SM3' as const,
      bundleDigest: s.bundleDigest,
      handwritingDigest: s.handwritingDigest,
      signedDigest: s.signedDigest,
      signature: s.signature,
      ca: this.authority(s.caPublicKey, s.caCertificateId),
      current: s.current,
    };
  }

  authority(publicKey = this.deps.ca.publicKeyHex, certificateId = this.deps.ca.certificateId) {
    return {
      name: this.deps.ca.name,
      certificateId,
      algorithm: 'SM2-with-SM3' as const,
      userId: this.deps.ca.userId,
      publicKey,
    };
  }

  signatures(caller: PartyCaller, caseId: string) {
    this.open(caller, caseId);
    return this.deps.store.signaturesOf(caseId).map((s) => this.signatureView(s));
  }

  sign(caller: PartyCaller, caseId: string, handwritingBase64: string, bundleDigest: string) {
    const { c, bt } = this.open(caller, caseId);
    if (c.status !== 'signing') throw err('CONFLICT', '办件当前不在签署阶段');
    if (!c.parties.some((p) => p.personId === caller.personId && !p.signedAt))
      throw err('CONFLICT', '您已签署当前版本');
    if (questionsFor(c, bt).length && this.answersOf(c, caller.personId) === undefined)
      throw err('CONFLICT', '请先回答您的询问笔录，再签名');
    const image = /^[A-Za-z0-9+/]+={0,2}$/.test(handwritingBase64)
      ? new Uint8Array(Buffer.from(handwritingBase64, 'base64'))
      : new Uint8Array();
    const sniffed = sniffFile(image);
    if (image.length > HANDWRITING_MAX_BYTES || !sniffed.ok || sniffed.type !== 'image/png')
      throw err('HANDWRITING_INVALID', '手写签名必须是不超过 300 KB 的完整 PNG 图片，请重新签名');
    const docs = coveredBy(this.documents(c, bt), caller.personId);
    const current = bundleDigestOf(docs);
    if (bundleDigest !== current)
      throw err('BUNDLE_CHANGED', '待签署的文件已更新，请重新阅读全部文件后再签名');
    const handwritingDigest = bytesToHex(sm3(image));
    const signedDigest = signedDigestOf(current, handwritingDigest);
    const record: StoredSignature = {
      signatureId: this.deps.newId('SIG'),
      caseId,
      partyId: caller.personId,
      signerName: caller.name,
      signedAt: this.now(),
      bundleDigest: current,
      handwritingDigest,
      signedDigest,
      signature: this.deps.ca.sign(signedDigest, caller),
      caCertificateId: this.deps.ca.certificateId,
      caPublicKey: this.deps.ca.publicKeyHex,
      documents: Object.fromEntries(docs.map((d) => [d.id, d.digest])),
      current: true,
    };
    this.deps.caseStore.transaction(() => {
      this.deps.blobs.put(image);
      this.deps.store.saveSignature(record);
      this.deps.cases.act(caller, caseId, 'sign', { note: `电子签名（${record.signatureId}）` });
    });
    return this.signatureView(record);
  }

  private isOrganisation(personId: string): boolean {
    return this.deps.cases.deps.parties.person(personId)?.kind === 'legal';
  }

  /**
   * Organisations sign by their own system's e-seal (机构电子签章): a bank or developer that is a
   * party signs the bundle it is shown through its system, not on a citizen's phone. Simulated:
   * the organisation's system signs as soon as the case is in signing (and again after a change
   * voided its signature) — ASSUMPTION, documented in docs/architecture.md. The CA's SM2
   * signature covers SM3(bundle ‖ SM3 of the seal text) as for a handwritten signature.
   */
  organisationsSign(caseId: string): void {
    const c = this.deps.caseStore.get(caseId);
    if (!c || c.status !== 'signing') return;
    const bt = this.deps.cases.businessType(c.businessTypeCode);
    const current = new Set(
      this.deps.store
        .signaturesOf(caseId)
        .filter((s) => s.current)
        .map((s) => s.partyId),
    );
    const seen = new Set<string>();
    for (const p of c.parties) {
      if (seen.has(p.personId) || current.has(p.personId) || !this.isOrganisation(p.personId))
        continue;
      seen.add(p.personId);
      const fresh = this.deps.caseStore.get(caseId) as CaseRecord;
      const docs = coveredBy(this.documents(fresh, bt), p.personId);
      const bundleDigest = bundleDigestOf(docs);
      const seal = new TextEncoder().encode(`机构电子签章|${p.personId}|${p.name}`);
      const handwritingDigest = bytesToHex(sm3(seal));
      const signedDigest = signedDigestOf(bundleDigest, handwritingDigest);
      const signer = { personId: p.personId, name: p.name };
      const record: StoredSignature = {
        signatureId: this.deps.newId('SIG'),
        caseId,
        partyId: p.personId,
        signerName: p.name,
        signedAt: this.now(),
        bundleDigest,
        handwritingDigest,
        signedDigest,
        signature: this.deps.ca.sign(signedDigest, signer),
        caCertificateId: this.deps.ca.certificateId,
        caPublicKey: this.deps.ca.publicKeyHex,
        documents: Object.fromEntries(docs.map((d) => [d.id, d.digest])),
        current: true,
      };
      this.deps.caseStore.transaction(() => {
        this.deps.store.saveSignature(record);
        this.deps.cases.act(signer, caseId, 'sign', {
          note: `机构电子签章（${record.signatureId}）`,
        });
      });
    }
  }

  /** Does the record verify, and does it cover this bundle digest? */
  verify(
    record: {
      bundleDigest: string;
      handwritingDigest: string;
      signature: string;
      ca?: { publicKey?: string };
    },
    bundleDigest: string,
  ): { valid: boolean; message: string } {
    const hex = /^[0-9a-f]{64}$/;
    if (!hex.test(record.bundleDigest) || !hex.test(record.handwritingDigest))
      return { valid: false, message: '签名记录格式不正确' };
    const signed = signedDigestOf(record.bundleDigest, record.handwritingDigest);
    if (!this.deps.ca.verify(signed, record.signature, record.ca?.publicKey))
      return { valid: false, message: '签名无效：签名值与签名记录不符' };
    if (record.bundleDigest !== bundleDigest)
      return { valid: false, message: '签名无效：文件内容在签名后已被改动' };
    return { valid: true, message: '签名有效，签署后文件内容未被改动' };
  }

  decline(caller: PartyCaller, caseId: string, reason: string) {
    const { c } = this.open(caller, caseId);
    const r = applyAction(c, 'decline', { kind: 'party', personId: caller.personId }, this.now(), {
      partyName: caller.name,
      note: reason,
    });
    if (!r.ok) throw err('CONFLICT', r.reason);
    this.deps.caseStore.transaction(() => {
      this.deps.caseStore.update({ ...r.case, version: c.version + 1 }, c.version);
      const at = this.now();
      for (const s of this.deps.store.signaturesOf(caseId)) {
        if (s.current) this.deps.store.voidSignature(s.signatureId, at);
      }
      this.deps.cases.deliver(
        c,
        '当事人拒绝签署，办件已退回申请人',
        `${caller.name}拒绝签署，理由：${reason}。办件已退回申请发起人修改，已有的签名作废，修改后需全体当事人重新签署。`,
      );
    });
    return this.deps.cases.getCase(caller, caseId);
  }

  /**
   * Runs a change and then voids every signature whose signed content changed: the party's
   * 已签 is cleared, the change is recorded and every party is told what changed.
   */
  tracking<T>(caseId: string, change: () => T): T {
    return this.deps.caseStore.transaction(() => {
      const out = change();
      this.reconcile(caseId);
      return out;
    });
  }

  private reconcile(caseId: string): void {
    const c = this.deps.caseStore.get(caseId);
    if (!c) return;
    const live = this.deps.store.signaturesOf(caseId).filter((s) => s.current);
    if (!live.length) return;
    const bt = this.deps.cases.businessType(c.businessTypeCode);
    const docs = this.documents(c, bt);
    const at = this.now();
    const voided: StoredSignature[] = [];
    const changes = new Set<string>();
    for (const s of live) {
      const covered = coveredBy(docs, s.partyId);
      if (bundleDigestOf(covered) === s.bundleDigest) continue;
      this.deps.store.voidSignature(s.signatureId, at);
      voided.push(s);
      for (const x of changedDocuments(s.documents, covered, {})) changes.add(x);
    }
    if (!voided.length) return;
    const ids = new Set(voided.map((s) => s.partyId));
    const parties = c.parties.map((p) => {
      if (!ids.has(p.personId)) return p;
      const { signedAt: _dropped, ...rest } = p;
      void _dropped;
      return rest;
    });
    this.update(c, { parties });
    const list = [...changes];
    this.deps.store.saveChange({ caseId, at, changes: list });
    this.organisationsSign(caseId);
    this.deps.cases.deliver(
      c,
      '签署内容已变更，请重新签署',
      `办件内容在签名后发生了变更（${list.join('；')}），${voided.map((s) => s.signerName).join('、')}的签名已作废，请重新阅读并签署。`,
    );
  }

  // ------------------------------------------------------------ status and submission

  /** The signing status' ETag for a party of the case (404 for anybody else); cheap. */
  etag(caller: PartyCaller, caseId: string): string {
    const c = this.deps.caseStore.get(caseId);
    if (!c || !c.parties.some((p) => p.personId === caller.personId)) throw notFound('办件不存在');
    const sigs = this.deps.store.signaturesOf(caseId).length;
    const inq = this.deps.store.inquiriesOf(caseId).length;
    const inv = this.deps.store.invitationsOf(caseId).length;
    return `W/"${c.version}-${sigs}-${inq}-${inv}"`;
  }

  status(caller: PartyCaller, caseId: string) {
    const view = this.deps.cases.getCase(caller, caseId);
    const c = view.case;
    const bt = this.deps.cases.businessType(c.businessTypeCode);
    const inquiries = this.deps.store.inquiriesOf(caseId);
    const invitations = this.deps.store.invitationsOf(caseId);
    const lastStart = Math.max(
      0,
      ...c.timeline.filter((t) => t.action === 'startSigning').map((t) => t.seq),
    );
    const declines = c.timeline.filter((t) => t.action === 'decline' && t.seq > lastStart);
    const changes = this.deps.store.changesOf(caseId);
    const last = changes.at(-1);
    const seen = new Set<string>();
    const parties = c.parties
      .filter((p) => (seen.has(p.personId) ? false : (seen.add(p.personId), true)))
      .map((p) => {
        const d =
          c.status === 'draft'
            ? declines.filter((x) => x.actor.id === p.personId).at(-1)
            : undefined;
        const inq = inquiries.find((i) => i.partyId === p.personId);
        const inv = invitations.filter((i) => i.partyId === p.personId).at(-1);
        return {
          partyId: p.personId,
          name: p.name,
          role: p.role,
          state: d
            ? ('declined' as const)
            : p.signedAt
              ? ('signed' as const)
              : ('waiting' as const),
          ...(p.signedAt ? { signedAt: p.signedAt } : {}),
          ...(d ? { declinedAt: d.at, ...(d.note ? { declineReason: d.note } : {}) } : {}),
          ...(inq ? { inquiryAnsweredAt: inq.answeredAt } : {}),
          ...(inv ? { invitationExpiresAt: inv.expiresAt } : {}),
          ...(this.isOrganisation(p.personId) ? { organisation: true } : {}),
        };
      });
    return {
      caseId,
      status: c.status,
      version: c.version,
      contentVersion: changes.length + 1,
      bundleDigest: bundleDigestOf(coveredBy(this.documents(c, bt), caller.personId)),
      parties,
      allSigned: c.parties.every((p) => p.signedAt),
      ...(last ? { lastChange: { at: last.at, changes: last.changes } } : {}),
      availableActions: view.availableActions as string[],
    };
  }

  /**
   * Before submitting: every party needs a current e-signature (电子签名法 §13–14), else 409
   * SIGNATURES_INCOMPLETE. Counter intake (usecases/staff) is signed in person before staff and
   * never passes through here.
   */
  assertSignedForSubmission(caseId: string): void {
    const c = this.deps.caseStore.get(caseId);
    // other statuses are refused by the lifecycle itself (and unknown cases are 404 there)
    if (!c || c.status !== 'signing') return;
    const missing = this.unsignedParties(c);
    if (missing.length)
      throw err(
        'SIGNATURES_INCOMPLETE',
        `还有当事人未签署当前版本：${[...new Set(missing)].join('、')}`,
      );
  }

  /** The names of the parties without a current e-signature (every party needs one). */
  private unsignedParties(c: CaseRecord): string[] {
    const sigs = this.deps.store.signaturesOf(c.caseId);
    const current = new Set(sigs.filter((s) => s.current).map((s) => s.partyId));
    return c.parties.filter((p) => !current.has(p.personId)).map((p) => p.name);
  }

  /**
   * Whether a case being signed has every party's current e-signature, i.e. over the current
   * bundle (the 网签 contract terms included). The contract is filed only then.
   */
  signedByAll(caseId: string): boolean {
    const c = this.deps.caseStore.get(caseId);
    return !!c && c.status === 'signing' && this.unsignedParties(c).length === 0;
  }

  /** Runs `fn` once per (caller, key): a retry with the same key gets the same answer. */
  idempotent<T>(personId: string, key: string | undefined, fingerprint: string, fn: () => T): T {
    if (!key) return fn();
    const prior = this.deps.store.idempotent(personId, key);
    if (prior) {
      if (prior.fingerprint !== fingerprint)
        throw err('IDEMPOTENCY_KEY_REUSED', '该请求标识已用于另一个请求，请重新操作');
      return JSON.parse(prior.response) as T;
    }
    return this.deps.caseStore.transaction(() => {
      const out = fn();
      this.deps.store.saveIdempotent(personId, key, fingerprint, JSON.stringify(out), this.now());
      return out;
    });
  }
}
