/**
 * /api/v1/cases and the caller's cases, messages and certificates, plus the public
 * seal check, the registry's public key and the void announcements. Every case route checks
 * that the caller is a party (others get 404).
 *
 * There is no plain `POST /cases/:id/sign`: a party signs online only through
 * `GET /cases/:id/bundle` → `POST /cases/:id/signatures` (routes/signing.ts), where the signature
 * CA signs the bundle digest together with the handwriting (电子签名法 §13–14), and the
 * lifecycle's 'sign' step is recorded only as the effect of that e-signature. Submission requires
 * a current e-signature from every party (409 SIGNATURES_INCOMPLETE otherwise). In-person
 * signing at the counter is the staff path (usecases/staff, /api/v1/staff/*).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CaseActionBody,
  CaseDocumentParams,
  CaseListResponse,
  CaseParams,
  CertificatesResponse,
  CreateCaseBody,
  DocumentResponse,
  EditCaseBody,
  ErrorBody,
  MessageParams,
  MessagesResponse,
  MessageView,
  NoQuery,
  RegistryPublicKeyResponse,
  VerifySealBody,
  VerifySealResponse,
  VoidAnnouncementsResponse,
  CaseDetail,
  type SealedDocument,
} from '../../contract';
import { NOTICE_KINDS, NOTICE_TITLES, type NoticeKind } from '../../domain/documents';
import { SM2_DEFAULT_USER_ID } from '../../domain/crypto';
import { AppError } from '../../domain/errors';
import { maskIdNumber } from '../../domain/masking';
import type { CaseService, CaseView, PartyAction } from '../../usecases/cases/service';
import type { CaseStore, StoredDocument } from '../../ports';
import type { MarriageChecks, PendingMarriageCheck } from '../../usecases/shared-data/marriage';
import {
  awaitsLaterAnswer,
  marriagePendingMessage,
  mergeMarriageAnswer,
} from '../../usecases/cases/application';
import type { MarriageCheck } from '../../domain/cases';
import { IDEMPOTENCY_KEY_HEADER } from '../../contract';
import { callerOf, requireSession, requireStepUp } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

/** What the case routes call into signing (wired with the signing use cases). */
export interface CaseRouteSigning {
  /** runs a change, then voids the signatures whose signed content changed */
  tracking<T>(caseId: string, change: () => T): T;
  /** organisations (a bank, a developer) seal the bundle by their own system */
  organisationsSign(caseId: string): void;
  /** a retry with the same Idempotency-Key gets the first answer */
  idempotent<T>(personId: string, key: string | undefined, fingerprint: string, fn: () => T): T;
  /** 409 SIGNATURES_INCOMPLETE unless every party signed the current bundle */
  assertSignedForSubmission(caseId: string): void;
}

export interface CaseRouteDeps {
  cases: CaseService;
  store: CaseStore;
  publicKey: { keyId: string; publicKeyHex: string };
  /** e-signature checks, change tracking and idempotent submission */
  signing?: CaseRouteSigning;
  /** fetches what the data sources can share before the (synchronous) submission */
  beforeSubmit?: (caller: { personId: string; name: string }, caseId: string) => Promise<void>;
  /**
   * a spouse's consent follows 民政's sealed answer (shared data), asked before the
   * synchronous draft steps; while 民政 has not answered, the case cannot be submitted
   */
  marriage?: MarriageChecks;
}

const titleOf = (d: StoredDocument) =>
  (NOTICE_KINDS as readonly string[]).includes(d.kind)
    ? NOTICE_TITLES[d.kind as NoticeKind]
    : d.kind === 'titleCertificate'
      ? '不动产权证书'
      : '不动产登记证明';

