import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCatalogue } from './store';

/** For the page that shows the catalogue: pull down to fetch it again. */
export function useCataloguePullDownRefresh(): void {
  const reload = useCatalogue((s) => s.reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
}
