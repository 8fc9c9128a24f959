/**
 * What an uploaded file really is, decided by reading all of it: images decoded and re-encoded
 * (what is stored is the re-encoded picture, never the bytes as sent), PDFs parsed and refused
 * when they carry anything but pages. A refusal is an AppError with a stable code (UPLOAD_*) and
 * a Chinese message; nothing is stored by the inspector.
 */
export type InspectedType = 'image/jpeg' | 'image/png' | 'application/pdf';

export interface InspectedUpload {
  type: InspectedType;
  /** the bytes to store: the re-encoded image, or the PDF as received */
  bytes: Uint8Array;
  width?: number;
  height?: number;
}

export interface UploadLimits {
  /** largest width × height, checked on the declared size before anything is decoded */
  maxPixels: number;
  /** the types this upload may be (default: JPEG, PNG and PDF) */
  accept?: readonly InspectedType[];
}

export interface UploadInspector {
  inspect(bytes: Uint8Array, limits: UploadLimits): Promise<InspectedUpload>;
}
