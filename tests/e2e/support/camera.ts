/**
 * Chromium's fake camera (--use-fake-device-for-media-stream) draws the same deterministic test
 * pattern from frame 0 every time a camera is opened, so two face checks that capture at the same
 * moments send byte-identical JPEGs — which the identity simulator rightly refuses as replayed
 * (FRAMES_REPLAYED). A real sensor never repeats a frame: it has noise. `withSensorNoise(page)`
 * models that, test-side only: getUserMedia still opens the fake camera, and the stream the app
 * gets is that camera's picture redrawn on a canvas with a few random pixels per frame.
 */
import type { Page } from 'playwright-core';

function installSensorNoise(): void {
  const media = navigator.mediaDevices;
  if (!media?.getUserMedia) return;
  const open = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const camera = await open(constraints);
    if (camera.getVideoTracks().length === 0) return camera;
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = camera;
    await video.play();
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth || 640;
    canvas.height = video.videoHeight || 480;
    const ctx = canvas.getContext('2d')!;
    const draw = () => {
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      for (let i = 0; i < 24; i++) {
        const v = Math.floor(Math.random() * 256);
        ctx.fillStyle = `rgb(${v},${(v * 7) % 256},${(v * 13) % 256})`;
        ctx.fillRect(
          Math.floor(Math.random() * canvas.width),
          Math.floor(Math.random() * canvas.height),
          3,
          3,
        );
      }
    };
    draw();
    const timer = setInterval(draw, 33);
    const stream = canvas.captureStream(30);
    const track = stream.getVideoTracks()[0];
    const stop = track.stop.bind(track);
    track.stop = () => {
      clearInterval(timer);
      stop();
      camera.getTracks().forEach((t) => t.stop());
    };
    return stream;
  };
}

/** Call before the page loads the app. */
export async function withSensorNoise(page: Page): Promise<void> {
  await page.addInitScript(installSensorNoise);
}