export function toCaseDetail(v: CaseView): CaseDetail {
  const c = v.case;
  const docs = v.documents.map((d) => ({
    documentId: d.documentId,
    kind: d.kind,
    number: d.number,
    issuedAt: d.issuedAt,
    title: titleOf(d),
  }));
  return {
    ...c,
    businessTypeName: v.businessTypeName,
    ...(v.location ? { location: v.location } : {}),
    ...(c.recording
      ? {
          recording: {
            ...(c.recording.kind ? { kind: c.recording.kind } : {}),
            certificateNumber: c.recording.certificateNumber,
            certificateKind:
              c.recording.kind === 'mortgage' || c.recording.kind === 'mortgageCancellation'
                ? 'registrationProof'
                : 'titleCertificate',
            licenceId: c.recording.licenceId,
            recordedAt: c.recording.recordedAt,
            voidAnnounced: c.recording.voidAnnounced,
          },
        }
      : {}),
    ...(c.identityChange
      ? {
          identityChange: {
            ...c.identityChange,
            newIdNumber: maskIdNumber(c.identityChange.newIdNumber),
          },
        }
      : {}),
    ...(c.marriageCheck
      ? {
          marriageCheck: {
            checkedAt: c.marriageCheck.checkedAt,
            holders: c.marriageCheck.holders.map((x) => ({
              personId: x.personId,
              status: x.status,
              ...(x.reason ? { reason: x.reason } : {}),
              ...(x.commitment
                ? {
                    commitment: {
                      maritalStatus: x.commitment.maritalStatus,
                      ...(x.commitment.spouseName ? { spouseName: x.commitment.spouseName } : {}),
                      committedAt: x.commitment.committedAt,
                      contradicted: x.laterAnswer?.contradicts ?? false,
                    },
                  }
                : {}),
            })),
            ...(marriagePendingMessage(c.marriageCheck)
              ? { message: marriagePendingMessage(c.marriageCheck) }
              : {}),
          },
        }
      : {}),
    documents: docs,
    notices: docs.filter((d) => (NOTICE_KINDS as readonly string[]).includes(d.kind)),
    availableActions: v.availableActions,
  } as CaseDetail;
}

/** caller as the case use cases see it */
const party = (req: Parameters<typeof callerOf>[0]) => {
  const c = callerOf(req);
  return { personId: c.personId, name: c.name };
};

/**
 * Party actions with a route of their own. 'sign' is deliberately absent (see above); so is
 * 'payTax': `POST /cases/:id/tax-payment` pays through the payment gateway (routes/sale.ts).
 */
const ACTION_PATHS: [string, Exclude<PartyAction, 'sign'>, 'session' | 'stepUp'][] = [
  ['start-signing', 'startSigning', 'session'],
  ['submit', 'submit', 'stepUp'],
  ['withdraw', 'withdraw', 'session'],
  ['correction-answer', 'answerCorrection', 'session'],
];

/** applications naming a unit by certificate number, per person per hour */
export const CERTIFICATE_LOOKUPS_PER_WINDOW = 10;
const LOOKUP_WINDOW_MS = 3_600_000;

