import {
  MAX_LONG_EDGE,
  needsCompression,
  nextQuality,
  scaledSize,
  sniffType,
  TARGET_BYTES,
} from '../../../src/shared/lib/imageScale';
import { backingSize, addPoint, inkLength } from '../../../src/shared/lib/strokes';

describe('scaling a photo to a 2000 px long edge', () => {
  it.each([
    [4000, 3000, 2000, 1500], // 12 MP landscape
    [3000, 4000, 1500, 2000], // portrait
    [4032, 3024, 2000, 1500],
    [9000, 100, 2000, 22], // panorama: short side rounded, never 0
    [20000, 1, 2000, 1],
    [2000, 2000, 2000, 2000], // exactly the limit
    [1200, 800, 1200, 800], // never upscaled
  ])('%i×%i → %i×%i', (w, h, ew, eh) => {
    expect(scaledSize(w, h)).toEqual({ width: ew, height: eh });
  });

  it('keeps the aspect ratio within a pixel and the long edge at the limit', () => {
    for (let i = 0; i < 200; i++) {
      const w = 1 + Math.floor(Math.random() * 12000);
      const h = 1 + Math.floor(Math.random() * 12000);
      const s = scaledSize(w, h);
      expect(Math.max(s.width, s.height)).toBe(Math.min(MAX_LONG_EDGE, Math.max(w, h)));
      if (Math.max(w, h) > MAX_LONG_EDGE) {
        const long = w >= h ? s.height : s.width;
        const ideal = (Math.min(w, h) * MAX_LONG_EDGE) / Math.max(w, h);
        expect(Math.abs(long - Math.max(1, ideal))).toBeLessThanOrEqual(1);
      }
    }
  });

  it('refuses an image without a size', () => {
    expect(() => scaledSize(0, 100)).toThrow(RangeError);
    expect(() => scaledSize(NaN, 100)).toThrow(RangeError);
  });

  it('re-encodes what is too big in pixels or bytes, or not JPEG', () => {
    expect(needsCompression({ width: 4000, height: 3000 }, 100_000, 'image/jpeg')).toBe(true);
    expect(needsCompression({ width: 1000, height: 800 }, TARGET_BYTES + 1, 'image/jpeg')).toBe(
      true,
    );
    expect(needsCompression({ width: 1000, height: 800 }, 50_000, 'image/png')).toBe(true);
    expect(needsCompression({ width: 1000, height: 800 }, 50_000, 'image/jpeg')).toBe(false);
  });

  it('steps the quality down from 0.8 only while over the target, to a floor', () => {
    expect(nextQuality(0.8, TARGET_BYTES)).toBeNull();
    expect(nextQuality(0.8, TARGET_BYTES + 1)).toBe(0.7);
    expect(nextQuality(0.7, TARGET_BYTES + 1)).toBe(0.6);
    expect(nextQuality(0.6, TARGET_BYTES + 1)).toBe(0.5);
    expect(nextQuality(0.5, TARGET_BYTES + 1)).toBeNull();
  });

  it('tells JPEG, PNG and PDF by their magic numbers, not by name', () => {
    expect(sniffType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('image/png');
    expect(sniffType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffType(new TextEncoder().encode('GIF89a'))).toBeNull();
  });
});

describe('signature pad geometry', () => {
  it('sizes the backing store for the device pixel ratio (capped at 3)', () => {
    expect(backingSize(300, 200, 2)).toEqual({ width: 600, height: 400, ratio: 2 });
    expect(backingSize(300, 200, 4)).toEqual({ width: 900, height: 600, ratio: 3 });
    expect(backingSize(300, 200, 0)).toEqual({ width: 300, height: 200, ratio: 1 });
  });
  it('drops jitter points and measures ink', () => {
    const s = [{ x: 0, y: 0 }];
    expect(addPoint(s, { x: 0.5, y: 0.5 })).toBe(false);
    expect(addPoint(s, { x: 3, y: 4 })).toBe(true);
    expect(inkLength([s])).toBe(5);
  });
});
