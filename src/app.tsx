import type { PropsWithChildren } from 'react';
import { initElderMode } from '@/shared/theme/elderMode';
import './app.css';

// Before the first page renders: the stored 长辈版 choice, else the container's (浙里办) style.
void initElderMode();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