export async function caseRoutes(app: FastifyInstance, deps: CaseRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { cases } = deps;
  const CaseResponse = { 200: CaseDetail, ...ERRORS };

  // A certificate number names someone else's unit for a buyer: every lookup by number (found or
  // not) counts, so the numbering cannot be walked to learn which units exist and where.
  const lookups = new Map<string, number[]>();
  const limitCertificateLookups = (personId: string) => {
    const now = Date.now();
    const recent = (lookups.get(personId) ?? []).filter((t) => t > now - LOOKUP_WINDOW_MS);
    if (recent.length >= CERTIFICATE_LOOKUPS_PER_WINDOW) {
      throw new AppError('RATE_LIMITED', '凭证书号查找不动产的次数过多，请1小时后再试', {
        retryAfterSeconds: Math.ceil((recent[0] + LOOKUP_WINDOW_MS - now) / 1000),
      });
    }
    lookups.set(personId, [...recent, now]);
    if (lookups.size > 10_000) lookups.clear();
  };

  /**
   * 民政 again for a draft or a case being signed whose holders' marriage it has not answered
   * yet (asked before an edit of the parties and before a submission). Undefined when nothing is
   * unknown or 民政 still gives no answer for some holder (the case keeps waiting).
   */
  const askMarriageAgain = async (
    caller: { personId: string; name: string },
    caseId: string,
  ): Promise<PendingMarriageCheck | undefined> => {
    const m = deps.marriage;
    if (!m) return undefined;
    const c = cases.getCase(caller, caseId).case; // 404 unless a party
    if (c.status !== 'draft' && c.status !== 'signing') return undefined;
    const current = c.marriageCheck;
    // also when a holder pledged their status (婚姻状况承诺): 民政's later answer is kept beside
    // the pledge, never replacing it (a contradiction goes to staff)
    if (!current) return undefined;
    if (!current.holders.some((x) => x.status === 'unknown') && !awaitsLaterAnswer(current))
      return undefined;
    const pending = await m.forUnit(c.businessTypeCode, c.unitCode);
    if (!pending) return undefined;
    const check = mergeMarriageAnswer(current, pending.check);
    if (check.holders.some((x) => x.status === 'unknown')) return undefined;
    const same = JSON.stringify(check.holders) === JSON.stringify(current.holders);
    return same ? undefined : { ...pending, check };
  };

  api.post(
    '/cases',
    {
      preHandler: requireSession,
      schema: { body: CreateCaseBody, response: { 201: CaseDetail, ...ERRORS } },
    },
    async (req, reply) => {
      const caller = party(req);
      if (req.body.certificateNumber?.trim()) limitCertificateLookups(caller.personId);
      // whether a holder is married is 民政's sealed answer, asked before the draft
      const m = deps.marriage;
      const pending = m
        ? await m.forUnit(req.body.businessTypeCode, cases.draftTarget(caller, req.body).unitCode)
        : undefined;
      const view = cases.createDraft(caller, req.body, pending?.check);
      if (m && pending && view.case.marriageCheck) m.keep(view.case.caseId, pending);
      return reply.status(201).send(toCaseDetail(view));
    },
  );

  api.get(
    '/cases/:caseId',
    {
      preHandler: requireSession,
      schema: { params: CaseParams, querystring: NoQuery, response: CaseResponse },
    },
    async (req) => toCaseDetail(cases.getCase(party(req), req.params.caseId)),
  );

  api.patch(
    '/cases/:caseId',
    {
      preHandler: requireSession,
      schema: { params: CaseParams, body: EditCaseBody, response: CaseResponse },
    },
    async (req) => {
      const { version, ...input } = req.body;
      // new parties: 民政 is asked again if it had not answered for a holder
      const again = input.parties
        ? await askMarriageAgain(party(req), req.params.caseId)
        : undefined;
      const edit = () => {
        const v = cases.editDraft(party(req), req.params.caseId, version, input, again?.check);
        if (again) deps.marriage?.keep(req.params.caseId, again);
        return v;
      };
      const signing = deps.signing;
      return toCaseDetail(signing ? signing.tracking(req.params.caseId, edit) : edit());
    },
  );

  for (const [path, action, guard] of ACTION_PATHS) {
    api.post(
      `/cases/:caseId/${path}`,
      {
        preHandler: guard === 'stepUp' ? requireStepUp : requireSession,
        schema: { params: CaseParams, body: CaseActionBody, response: CaseResponse },
      },
      async (req) => {
        /** submit: 民政's fresh answer, stored with the submission */
        let check: MarriageCheck | undefined;
        const run = () =>
          toCaseDetail(
            cases.act(party(req), req.params.caseId, action, {
              ...(req.body.version !== undefined ? { expectedVersion: req.body.version } : {}),
              ...(action === 'submit' && check ? { marriageCheck: check } : {}),
              ...(req.body.note ? { note: req.body.note } : {}),
              ...(req.body.materials ? { materials: req.body.materials } : {}),
            }),
          );
        const signing = deps.signing;
        if (action === 'startSigning' && signing) {
          // organisations (a bank, a developer) sign by their own system's e-seal
          run();
          signing.organisationsSign(req.params.caseId);
          return toCaseDetail(cases.getCase(party(req), req.params.caseId));
        }
        if (action !== 'submit') return run();
        // a case is submitted only with every party's current e-signature
        if (!signing) throw new AppError('SIGNATURES_INCOMPLETE', '当事人尚未完成电子签名');
        // a holder's marriage 民政 had not answered is asked again; an answer that
        // needs a spouse who is not a party yet adds her (signatures voided: she must sign too)
        const again = await askMarriageAgain(party(req), req.params.caseId);
        check = again?.check;
        if (again) {
          deps.marriage?.keep(req.params.caseId, again);
          const c = cases.getCase(party(req), req.params.caseId).case;
          const adds = cases.spousesNeeded(c, again.check).length > 0;
          if (adds) {
            signing.tracking(req.params.caseId, () =>
              cases.recordMarriageCheck(req.params.caseId, again.check),
            );
            check = undefined;
          }
        }
        if (deps.beforeSubmit) await deps.beforeSubmit(party(req), req.params.caseId);
        // a double tap or a retry with the same Idempotency-Key submits once
        const key = req.headers[IDEMPOTENCY_KEY_HEADER];
        return signing.idempotent(
          party(req).personId,
          typeof key === 'string' ? key.slice(0, 128) : undefined,
          `submit|${req.params.caseId}|${JSON.stringify(req.body)}`,
          () => {
            signing.assertSignedForSubmission(req.params.caseId);
            return run();
          },
        );
      },
    );
  }

  api.get(
    '/cases/:caseId/documents/:documentId',
    {
      preHandler: requireSession,
      schema: {
        params: CaseDocumentParams,
        querystring: NoQuery,
        response: { 200: DocumentResponse, ...ERRORS },
      },
    },
    async (req) => {
      const d = cases.document(party(req), req.params.caseId, req.params.documentId);
      return {
        documentId: d.documentId,
        kind: d.kind,
        number: d.number,
        issuedAt: d.issuedAt,
        document: d.document as SealedDocument,
      };
    },
  );

  api.get(
    '/me/cases',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: CaseListResponse, ...ERRORS } },
    },
    async (req) => ({ items: cases.myCases(party(req)).map(toCaseDetail) }),
  );

  api.get(
    '/me/messages',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: MessagesResponse, ...ERRORS } },
    },
    async (req) => ({ items: cases.myMessages(party(req)) }),
  );

  api.post(
    '/me/messages/:messageId/read',
    {
      preHandler: requireSession,
      schema: { params: MessageParams, response: { 200: MessageView, ...ERRORS } },
    },
    async (req) => cases.readMessage(party(req), req.params.messageId),
  );

  api.get(
    '/me/certificates',
    {
      preHandler: requireSession,
      schema: { querystring: NoQuery, response: { 200: CertificatesResponse, ...ERRORS } },
    },
    async (req) => ({
      items: cases.myCertificates(party(req)).map(({ document, ...c }) => ({
        ...c,
        ...(document ? { document: document.document as SealedDocument } : {}),
      })),
    }),
  );

  // ---------------------------------------------------------------- public

  api.post(
    '/documents/verify-seal',
    { schema: { body: VerifySealBody, response: { 200: VerifySealResponse, ...ERRORS } } },
    async (req) => cases.verifyDocument(req.body.document as never),
  );

  api.get(
    '/registry/public-key',
    { schema: { querystring: NoQuery, response: { 200: RegistryPublicKeyResponse, ...ERRORS } } },
    async () => ({
      keyId: deps.publicKey.keyId,
      algorithm: 'SM2-with-SM3' as const,
      curve: 'sm2p256v1' as const,
      userId: SM2_DEFAULT_USER_ID,
      publicKey: deps.publicKey.publicKeyHex,
    }),
  );

  api.get(
    '/void-announcements',
    { schema: { querystring: NoQuery, response: { 200: VoidAnnouncementsResponse, ...ERRORS } } },
    async () => ({ items: deps.store.voidAnnouncements() }),
  );
}
