/**
 * The invitation link as a QR image, drawn by the same encoder as the wallet's 亮证. Loaded on
 * demand by InviteQr, so qrcode-generator never enters the H5 first load.
 */
export { qrDataUrl as inviteQrDataUrl } from '@/shared/lib/qr';
