import type { PropsWithChildren } from 'react';
import { watchChunkFailures } from '@/shared/platform/chunkFailure';
import { initElderMode } from '@/shared/theme/elderMode';
import './app.css';

// Before the first page renders: the stored 长辈版 choice, else the container's (浙里办) style.
void initElderMode();
// H5 loads each page lazily: a page that cannot load (offline) shows the offline state and 重试.
if (process.env.TARO_ENV === 'h5') watchChunkFailures(window);

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
