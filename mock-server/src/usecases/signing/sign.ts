/**
 * A party e-signs the case (电子签名法 §13–14): on their phone, after a fresh face check, over
 * the bundle digest they read. The handwriting must be a complete PNG, inspected in full like
 * every upload (decoded and re-encoded: data after its end, markup or too many pixels refused;
 * what is digested and stored is the re-encoded picture); the digest must be the
 * current one (else the bundle changed under them); a party with a 询问笔录 must have answered
 * it. The signature CA issues the person an event certificate on that face check (a key pair
 * for this act only, naming them) and that key signs SM3(bundle ‖ SM3 of the handwriting); the
 * record keeps the certificate and the face-check reference; the lifecycle records the party as
 * signed. A party's signature over a round is recorded once: a double tap, on one node
 * or two, stores one (the store keeps one current signature per party) and the other is told
 * the party has signed already.
 */
import type { CaseRecord } from '../../domain/cases';
import { isCollectingSignatures } from '../../domain/cases/status';
import type { BusinessType } from '../../domain/catalogue';
import { bytesToHex, sm3 } from '../../domain/crypto';
import {
  bundleDigestOf,
  questionsFor,
  signedDigestOf,
  sniffFile,
  type BundleDoc,
  type FaceCheckReference,
} from '../../domain/signing';
import { isAppError } from '../../domain/errors';
import type {
  BlobStore,
  Clock,
  SignatureAuthority,
  SigningStore,
  StoredSignature,
  SignatureOnBehalf,
  UploadInspector,
} from '../../ports';
import type { PartyCaller } from '../cases/types';
import { answersOf } from './answers';
import { err, openCase, type CaseReads, type RecordSigned } from './caseAccess';
import { signatureView } from './signatures';

const HANDWRITING_MAX_BYTES = 300 * 1024;

export interface SignDeps {
  cases: CaseReads;
  store: Pick<SigningStore, 'transaction' | 'inquiriesOf' | 'saveSignature'>;
  blobs: Pick<BlobStore, 'put'>;
  /** the documents a party's signature covers */
  coveredFor: (c: CaseRecord, bt: BusinessType, personId: string) => Promise<BundleDoc[]>;
  ca: SignatureAuthority;
  recordSigned: RecordSigned;
  clock: Clock;
  newId: (prefix: string) => string;
  /** the upload inspection materials go through (adapters/uploads/inspector.ts) */
  inspector: UploadInspector;
  /** largest width × height of the handwriting, checked before it is decoded */
  uploadMaxPixels: number;
}

export class Sign {
  constructor(private readonly deps: SignDeps) {}

  /**
   * `identity` is what the event certificate names beyond the caller: their ID number (digested
   * into the certificate) and the fresh face check it is issued on.
   *
   * `agent`: an agent or guardian signs for the party `caller` (whose standing the caller of this
   * use case has checked: usecases/representation/actForPrincipal.ts). The certificate, the face
   * check, the handwriting and `signerName` are the agent's own; the record names the authority.
   */
  async sign(
    caller: PartyCaller,
    caseId: string,
    handwritingBase64: string,
    bundleDigest: string,
    identity: { idNumber: string; faceCheck: FaceCheckReference },
    agent?: { personId: string; name: string; onBehalfOf: SignatureOnBehalf; note: string },
  ) {
    const { deps } = this;
    const { c, bt } = await openCase(deps.cases, caller, caseId);
    if (!isCollectingSignatures(c)) throw err('CONFLICT', '办件当前不在签署阶段');
    const signedAlready = () => err('CONFLICT', '您已签署当前版本');
    if (!c.parties.some((p) => p.personId === caller.personId && !p.signedAt))
      throw signedAlready();
    if (
      questionsFor(c, bt).length &&
      (await answersOf(deps.store, c, caller.personId)) === undefined
    )
      throw err('CONFLICT', '请先回答您的询问笔录，再签名');
    const image = /^[A-Za-z0-9+/]+={0,2}$/.test(handwritingBase64)
      ? new Uint8Array(Buffer.from(handwritingBase64, 'base64'))
      : new Uint8Array();
    const sniffed = sniffFile(image);
    const invalid = () =>
      err('HANDWRITING_INVALID', '手写签名必须是不超过 300 KB 的完整 PNG 图片，请重新签名');
    if (image.length > HANDWRITING_MAX_BYTES || !sniffed.ok || sniffed.type !== 'image/png')
      throw invalid();
    // decoded in full and re-encoded: only the picture is kept, nothing the upload carried
    const handwriting = await deps.inspector
      .inspect(image, { maxPixels: deps.uploadMaxPixels, accept: ['image/png'] })
      .catch((e: unknown) => {
        throw isAppError(e) ? invalid() : e;
      });
    const docs = await deps.coveredFor(c, bt, caller.personId);
    const current = bundleDigestOf(docs);
    if (bundleDigest !== current)
      throw err('BUNDLE_CHANGED', '待签署的文件已更新，请重新阅读全部文件后再签名');
    const handwritingDigest = bytesToHex(sm3(handwriting.bytes));
    const signedDigest = signedDigestOf(current, handwritingDigest);
    const signed = await deps.ca.signAsPerson(
      signedDigest,
      agent
        ? { personId: agent.personId, name: agent.name, idNumber: identity.idNumber }
        : { personId: caller.personId, name: caller.name, idNumber: identity.idNumber },
      identity.faceCheck,
    );
    const record: StoredSignature = {
      signatureId: deps.newId('SIG'),
      caseId,
      partyId: caller.personId,
      signerName: agent ? agent.name : caller.name,
      signedAt: signed.signedAt,
      bundleDigest: current,
      handwritingDigest,
      signedDigest,
      signature: signed.signature,
      caCertificateId: signed.root.keyId,
      caPublicKey: signed.root.publicKeyHex,
      certificate: signed.certificate,
      faceCheck: identity.faceCheck,
      documents: Object.fromEntries(docs.map((d) => [d.id, d.digest])),
      current: true,
      ...(agent ? { onBehalfOf: agent.onBehalfOf } : {}),
    };
    // the handwriting is kept content-addressed before the record that names its digest
    await deps.blobs.put(handwriting.bytes);
    await deps.store.transaction(async () => {
      if (!(await deps.store.saveSignature(record))) throw signedAlready();
      await deps.recordSigned(
        caller,
        caseId,
        agent
          ? `${agent.note}电子签名（${record.signatureId}）`
          : `电子签名（${record.signatureId}）`,
      );
    });
    return signatureView(deps.ca, record);
  }
}
