/**
 * The invitation's QR code: the invitation link a phone camera opens (on H5 the app's own page
 * with the code; elsewhere the link path), drawn after qrcode-generator loads on demand.
 */
import { Text, View } from '@tarojs/components';
import { Image } from '@/shared/ui/controls';
import { useEffect, useState } from 'react';
import './terms.css';

/** The absolute address of the invitation page on H5 (hash router); the path elsewhere. */
export function invitationUrl(link: string): string {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.location)
    return link;
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#${link.startsWith('/') ? link : `/${link}`}`;
}

export function InviteQr({ link, name }: { link: string; name: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const url = invitationUrl(link);
  useEffect(() => {
    let live = true;
    import('./inviteQr').then(
      (m) => {
        if (live) setSrc(m.inviteQrDataUrl(url));
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [url]);
  const alt = `邀请${name}签名的二维码，请对方用手机扫描`;
  if (failed)
    return <Text className="invitation__qr-failed">二维码暂时无法显示，请发送邀请码或链接。</Text>;
  if (!src)
    return (
      <View className="invitation__qr invitation__qr--loading" role="status">
        正在生成二维码…
      </View>
    );
  return process.env.TARO_ENV === 'h5' ? (
    <img className="invitation__qr" src={src} alt={alt} data-url={url} />
  ) : (
    <Image className="invitation__qr" src={src} mode="aspectFit" ariaLabel={alt} />
  );
}
