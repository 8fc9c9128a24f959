import { View } from '@tarojs/components';
import { getPlatform } from '../platform';
import { goBack, goHome, isTabPage } from '../platform/navigation';
import { Button } from './Button';
import './ui.css';

/**
 * 返回 and 首页 on top of every page outside the tab bar, in a plain browser. Inside 浙里办 and
 * the mini-programs the container's own bar does this, so nothing is drawn.
 */
export function NavBar({ route }: { route: string | undefined }) {
  let native = true;
  try {
    native = getPlatform().nativeNavigation;
  } catch {
    native = true;
  }
  if (native || !route || isTabPage(route)) return null;
  return (
    <View className="ui-navbar" role="navigation" aria-label="页面导航">
      <Button
        variant="text"
        className="ui-navbar__back"
        label="返回上一页"
        onPress={() => void goBack()}
      >
        ‹ 返回
      </Button>
      <Button
        variant="text"
        className="ui-navbar__home"
        label="回到首页"
        onPress={() => void goHome()}
      >
        首页
      </Button>
    </View>
  );
}
